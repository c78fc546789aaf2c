"""Article -> proposed goals: a side tool whose YAML output goes into config/goals/.

Pure functions, no I/O. ``extract(text)`` reads an article (any mix of Traditional characters,
pinyin annotations, full-width digits, stray spaces, navigation junk, a body repeated twice) and
returns :class:`Candidate` goals with the verbatim quote each came from; ``to_goals_yaml`` and
``to_json`` render them the way ``config/goals/*.yaml`` and ``tracker goals --json`` do.

How a sentence is read:

* The article is cleaned (:func:`tracker.domain.text.clean`), split into lines, sentences
  (。；;！？ and bullets ◆●▶■, a list item's number 1. （一） left out) and clauses (，,：:); a
  clause is split into list items on 、. Pinyin the cleaning leaves is skipped.
* Figures are found by pattern: ``增长7%``, ``不少于80个``, ``超300亿元``, ``1-2个``, ``6%左右``,
  ``3万余人``, ``两位数增长``, ``翻一番``, ``与上年持平``, ``五分之一``, ``“零”突破``, ``超千亿``,
  ``50强``, ``前十``, ``3月底前动工``; Chinese numerals (一千两百万人, 百分之四点五) are read on
  the figure's own span with cn2an. A line of ``|`` cells is a table row.
* A figure that qualifies a noun (``10亿元以上项目``, ``投资200亿元的…``, ``百亿级``) is not
  a target.
* Past statements (an earlier year, 去年, 同比, 已…, and 完成 + a figure in a sentence without a
  plan word) become baselines of the matching goal, not goals; the tense carries from sentence
  to sentence until a year, 今年 or a plan word changes it. Years only written in such reports
  (2024年…完成GDP573.7亿元) are not the plan year.
* 零突破 is at least one (家 for firms, else 个); 涨幅…左右 and 控制在…左右 are ceilings;
  降低3% is a growth of −3%. 分别/均 share one clause's figures out to several names or
  entities. A short line or a task verb (加装, 开设) is read without a plan word.
* The writers keep only goals whose quote ``tracker check`` finds the figure in.

Where each step lives: ``article`` (lines, metadata), ``split`` (sentences, clauses, items),
``numerals``, ``patterns`` and ``hits`` (figures), ``cues`` (the words around them), ``tense``,
``entities``, ``year``, ``indicators`` (names), ``roles``, ``classify``, ``respectively`` and
``clauses`` (one clause), ``resolve`` and ``baselines`` (one sentence), ``tables`` (rows of a
table), ``reader`` (the article), ``propose`` (the entry points), ``model`` (what is returned),
``ids`` and ``writers`` (YAML and JSON output).
"""

from tracker.extract.model import Candidate, Extraction
from tracker.extract.propose import decode_article, extract, extract_targets
from tracker.extract.writers import to_goals, to_goals_yaml, to_json

__all__ = [
    "Candidate",
    "Extraction",
    "decode_article",
    "extract",
    "extract_targets",
    "to_goals",
    "to_goals_yaml",
    "to_json",
]
