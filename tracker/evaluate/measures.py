"""The rules per measure: milestone, growth rate, running total, level (docs/evaluation.md).

Past the deadline a verdict waits for the figure that covers the goal's whole span: until it is
published the goal is ``awaiting_final`` (a total or level already at its target stays
``achieved``), so a Jan–Sep figure is never read as the year's result.
"""

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
from tracker.evaluate.pace import required_pace
from tracker.evaluate.points import covers_span, is_stale, latest_of, with_stale
from tracker.evaluate.result import Point, Progress


def _unmet(goal: Goal, point: Point, as_of: date) -> tuple[Status, bool] | None:
    """For a target not (yet) met: missed once the whole span is reported, awaiting_final past
    the deadline before that, None while the goal is still running."""
    if covers_span(goal, point.period):
        return Status.missed, True
    if as_of > goal.deadline:
        return Status.awaiting_final, False
    return None


def _non_negative(fraction: float | None) -> float | None:
    """Share of the target reached: never below 0 (moving away from a target is 0 %)."""
    return None if fraction is None else max(fraction, 0.0)


def milestone(
    goal: Goal, points: list[Point], as_of: date, settings: EvaluationSettings
) -> Progress:
    done = [p for p in points if p.value >= 0.5]
    if done:
        return Progress(
            goal, as_of, Status.achieved, latest=latest_of(done[-1]), fraction=1.0, final=True
        )
    point = points[-1]
    settled = _unmet(goal, point, as_of) if as_of > goal.deadline else None
    if settled is not None:
        status, final = settled
        return Progress(goal, as_of, status, latest=latest_of(point), fraction=0.0, final=final)
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
    elif as_of > goal.deadline:
        status = Status.awaiting_final
    elif meets:
        status = Status.on_track
    elif ge(margin, shortfall):
        status = Status.at_risk
    else:
        status = Status.off_track
    result = Progress(
        goal,
        as_of,
        status,
        latest=latest_of(point),
        fraction=None,  # a ratio of two growth rates is not a figure anyone uses
        gap=gap,
        stretch_met=stretch_met(goal, point.value),
        elapsed=min(point.period.months_covered(goal.start) / goal.goal_months, 1.0),
        final=final,
        required=required_pace(goal, point, status),
    )
    return with_stale(result, point, settings)


def _pace_margin(goal: Goal, settings: EvaluationSettings) -> float:
    return goal.at_risk_margin if goal.at_risk_margin is not None else settings.pace_at_risk_margin


def _ceiling_total(
    goal: Goal, point: Point, as_of: date, settings: EvaluationSettings, share: float
) -> Progress:
    """A ceiling on an accumulating amount: exceeding it is final; staying under it is achieved
    only once the whole span is reported; the pace is judged by the projection."""
    value, target = point.value, goal.target or 0.0
    projected = value / share
    margin = _pace_margin(goal, settings)
    if gt(value, target):
        status, final = Status.missed, True
    elif covers_span(goal, point.period):
        status, final = Status.achieved, True
    elif as_of > goal.deadline:
        status, final = Status.awaiting_final, False
    elif ge(target, projected):
        status, final = Status.on_track, False
    elif ge(target * (1 + margin), projected):
        status, final = Status.at_risk, False
    else:
        status, final = Status.off_track, False
    gap = value - target if final else value - target * share
    return Progress(
        goal,
        as_of,
        status,
        latest=latest_of(point),
        expected=target * share,
        projected=projected,
        fraction=_non_negative(ratio(value, target)),
        gap=gap,
        elapsed=share,
        final=final,
        required=required_pace(goal, point, status),
    )


def total(goal: Goal, points: list[Point], as_of: date, settings: EvaluationSettings) -> Progress:
    point = points[-1]
    value = point.value
    share = min(max(point.period.months_covered(goal.start), 1) / goal.goal_months, 1.0)
    if goal.comparator is Comparator.at_most:
        return with_stale(_ceiling_total(goal, point, as_of, settings, share), point, settings)
    threshold = threshold_of(goal, False)
    expected = threshold * share
    projected = value / share
    margin = _pace_margin(goal, settings)
    settled = None if reached(goal, value, threshold, False) else _unmet(goal, point, as_of)
    if reached(goal, value, threshold, False):
        status, final = Status.achieved, True
    elif settled is not None:
        status, final = settled
    elif ge(value, expected):
        status, final = Status.on_track, False
    elif ge(projected, threshold * (1 - margin)):
        status, final = Status.at_risk, False
    else:
        status, final = Status.off_track, False
    closed = final or status is Status.awaiting_final
    result = Progress(
        goal,
        as_of,
        status,
        latest=latest_of(point),
        expected=expected,
        projected=projected,
        fraction=_non_negative(ratio(value, goal.target or 0.0)),
        gap=value - threshold if closed else value - expected,
        stretch_met=stretch_met(goal, value),
        elapsed=share,
        final=final,
        required=required_pace(goal, point, status),
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
    is_reached = reached(goal, value, threshold, decreasing)
    if base_months == months and is_reached:
        # The first figure is both the start and past the target: no distance was measured,
        # but "0 %" would contradict "achieved"; show how far past the target it is.
        progress = ratio(value, target)
    margin = _pace_margin(goal, settings)
    sign = -1.0 if decreasing else 1.0  # compare "further along" the same way both directions
    settled = None if is_reached else _unmet(goal, point, as_of)
    if is_reached:
        status, final = Status.achieved, True
    elif settled is not None:
        status, final = settled
    elif expected is None or projected is None:
        status, final = Status.on_track, False  # one figure, no baseline: no pace to judge yet
    elif ge(sign * value, sign * expected):
        status, final = Status.on_track, False
    elif ge(margin * abs(distance), sign * (threshold - projected)):
        status, final = Status.at_risk, False
    else:
        status, final = Status.off_track, False
    closed = final or status is Status.awaiting_final
    gap = value - threshold if closed else (value - expected if expected is not None else None)
    result = Progress(
        goal,
        as_of,
        status,
        latest=latest_of(point),
        expected=expected,
        projected=projected,
        fraction=_non_negative(progress),
        gap=gap,
        stretch_met=stretch_met(goal, value, decreasing),
        elapsed=share,
        final=final,
        required=required_pace(goal, point, status, decreasing=decreasing),
    )
    return with_stale(result, point, settings)
