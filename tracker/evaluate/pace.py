"""The pace still needed: what the remaining months must deliver for the goal to be met.

Totals and levels: the amount per remaining month (``per_month``). Growth rates on cumulative
figures: the rate the remaining months must average (``rest_of_period``), assuming each month
weighs the same in the year's base; last year's monthly profile is not known to the tracker, so
a year whose base is lopsided (a big December) needs a little more or less than shown.
"""

from __future__ import annotations

from tracker.domain.goals import Comparator, Goal, Measure
from tracker.domain.status import Status
from tracker.evaluate.compare import threshold_of
from tracker.evaluate.result import Point, Required

_SETTLED = frozenset({Status.achieved, Status.missed, Status.awaiting_final})


def remaining_months(goal: Goal, point: Point) -> int:
    """Months of the goal's span after the latest figure's period (0 once it is covered)."""
    return max(goal.goal_months - point.period.months_covered(goal.start), 0)


def required_pace(
    goal: Goal, point: Point, status: Status, *, decreasing: bool = False
) -> Required | None:
    """What the rest of the span must deliver, or None once the verdict is settled."""
    months = remaining_months(goal, point)
    if status in _SETTLED or months == 0 or goal.measure is Measure.milestone:
        return None
    if goal.measure is Measure.growth:
        return Required(_rest_of_period_rate(goal, point, months), "%", "rest_of_period", months)
    needed = threshold_of(goal, decreasing) - point.value
    if goal.comparator is Comparator.at_most and goal.measure is Measure.total:
        needed = (goal.target or 0.0) - point.value  # a ceiling: what may still be added
    return Required(needed / months, goal.unit, "per_month", months)


def _rest_of_period_rate(goal: Goal, point: Point, months: int) -> float:
    """The rate r with (k·g + (n−k)·r) / n = the target: n months in all, k behind us."""
    total = goal.goal_months
    covered = total - months
    return (total * _rate_to_meet(goal) - covered * point.value) / months


def _rate_to_meet(goal: Goal) -> float:
    """The full-span rate that counts as meeting a growth target (a ceiling for at_most)."""
    target = goal.target or 0.0
    if goal.comparator is Comparator.about:
        return target - goal.effective_tolerance
    return target
