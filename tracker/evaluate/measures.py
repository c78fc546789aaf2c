"""The rules per measure: milestone, growth rate, running total, level (docs/evaluation.md)."""

from __future__ import annotations

from datetime import date

from tracker.domain.evaluation import EvaluationSettings
from tracker.domain.goals import Comparator, Goal
from tracker.domain.status import Status
from tracker.domain.units import UnitError, parse_unit
from tracker.evaluate.compare import (
    ge,
    growth_shortfall,
    gt,
    ratio,
    reached,
    stretch_met,
    threshold_of,
)
from tracker.evaluate.points import covers_span, is_stale, latest_of, with_stale
from tracker.evaluate.result import Point, Progress


def milestone(
    goal: Goal, points: list[Point], as_of: date, settings: EvaluationSettings
) -> Progress:
    done = [p for p in points if p.value >= 0.5]
    if done:
        return Progress(
            goal, as_of, Status.achieved, latest=latest_of(done[-1]), fraction=1.0, final=True
        )
    point = points[-1]
    if as_of > goal.deadline:
        return Progress(
            goal, as_of, Status.missed, latest=latest_of(point), fraction=0.0, final=True
        )
    stale = is_stale(point, as_of, settings)
    status = Status.at_risk if stale else Status.on_track
    return Progress(goal, as_of, status, stale=stale, latest=latest_of(point), fraction=0.0)


def growth(goal: Goal, points: list[Point], as_of: date, settings: EvaluationSettings) -> Progress:
    point = points[-1]
    meets, shortfall, gap = growth_shortfall(goal, point.value)
    margin = (
        goal.at_risk_margin if goal.at_risk_margin is not None else settings.growth_at_risk_margin
    )
    final = covers_span(goal, point.period)
    if final:
        status = Status.achieved if meets else Status.missed
    elif meets:
        status = Status.on_track
    elif ge(margin, shortfall):
        status = Status.at_risk
    else:
        status = Status.off_track
    progress = None if goal.comparator is Comparator.at_most else ratio(point.value, goal.target)
    result = Progress(
        goal,
        as_of,
        status,
        latest=latest_of(point),
        fraction=progress,
        gap=gap,
        stretch_met=stretch_met(goal, point.value),
        elapsed=min(point.period.months_covered(goal.start) / goal.goal_months, 1.0),
        final=final,
    )
    return with_stale(result, point, settings)


def _pace_margin(goal: Goal, settings: EvaluationSettings) -> float:
    return goal.at_risk_margin if goal.at_risk_margin is not None else settings.pace_at_risk_margin


def total(goal: Goal, points: list[Point], as_of: date, settings: EvaluationSettings) -> Progress:
    point = points[-1]
    value = point.value
    target = goal.target or 0.0
    share = min(max(point.period.months_covered(goal.start), 1) / goal.goal_months, 1.0)
    expected = threshold_of(goal, False) * share
    projected = value / share
    margin = _pace_margin(goal, settings)
    span_covered = covers_span(goal, point.period)
    closed = span_covered or as_of > goal.deadline
    progress = ratio(value, target)
    stretch = stretch_met(goal, value)
    if goal.comparator is Comparator.at_most:
        # A ceiling on an accumulating amount: exceeding it is final; staying under it is
        # achieved only once the span is over; the pace is judged by the projection.
        if gt(value, target):
            status, final = Status.missed, True
        elif closed:
            status, final = Status.achieved, True
        elif ge(target, projected):
            status, final = Status.on_track, False
        elif ge(target * (1 + margin), projected):
            status, final = Status.at_risk, False
        else:
            status, final = Status.off_track, False
        gap = value - target if final else value - target * share
        result = Progress(
            goal,
            as_of,
            status,
            latest=latest_of(point),
            expected=target * share,
            projected=projected,
            fraction=progress,
            gap=gap,
            elapsed=share,
            final=final,
        )
        return with_stale(result, point, settings)
    threshold = threshold_of(goal, False)
    if reached(goal, value, threshold, False):
        status, final = Status.achieved, True
    elif closed:
        status, final = Status.missed, True
    elif ge(value, expected):
        status, final = Status.on_track, False
    elif ge(projected, threshold * (1 - margin)):
        status, final = Status.at_risk, False
    else:
        status, final = Status.off_track, False
    gap = value - threshold if final else value - expected
    result = Progress(
        goal,
        as_of,
        status,
        latest=latest_of(point),
        expected=expected,
        projected=projected,
        fraction=progress,
        gap=gap,
        stretch_met=stretch,
        elapsed=share,
        final=final,
    )
    return with_stale(result, point, settings)


def _baseline(goal: Goal, points: list[Point]) -> tuple[float, int]:
    """The level the goal starts from and the months of the span already behind it."""
    base = goal.baseline
    if base is not None and base.value is not None:
        try:
            value = (
                parse_unit(base.unit).convert(base.value, goal.unit_info)
                if base.unit
                else base.value
            )
            return value, 0
        except UnitError:
            pass
    first = points[0]
    return first.value, first.period.months_covered(goal.start)


def level(goal: Goal, points: list[Point], as_of: date, settings: EvaluationSettings) -> Progress:
    point = points[-1]
    value = point.value
    target = goal.target or 0.0
    base, base_months = _baseline(goal, points)
    decreasing = goal.comparator is Comparator.at_most or (
        goal.comparator is Comparator.about and base > target
    )
    threshold = threshold_of(goal, decreasing)
    distance = threshold - base
    months = point.period.months_covered(goal.start)
    remaining = goal.goal_months - base_months
    share = (months - base_months) / remaining if remaining > 0 and months > base_months else None
    expected = base + distance * share if share is not None else None
    projected = base + (value - base) / share if share is not None else None
    progress = (value - base) / (target - base) if target != base else None
    if base_months == months and reached(goal, value, threshold, decreasing):
        # The first figure is both the start and past the target: no distance was measured,
        # but "0 %" would contradict "achieved"; show how far past the target it is.
        progress = ratio(value, target)
    span_covered = covers_span(goal, point.period)
    margin = _pace_margin(goal, settings)
    sign = -1.0 if decreasing else 1.0  # compare "further along" the same way both directions
    if reached(goal, value, threshold, decreasing):
        status, final = Status.achieved, True
    elif span_covered or as_of > goal.deadline:
        status, final = Status.missed, True
    elif expected is None or projected is None:
        status, final = Status.on_track, False  # one figure, no baseline: no pace to judge yet
    elif ge(sign * value, sign * expected):
        status, final = Status.on_track, False
    elif ge(margin * abs(distance), sign * (threshold - projected)):
        status, final = Status.at_risk, False
    else:
        status, final = Status.off_track, False
    if final:
        gap: float | None = value - threshold
    else:
        gap = value - expected if expected is not None else None
    result = Progress(
        goal,
        as_of,
        status,
        latest=latest_of(point),
        expected=expected,
        projected=projected,
        fraction=progress,
        gap=gap,
        stretch_met=stretch_met(goal, value, decreasing),
        elapsed=share,
        final=final,
    )
    return with_stale(result, point, settings)
