"""Gaps and the pace still needed, in words.

差0.4个百分点，在“左右”范围内 · 后三个月需月均完成20.6亿元 · 全年达标需10–12月增长8.1%.
"""

from __future__ import annotations

import math

from tracker.domain.goals import Comparator, Goal, Measure
from tracker.domain.status import Status
from tracker.domain.units import COUNTED, Unit, UnitError, parse_unit
from tracker.evaluate import Progress
from tracker.evaluate.result import Required, rounded
from tracker.present.humanize import estimate, points, rate

_BEHIND = (Status.at_risk, Status.off_track, Status.missed, Status.awaiting_final)
_MONTHS_ZH = "一二三四五六七八九十"
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def gap_text(progress: Progress, language: str) -> str | None:
    """How far the latest figure is from the target, where that is worth saying."""
    gap = rounded(progress.gap)
    goal = progress.goal
    if gap is None or goal.measure is Measure.milestone:
        return None
    about = goal.measure is Measure.growth and goal.comparator is Comparator.about
    if about and gap != 0 and progress.status in (Status.on_track, Status.achieved):
        return _within_band(gap, language)
    if progress.status not in _BEHIND or gap >= 0:
        return None
    if goal.measure is Measure.growth:
        return ("差" if language == "zh" else "short by ") + _points(abs(gap), language)
    amount = estimate(abs(gap), goal.unit, language)
    if progress.status in (Status.missed, Status.awaiting_final):
        return f"距目标尚差{amount}" if language == "zh" else f"{amount} short of the target"
    return f"落后序时进度{amount}" if language == "zh" else f"{amount} behind pace"


def _within_band(gap: float, language: str) -> str:
    shown = _points(abs(gap), language)
    if language == "zh":
        return f"{'差' if gap < 0 else '高'}{shown}，在“左右”范围内"
    return f"{shown} {'below' if gap < 0 else 'above'} target, within its “about” band"


def _points(value: float, language: str) -> str:
    return points(value, language).lstrip("+")


def required_text(progress: Progress, language: str) -> str | None:
    """The pace the rest of the span needs, shown for goals at risk or off track."""
    required = progress.required
    if required is None or progress.status not in (Status.at_risk, Status.off_track):
        return None
    goal = progress.goal
    if required.basis == "rest_of_period":
        return _rate_needed(goal, required, language)
    return _amount_needed(goal, required, language)


_QUARTERS_ZH = {3: "四季度", 6: "下半年", 9: "二至四季度"}


def _rest(goal: Goal, months: int, language: str) -> str:
    """The remaining months: 四季度, 下半年, 10–12月 / Oct–Dec in a calendar year, else 后N个月."""
    calendar_year = goal.start.month == 1 and goal.goal_months == 12
    first = 12 - months + 1
    if language == "zh":
        if calendar_year:
            if months in _QUARTERS_ZH:
                return _QUARTERS_ZH[months]
            return f"{first}–12月" if months > 1 else "12月"
        return f"后{_count_zh(months)}个月"
    if calendar_year:
        return f"{_MONTHS_EN[first - 1]}–Dec" if months > 1 else "Dec"
    return f"the last {months} months"


def _count_zh(months: int) -> str:
    if months <= 10:
        return _MONTHS_ZH[months - 1] if months != 2 else "两"
    if months < 20:
        return "十" + _MONTHS_ZH[months - 11]
    return str(months)


def _rate_needed(goal: Goal, required: Required, language: str) -> str:
    rest = _rest(goal, required.months, language)
    shown = rate(required.value, language)
    if goal.comparator is Comparator.at_most:
        if language == "zh":
            return f"全年不超目标需{rest}{shown.replace('增长', '增长不超过', 1)}"
        return f"{rest} must stay at or below {shown} for the year to stay within target"
    if required.value < 0:  # the year is met even if the rest of it shrinks this much
        fall = rate(required.value, language)
        if language == "zh":
            return f"{rest}{fall.replace('下降', '下降不超过', 1)}即可完成全年目标"
        return f"{rest} may fall by up to {fall.lstrip('−')} and the year still meets the target"
    if language == "zh":
        return f"全年达标需{rest}{shown}"
    return f"{rest} must average {shown} for the year to meet the target"


def _needed_amount(goal: Goal, value: float, language: str) -> str:
    """A requirement never understated: whole things are rounded up (5.17家 -> 6家)."""
    unit = _counted(goal.unit)
    if unit is not None and value > 0:
        value = math.ceil(unit.to_base(value) - 1e-9) / unit.scale
    return estimate(abs(value), goal.unit, language)


def _counted(unit_text: str | None) -> Unit | None:
    try:
        unit = parse_unit(unit_text) if unit_text else None
    except UnitError:
        return None
    return unit if unit is not None and unit.base in COUNTED else None


def _amount_needed(goal: Goal, required: Required, language: str) -> str:
    months = required.months
    ceiling = goal.comparator is Comparator.at_most and goal.measure is Measure.total
    amount = (
        estimate(abs(required.value), goal.unit, language)
        if ceiling  # an allowance: never rounded up past what is allowed
        else _needed_amount(goal, required.value, language)
    )
    if language == "zh":
        lead = f"后{_count_zh(months)}个月"
        if ceiling:
            return f"{lead}月均不超过{amount}"
        if goal.measure is Measure.level:
            return f"{lead}需月均{'减少' if required.value < 0 else '增加'}{amount}"
        verb = "新增" if _counted(goal.unit) is not None else "完成"
        return f"{lead}需月均{verb}{amount}"
    lead = f"over the last {months} month{'s' if months != 1 else ''}"
    if ceiling:
        return f"at most {amount} a month {lead}"
    if goal.measure is Measure.level:
        return f"needs {'−' if required.value < 0 else '+'}{amount} a month {lead}"
    return f"needs {amount} a month {lead}"
