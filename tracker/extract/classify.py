"""What a figure means: its comparator, whether it is a growth rate, and the goal's measure."""

from __future__ import annotations

import re

import tracker.extract.cues as cues
from tracker.domain.goals import Comparator, Measure
from tracker.domain.units import PERCENT
from tracker.extract.hits import Hit, HitKind

# What a "零"突破 counts: 家 for firms, 个 for the rest.
_ZERO_UNITS = (
    ("家", re.compile(r"企业|公司|集团|机构|银行|医院|酒店|门店|总部|工厂|商户")),
    ("个", re.compile(r"项目|平台|基地|中心|园区|集群|产业|品牌|专利")),
)


def comparator_of(hit: Hit, pre: str) -> Comparator | None:
    """The hit's comparator, read with the words before it (``pre``): 控制在 makes a ceiling."""
    if hit.plain and cues.CONTROL.search(pre):
        return Comparator.at_most  # 控制在3% = at most 3%
    if hit.comparator is Comparator.about and (
        cues.CONTROL.search(pre) or (hit.unit == PERCENT and cues.PRICE_RISE.search(pre))
    ):
        return Comparator.at_most  # 控制在3%左右, 价格涨幅2%左右: a ceiling
    return hit.comparator


def growth_of(hit: Hit, pre: str, after: str) -> tuple[bool, str]:
    """Whether the figure is a growth rate, and the words before it that name what grows."""
    if hit.kind in (HitKind.two_digit, HitKind.doubling, HitKind.flat):
        return True, pre
    if hit.unit != PERCENT:
        return False, pre
    words = list(cues.GROWTH_WORD.finditer(pre))
    if words:
        return True, pre[: words[-1].start()]  # 规模以上工业增加值增长7%
    return bool(cues.GROWTH_AFTER.match(after)), pre  # 9%的增长


def decline(hit: Hit, pre: str) -> None:
    """能耗降低3%左右 is a growth of about −3%: the figure negated, its bound turned round."""
    words = list(cues.GROWTH_WORD.finditer(pre))
    if hit.unit != PERCENT or not words or not cues.DECLINE.match(words[-1].group(0)):
        return
    if hit.target is None:
        return
    if hit.target_max is not None:
        hit.target, hit.target_max = -hit.target_max, -hit.target
        return
    hit.target = -hit.target
    hit.comparator = _TURNED.get(hit.comparator, hit.comparator) if hit.comparator else None


_TURNED = {
    Comparator.at_least: Comparator.at_most,
    Comparator.more_than: Comparator.at_most,
    Comparator.at_most: Comparator.at_least,
}


def measure_of(hit: Hit, growth: bool, context: str) -> Measure:
    """The measure of a goal from its figure and the words around it (``context``)."""
    if hit.kind is HitKind.milestone:
        return Measure.milestone
    if hit.kind is HitKind.zero:
        return Measure.total  # 实现零的突破: at least one, counted this year
    if hit.unit == PERCENT:
        return Measure.growth if growth else Measure.level
    if hit.kind is HitKind.rank:
        return Measure.level
    if hit.kind is HitKind.magnitude:
        # 产值突破百亿元 is the year's output; 片区GDP超千亿, 千亿产值园区: the size of a place
        flow = cues.FLOW.search(context) and not cues.PLACE.search(context)
        return Measure.total if flow and not cues.LEVEL.search(context) else Measure.level
    if cues.LEVEL.search(context) or cues.AGGREGATE.search(context):
        return Measure.level
    if cues.FLOW.search(context):
        return Measure.total
    if cues.LEVEL_WEAK.search(context) or hit.comparator is Comparator.more_than:
        return Measure.level
    return Measure.total


def zero_unit(indicator: str) -> str:
    """The counter of what a "零"突破 counts: the last counted noun of the indicator decides."""
    best, where = "个", -1
    for unit, nouns in _ZERO_UNITS:
        for m in nouns.finditer(indicator):
            if m.start() > where:
                best, where = unit, m.start()
    return best
