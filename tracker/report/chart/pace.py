"""Where a goal's reference lines lie, in numbers: baseline, target band, pace line.

The pace is the straight line the evaluation measures against (tracker.evaluate): totals from
zero at the start, levels from the baseline (or the first figure), to the target at the
deadline. Growth rates and milestones have none.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tracker.domain.goals import Comparator, Goal, Measure
from tracker.domain.periods import Language
from tracker.domain.units import UnitError, parse_unit
from tracker.evaluate.compare import threshold_of
from tracker.report.chart.model import ChartPoint, Segment
from tracker.report.chart.words import WORDS


def baseline_start(
    goal: Goal, points: Sequence[ChartPoint], language: Language = "zh"
) -> ChartPoint | None:
    """Where a level goal's pace line starts: the stated baseline at the goal's start, else
    the first figure (as the evaluation does)."""
    base = goal.baseline
    if base is not None and base.value is not None:
        try:
            value = (
                parse_unit(base.unit).convert(base.value, goal.unit_info)
                if base.unit
                else base.value
            )
        except UnitError:
            value = None
        if value is not None:
            return ChartPoint(goal.start, value, WORDS[language].baseline)
    return points[0] if points else None


def target_band(goal: Goal) -> tuple[float, float] | None:
    """The target band of ``about`` (± tolerance) and ``between`` goals; None for the rest."""
    target = goal.target
    if target is None:
        return None
    if goal.comparator is Comparator.about:
        return target - goal.effective_tolerance, target + goal.effective_tolerance
    if goal.comparator is Comparator.between and goal.target_max is not None:
        return target, goal.target_max
    return None


def pace_segment(
    goal: Goal, points: Sequence[ChartPoint], language: Language = "zh"
) -> Segment | None:
    """The pace line: totals from zero at the start, levels from the baseline, to the target
    (the near edge of an ``about`` band) at the deadline; growth rates have none.

    The end is the evaluation's own threshold, so the line ends where a goal counts as met."""
    if goal.measure is Measure.total:
        end = ChartPoint(goal.deadline, threshold_of(goal, False), "")
        return ChartPoint(goal.start, 0.0, ""), end
    if goal.measure is Measure.level:
        base = baseline_start(goal, points, language)
        if base is None:
            return None
        decreasing = goal.comparator is Comparator.at_most or (
            goal.comparator is Comparator.about and base.value > (goal.target or 0.0)
        )
        return base, ChartPoint(goal.deadline, threshold_of(goal, decreasing), "")
    return None


def _months(goal: Goal, day: date) -> int:
    """Months from the goal's start to ``day``, both months counted (January to March: 3)."""
    return (day.year - goal.start.year) * 12 + day.month - goal.start.month + 1


def pace_at(goal: Goal, pace: Segment, point: ChartPoint) -> float:
    """What the pace asks for by ``point``'s month, the way the evaluation measures it."""
    start, end = pace
    first = 0 if start.when == goal.start else _months(goal, start.when)
    share = (_months(goal, point.when) - first) / max(goal.goal_months - first, 1)
    return start.value + (end.value - start.value) * min(max(share, 0.0), 1.0)
