"""The figures a verdict may use: the winning revision per period, in the goal's unit."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from tracker.domain.evaluation import EvaluationSettings
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal, Measure
from tracker.domain.periods import Period
from tracker.domain.status import Status
from tracker.domain.units import UnitError, parse_unit
from tracker.evaluate.result import Latest, Point, Progress


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


def latest_of(point: Point) -> Latest:
    return Latest(point.period, point.value, point.figure.published, point.figure)


def covers_span(goal: Goal, period: Period) -> bool:
    return period.months_covered(goal.start) >= goal.goal_months


def is_stale(point: Point, as_of: date, settings: EvaluationSettings) -> bool:
    return (as_of - point.period.end).days > settings.stale_days


def with_stale(progress: Progress, point: Point, settings: EvaluationSettings) -> Progress:
    """Stale only while the verdict is open: final verdicts do not go stale."""
    if progress.final or progress.status is Status.achieved:
        return progress
    stale = is_stale(point, progress.as_of, settings)
    return replace(progress, stale=stale)
