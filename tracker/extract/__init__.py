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
  ``3万余人``, ``百余个``, ``两位数增长``, ``翻一番``, ``与上年持平``, ``五分之一``, ``占全市1/8``,
  ``“零”突破``, ``超千亿``, ``50强``, ``前十``, ``3月底前动工``; Chinese numerals (一千两百万人,
  一万二千人, 百分之四点五) are read on the figure's own span with cn2an. A line of ``|`` cells is
  a table row; a cell alone on its line says its own tense.
* A figure that qualifies a noun (``10亿元以上项目``, ``投资200亿元的…``, ``百亿级``, ``宽度24米``,
  ``日处理400吨的``, ``每个街道有1处``), counts a list (``共3项``, ``10个项目被列入…``), breaks a
  figure down (``12座(其中:1座…、11座…)``), spends a budget (``投资15亿元,实施…``) or is a rate
  (``万吨/日``) is not a target.
* Past statements (an earlier year, 去年, 同比, 已…, and 完成 + a figure in a sentence without a
  plan word) become baselines of the matching goal, not goals; the tense carries from sentence
  to sentence until a year, 今年 or a plan word changes it. Years only written in such reports
  (2024年…完成GDP573.7亿元) are not the plan year.
* 零突破 is at least one (家 for firms, else 个); 涨幅…左右 and 控制在…左右 are ceilings;
  降低3% is a growth of −3%. 分别/均/各 share one clause's figures out to several names or
  entities (a bound after the last figure holds for all); a list of provinces before one figure
  (江西、新疆为7%左右) gives each its goal, and in a round-up of growth targets an entity's
  nameless percentage is its GDP growth. A short line or a task verb (加装, 增设) is read
  without a plan word.
* A year before a sentence's figures holds for its clauses until 今年; a year after 比/低于 is a
  baseline, not a period; review words (获批, 全线贯通, 取得…进展), 已 in a sentence's first words
  and 截至6月底 put a sentence in the past; a plan year is the page's year or the next.
* The writers keep only goals whose quote ``tracker check`` finds the figure in.

Where each step lives: ``article`` (lines, metadata), ``split`` (sentences, clauses, items),
``numerals``, ``patterns`` and ``hits`` (figures), ``cues`` (the words around them), ``tense``,
``entities``, ``year``, ``indicators`` (names), ``roles``, ``classify``, ``respectively``,
``periods`` (a clause's period) and ``clauses`` (one clause), ``resolve`` and ``baselines`` (one
sentence), ``tables`` (rows of a table), ``reader`` (the article), ``propose`` (the entry points),
``model`` (what is returned), ``ids`` and ``writers`` (YAML and JSON output).
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
