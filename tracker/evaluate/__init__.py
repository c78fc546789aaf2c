"""Verdicts: how each goal stands on a given day, from the figures published by then.

Pure functions, no I/O: give :func:`evaluate_goal` a goal, its figures, a date and the settings,
and it returns the same :class:`Progress` every time, so any past day can be replayed exactly.
The rules are documented with worked examples in docs/evaluation.md; keep the two in step.
This package imports only :mod:`tracker.domain` (tests/test_layers.py checks it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from tracker.domain.evaluation import EvaluationSettings
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal, Measure
from tracker.domain.status import STATUS_RANK, Status
from tracker.evaluate import measures
from tracker.evaluate.points import current_points
from tracker.evaluate.result import Latest, Point, Progress

__all__ = [
    "STATUS_RANK",
    "Latest",
    "Point",
    "Progress",
    "Status",
    "current_points",
    "evaluate_all",
    "evaluate_goal",
    "summarize",
]


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
        return measures.milestone(goal, points, as_of, settings)
    if goal.measure is Measure.growth:
        return measures.growth(goal, points, as_of, settings)
    if goal.measure is Measure.total:
        return measures.total(goal, points, as_of, settings)
    return measures.level(goal, points, as_of, settings)


def summarize(progress: Iterable[Progress]) -> dict[str, int]:
    """Count of goals per status, in the order of :class:`Status`."""
    counts = dict.fromkeys((s.value for s in Status), 0)
    for item in progress:
        counts[item.status.value] += 1
    return counts
