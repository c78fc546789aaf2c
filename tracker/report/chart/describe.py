"""The text a chart carries for readers who cannot see it: title, description, data rows."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from tracker.domain.goals import Goal
from tracker.domain.periods import Language
from tracker.evaluate import Progress
from tracker.present.humanize import target_text
from tracker.report.chart.canvas import element
from tracker.report.chart.model import ChartPoint, DataRow, Segment
from tracker.report.chart.pace import pace_at
from tracker.report.chart.words import WORDS, goal_value


def point_tip(goal: Goal, point: ChartPoint, language: Language) -> str:
    """The ``<title>`` a plotted point shows on hover: 1–9月 +6.1%."""
    return element("title", escape(f"{point.label} {goal_value(goal, point.value, language)}"))


def data_rows(
    goal: Goal, points: Sequence[ChartPoint], pace: Segment | None, language: Language
) -> list[DataRow]:
    """A row per plotted figure, with what the pace asked for by then when there is a pace."""
    rows = []
    for point in points:
        expected = pace_at(goal, pace, point) if pace else None
        rows.append(
            DataRow(
                point.label,
                goal_value(goal, point.value, language),
                goal_value(goal, expected, language) if expected is not None else None,
            )
        )
    return rows


def describe(
    progress: Progress,
    points: Sequence[ChartPoint],
    pace: Segment | None,
    projection: Segment | None,
    language: Language,
) -> tuple[str, str]:
    """The chart's title and a sentence or two saying what it shows, for screen readers."""
    goal, words = progress.goal, WORDS[language]
    sep, stop = words.sep, words.stop
    title = f"{words.chart_of}{goal.entity} · {goal.indicator}"
    sentences = [f"{words.target} {target_text(goal, language)}"]
    if points:
        shown = sep.join(f"{p.label} {goal_value(goal, p.value, language)}" for p in points)
        sentences.append(f"{words.series[goal.measure]}: {shown}")
    else:
        sentences.append(words.no_data)
    if pace and points:
        expected = goal_value(goal, pace_at(goal, pace, points[-1]), language)
        sentences.append(f"{words.pace} ({points[-1].label}): {expected}")
    if projection:
        projected = goal_value(goal, projection[1].value, language)
        sentences.append(
            f"{words.projection} ({words.deadline} {goal.deadline.isoformat()}): {projected}"
        )
    return title, stop.join(sentences) + stop.rstrip()
