"""Article -> proposed goals: a side tool whose YAML output goes into config/goals/.

Pure functions, no I/O. ``extract(text)`` reads an article (any mix of Traditional characters,
pinyin annotations, full-width digits, stray spaces, navigation junk, a body repeated twice) and
returns :class:`Candidate` goals with the verbatim quote each came from; ``to_goals_yaml`` and
``to_json`` render them the way ``config/goals/*.yaml`` and ``tracker goals --json`` do.

How a sentence is read:

* The article is cleaned (:func:`tracker.domain.text.clean`), split into lines, sentences
  (。；;！？) and clauses (，,：:); a clause is split into list items on 、.
* Figures are found by pattern: ``增长7%``, ``不少于80个``, ``超300亿元``, ``1-2个``, ``6%左右``,
  ``两位数增长``, ``“零”突破``, ``超千亿``, ``50强``, ``3月底前动工``.
* A figure that qualifies a noun (``10亿元以上项目``, ``投资200亿元的…``, ``百亿级``) is not
  a target.
* Past statements (an earlier year, 去年, 同比, 已…, and 完成 + a figure in a sentence without a
  plan word) become baselines of the matching goal, not goals; the tense carries from sentence
  to sentence until a year, 今年 or a plan word changes it. Years only written in such reports
  (2024年…完成GDP573.7亿元) are not the plan year.
* 零突破 is at least one (家 for firms, else 个); 涨幅…左右 and 控制在…左右 are ceilings.

Where each step lives: ``article`` (lines, metadata), ``split`` (sentences, clauses, items),
``patterns`` and ``hits`` (figures), ``cues`` (the words around them), ``tense``, ``entities``,
``year``, ``indicators`` (names), ``roles``, ``classify`` and ``clauses`` (one clause),
``resolve`` and ``baselines`` (one sentence), ``reader`` (the article), ``propose`` (the entry
points), ``model`` (what is returned), ``ids`` and ``writers`` (YAML and JSON output).
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
