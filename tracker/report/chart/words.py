"""The charts' vocabulary (zh/en) and how they write a goal's values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tracker.domain.goals import Goal, Measure
from tracker.domain.numbers import number
from tracker.domain.periods import Language
from tracker.present.humanize import localized_amount, rate


@dataclass(frozen=True)
class ChartWords:
    """Legend entries, labels and the punctuation of the text alternative in one language."""

    series: Mapping[Measure, str]  # what the plotted figures are, per measure
    pace: str
    target: str
    band: str
    stretch: str
    projection: str
    as_of: str
    deadline: str
    unit: str
    no_data: str
    done: str
    not_done: str
    baseline: str
    chart_of: str
    sep: str
    stop: str


WORDS: dict[Language, ChartWords] = {
    "zh": ChartWords(
        series={
            Measure.total: "累计完成",
            Measure.level: "实际水平",
            Measure.growth: "累计增速",
            Measure.milestone: "进展",
        },
        pace="序时进度",
        target="目标",
        band="目标区间",
        stretch="争取目标",
        projection="预计",
        as_of="截至日",
        deadline="截止",
        unit="单位：",
        no_data="暂无数据",
        done="已完成",
        not_done="未完成",
        baseline="基数",
        chart_of="图：",
        sep="；",
        stop="。",
    ),
    "en": ChartWords(
        series={
            Measure.total: "cumulative",
            Measure.level: "level",
            Measure.growth: "cumulative growth",
            Measure.milestone: "progress",
        },
        pace="pace",
        target="target",
        band="target band",
        stretch="stretch",
        projection="projection",
        as_of="as of",
        deadline="deadline",
        unit="unit: ",
        no_data="no data yet",
        done="done",
        not_done="not done",
        baseline="baseline",
        chart_of="Chart: ",
        sep="; ",
        stop=". ",
    ),
}


def goal_value(goal: Goal, value: float, language: Language) -> str:
    """A value as the report writes it: 增长6.2% / +6.2% for growth, 180亿元 / CNY 18 bn."""
    if goal.measure is Measure.growth:
        return rate(value, language)
    if goal.measure is Measure.milestone:
        words = WORDS[language]
        return words.done if value >= 0.5 else words.not_done
    return localized_amount(value, goal.unit, language)


def line_value(goal: Goal, value: float, language: Language) -> str:
    """A target or stretch level: 7% for growth (no sign), 180亿元 / CNY 18 bn otherwise."""
    if goal.measure is Measure.growth:
        return f"{number(value)}%"
    return localized_amount(value, goal.unit, language)


def axis_value(goal: Goal, value: float) -> str:
    """A tick label of the value axis: the bare number, with ``%`` for growth rates."""
    text = number(round(value, 9))
    return f"{text}%" if goal.measure is Measure.growth else text
