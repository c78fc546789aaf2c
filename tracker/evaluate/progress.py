"""Verdicts: how each goal stands on a given day, from the figures published by then.

Pure functions, no I/O: give :func:`evaluate_goal` a goal, its figures, a date and the settings,
and it returns the same :class:`Progress` every time, so any past day can be replayed exactly.
The rules are documented with worked examples in docs/evaluation.md; keep the two in step.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tracker.domain.evaluation import EvaluationSettings
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Comparator, Goal, Measure
from tracker.domain.periods import Period
from tracker.domain.status import Status
from tracker.domain.units import UnitError, parse_unit


@dataclass(frozen=True, slots=True)
class Latest:
    """The figure a verdict rests on, with its value in the goal's unit."""

    period: Period
    value: float
    published: date | None
    figure: FigureRecord

    def as_json(self) -> dict[str, Any]:
        return {
            "period": self.period.text,
            "value": _round(self.value),
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True, slots=True)
class Progress:
    """The verdict on one goal as of one day. ``as_json`` gives the public JSON shape."""

    goal: Goal
    as_of: date
    status: Status
    stale: bool = False
    latest: Latest | None = None
    expected: float | None = None  # what the pace asks for by the latest period (total, level)
    projected: float | None = None  # where the pace so far leads by the deadline (total, level)
    progress: float | None = None  # fraction of the target reached (0.65 = 65 %)
    gap: float | None = None  # value minus what the rule compares it with, in the goal's unit
    stretch_met: bool | None = None
    elapsed: float | None = None  # share of the goal's span the latest figure covers
    final: bool = False  # the verdict cannot change with later figures for earlier periods

    @property
    def id(self) -> str:
        return self.goal.id

    @property
    def measure(self) -> Measure:
        return self.goal.measure

    @property
    def comparator(self) -> Comparator:
        return self.goal.comparator

    @property
    def target(self) -> float | None:
        return self.goal.target

    @property
    def stretch(self) -> float | None:
        return self.goal.stretch

    @property
    def unit(self) -> str | None:
        return None if self.goal.measure is Measure.milestone else self.goal.unit

    @property
    def deadline(self) -> date:
        return self.goal.deadline

    @property
    def since(self) -> str:
        """The period of the figure behind the verdict ('' without one), for alerts."""
        return self.latest.period.text if self.latest else ""

    def as_json(self) -> dict[str, Any]:
        """Exactly the keys of ``tracker evaluate --json``."""
        return {
            "id": self.id,
            "status": self.status.value,
            "stale": self.stale,
            "measure": self.measure.value,
            "comparator": self.comparator.value,
            "target": _finite(self.target),
            "stretch": _finite(self.stretch),
            "unit": self.unit,
            "latest": self.latest.as_json() if self.latest else None,
            "expected": _round(self.expected),
            "projected": _round(self.projected),
            "progress": _round(self.progress, 4),
            "gap": _round(self.gap),
            "stretch_met": self.stretch_met,
            "deadline": self.deadline.isoformat(),
        }


_EPSILON = 1e-9


def _ge(a: float, b: float) -> bool:
    """a >= b, forgiving float noise (6.2 - 5.2 is 1.0000000000000004, still a 1-point gap)."""
    return a >= b - _EPSILON * max(1.0, abs(b))


def _gt(a: float, b: float) -> bool:
    return a > b + _EPSILON * max(1.0, abs(b))


def _finite(value: float | None) -> float | None:
    """JSON-safe: NaN and ±inf as null (``Infinity`` is not JSON), -0.0 as 0.0."""
    if value is None or not math.isfinite(value):
        return None
    return value + 0  # -0.0 + 0 is 0.0; ints stay ints


def _round(value: float | None, digits: int = 6) -> float | None:
    """Rounded and JSON-safe (see :func:`_finite`); -1e-9 rounds to 0.0, not -0.0."""
    return _finite(None if value is None else round(value, digits))


@dataclass(frozen=True, slots=True)
class Point:
    """A current figure in the goal's unit."""

    period: Period
    value: float
    figure: FigureRecord


def evaluate_all(
    goals: Iterable[Goal],
    figures_by_goal: Mapping[str, Sequence[FigureRecord]],
    as_of: date,
    settings: EvaluationSettings | None = None,
) -> list[Progress]:
    """A verdict for every goal, in the order given."""
    settings = settings or EvaluationSettings()
    return [
        evaluate_goal(goal, figures_by_goal.get(goal.id, ()), as_of, settings) for goal in goals
    ]


def evaluate_goal(
    goal: Goal,
    figures: Sequence[FigureRecord],
    as_of: date,
    settings: EvaluationSettings | None = None,
) -> Progress:
    """The verdict on ``goal`` on ``as_of`` from ``figures`` (other goals' figures ignored).

    Only figures visible on ``as_of`` count; of several revisions of one period the one
    published last (then recorded last) wins; the latest figure is the one whose period ends
    last. Figures outside the goal's span, in an incompatible unit or not finite once converted
    (stored before input was range-checked) are ignored.
    """
    settings = settings or EvaluationSettings()
    points = current_points(goal, figures, as_of)
    if not points:
        return Progress(goal, as_of, Status.no_data)
    if goal.measure is Measure.milestone:
        return _milestone(goal, points, as_of, settings)
    if goal.measure is Measure.growth:
        return _growth(goal, points, as_of, settings)
    if goal.measure is Measure.total:
        return _total(goal, points, as_of, settings)
    return _level(goal, points, as_of, settings)


def current_points(goal: Goal, figures: Sequence[FigureRecord], as_of: date) -> list[Point]:
    """The winning revision of each period visible on ``as_of``, oldest period first."""
    best: dict[int, FigureRecord] = {}
    for figure in figures:
        if figure.goal != goal.id or figure.visible_from > as_of:
            continue
        if not figure.period.within(goal.start, goal.deadline):
            continue
        key = figure.period.month_index
        held = best.get(key)
        if held is None or (figure.visible_from, figure.id) > (held.visible_from, held.id):
            best[key] = figure
    points = []
    unit = None if goal.measure is Measure.milestone else parse_unit(goal.unit)
    for key in sorted(best):
        figure = best[key]
        try:
            value = figure.value if unit is None else figure.value_in(unit)
        except UnitError:
            continue
        if not math.isfinite(value):
            continue
        points.append(Point(figure.period, value, figure))
    return points


def _latest(point: Point) -> Latest:
    return Latest(point.period, point.value, point.figure.published, point.figure)


def _covers_span(goal: Goal, period: Period) -> bool:
    return period.months_covered(goal.start) >= goal.goal_months


def _is_stale(point: Point, as_of: date, settings: EvaluationSettings) -> bool:
    return (as_of - point.period.end).days > settings.stale_days


def _with_stale(progress: Progress, point: Point, settings: EvaluationSettings) -> Progress:
    """Stale only while the verdict is open: final verdicts do not go stale."""
    if progress.final or progress.status is Status.achieved:
        return progress
    stale = _is_stale(point, progress.as_of, settings)
    return replace(progress, stale=stale)


def _milestone(
    goal: Goal, points: list[Point], as_of: date, settings: EvaluationSettings
) -> Progress:
    done = [p for p in points if p.value >= 0.5]
    if done:
        return Progress(
            goal, as_of, Status.achieved, latest=_latest(done[-1]), progress=1.0, final=True
        )
    point = points[-1]
    if as_of > goal.deadline:
        return Progress(goal, as_of, Status.missed, latest=_latest(point), progress=0.0, final=True)
    stale = _is_stale(point, as_of, settings)
    status = Status.at_risk if stale else Status.on_track
    return Progress(goal, as_of, status, stale=stale, latest=_latest(point), progress=0.0)


def _growth_shortfall(goal: Goal, value: float) -> tuple[bool, float, float]:
    """(meets, shortfall >= 0 when not meeting, signed gap) of a growth rate against the target."""
    target = goal.target or 0.0
    comparator = goal.comparator
    if comparator is Comparator.about:
        low, high = target - goal.effective_tolerance, target + goal.effective_tolerance
        if _gt(low, value):
            return False, low - value, value - low
        if _gt(value, high):
            return False, value - high, value - high
        return True, 0.0, 0.0
    if comparator is Comparator.between:
        high = goal.target_max if goal.target_max is not None else target
        if _gt(target, value):
            return False, target - value, value - target
        if _gt(value, high):
            return False, value - high, value - high
        return True, 0.0, 0.0
    if comparator is Comparator.at_most:
        return _ge(target, value), max(value - target, 0.0), value - target
    if comparator is Comparator.more_than:
        return _gt(value, target), max(target - value, 0.0), value - target
    return _ge(value, target), max(target - value, 0.0), value - target


def _stretch_met(goal: Goal, value: float, decreasing: bool = False) -> bool | None:
    if goal.stretch is None or decreasing or goal.comparator is Comparator.at_most:
        return None
    return _ge(value, goal.stretch)


def _ratio(value: float, target: float | None) -> float | None:
    return value / target if target else None


def _growth(goal: Goal, points: list[Point], as_of: date, settings: EvaluationSettings) -> Progress:
    point = points[-1]
    meets, shortfall, gap = _growth_shortfall(goal, point.value)
    margin = (
        goal.at_risk_margin if goal.at_risk_margin is not None else settings.growth_at_risk_margin
    )
    final = _covers_span(goal, point.period)
    if final:
        status = Status.achieved if meets else Status.missed
    elif meets:
        status = Status.on_track
    elif _ge(margin, shortfall):
        status = Status.at_risk
    else:
        status = Status.off_track
    progress = None if goal.comparator is Comparator.at_most else _ratio(point.value, goal.target)
    result = Progress(
        goal,
        as_of,
        status,
        latest=_latest(point),
        progress=progress,
        gap=gap,
        stretch_met=_stretch_met(goal, point.value),
        elapsed=min(point.period.months_covered(goal.start) / goal.goal_months, 1.0),
        final=final,
    )
    return _with_stale(result, point, settings)


def _pace_margin(goal: Goal, settings: EvaluationSettings) -> float:
    return goal.at_risk_margin if goal.at_risk_margin is not None else settings.pace_at_risk_margin


def _threshold(goal: Goal, decreasing: bool) -> float:
    """The number that counts as reaching the target: the near edge of an 'about' band."""
    target = goal.target or 0.0
    if goal.comparator is Comparator.about:
        return (
            target + goal.effective_tolerance if decreasing else target - goal.effective_tolerance
        )
    return target


def _reached(goal: Goal, value: float, threshold: float, decreasing: bool) -> bool:
    if decreasing:
        return _ge(threshold, value)
    if goal.comparator is Comparator.more_than:
        return _gt(value, threshold)
    return _ge(value, threshold)


def _total(goal: Goal, points: list[Point], as_of: date, settings: EvaluationSettings) -> Progress:
    point = points[-1]
    value = point.value
    target = goal.target or 0.0
    share = min(max(point.period.months_covered(goal.start), 1) / goal.goal_months, 1.0)
    expected = _threshold(goal, False) * share
    projected = value / share
    margin = _pace_margin(goal, settings)
    span_covered = _covers_span(goal, point.period)
    closed = span_covered or as_of > goal.deadline
    progress = _ratio(value, target)
    stretch = _stretch_met(goal, value)
    if goal.comparator is Comparator.at_most:
        # A ceiling on an accumulating amount: exceeding it is final; staying under it is
        # achieved only once the span is over; the pace is judged by the projection.
        if _gt(value, target):
            status, final = Status.missed, True
        elif closed:
            status, final = Status.achieved, True
        elif _ge(target, projected):
            status, final = Status.on_track, False
        elif _ge(target * (1 + margin), projected):
            status, final = Status.at_risk, False
        else:
            status, final = Status.off_track, False
        gap = value - target if final else value - target * share
        result = Progress(
            goal,
            as_of,
            status,
            latest=_latest(point),
            expected=target * share,
            projected=projected,
            progress=progress,
            gap=gap,
            elapsed=share,
            final=final,
        )
        return _with_stale(result, point, settings)
    threshold = _threshold(goal, False)
    if _reached(goal, value, threshold, False):
        status, final = Status.achieved, True
    elif closed:
        status, final = Status.missed, True
    elif _ge(value, expected):
        status, final = Status.on_track, False
    elif _ge(projected, threshold * (1 - margin)):
        status, final = Status.at_risk, False
    else:
        status, final = Status.off_track, False
    gap = value - threshold if final else value - expected
    result = Progress(
        goal,
        as_of,
        status,
        latest=_latest(point),
        expected=expected,
        projected=projected,
        progress=progress,
        gap=gap,
        stretch_met=stretch,
        elapsed=share,
        final=final,
    )
    return _with_stale(result, point, settings)


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


def _level(goal: Goal, points: list[Point], as_of: date, settings: EvaluationSettings) -> Progress:
    point = points[-1]
    value = point.value
    target = goal.target or 0.0
    base, base_months = _baseline(goal, points)
    decreasing = goal.comparator is Comparator.at_most or (
        goal.comparator is Comparator.about and base > target
    )
    threshold = _threshold(goal, decreasing)
    distance = threshold - base
    months = point.period.months_covered(goal.start)
    remaining = goal.goal_months - base_months
    share = (months - base_months) / remaining if remaining > 0 and months > base_months else None
    expected = base + distance * share if share is not None else None
    projected = base + (value - base) / share if share is not None else None
    progress = (value - base) / (target - base) if target != base else None
    if base_months == months and _reached(goal, value, threshold, decreasing):
        # The first figure is both the start and past the target: no distance was measured,
        # but "0 %" would contradict "achieved"; show how far past the target it is.
        progress = _ratio(value, target)
    span_covered = _covers_span(goal, point.period)
    margin = _pace_margin(goal, settings)
    sign = -1.0 if decreasing else 1.0  # compare "further along" the same way both directions
    if _reached(goal, value, threshold, decreasing):
        status, final = Status.achieved, True
    elif span_covered or as_of > goal.deadline:
        status, final = Status.missed, True
    elif expected is None or projected is None:
        status, final = Status.on_track, False  # one figure, no baseline: no pace to judge yet
    elif _ge(sign * value, sign * expected):
        status, final = Status.on_track, False
    elif _ge(margin * abs(distance), sign * (threshold - projected)):
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
        latest=_latest(point),
        expected=expected,
        projected=projected,
        progress=progress,
        gap=gap,
        stretch_met=_stretch_met(goal, value, decreasing),
        elapsed=share,
        final=final,
    )
    return _with_stale(result, point, settings)


def summarize(progress: Iterable[Progress]) -> dict[str, int]:
    """Count of goals per status, in the order of :class:`Status`."""
    counts = dict.fromkeys((s.value for s in Status), 0)
    for item in progress:
        counts[item.status.value] += 1
    return counts
