"""One goal's progress as an inline SVG chart, drawn in Python (no JavaScript, no fonts shipped).

Totals, levels and growth rates are drawn by :mod:`.numeric` (figures against the pace,
target and stretch lines and the projection), milestones by :mod:`.milestone` (a timeline up
to the deadline). Every chart has ``role="img"``, a ``<title>`` and a ``<desc>`` that says in
words what the chart shows (:mod:`.describe`); :class:`GoalChart` also carries the plotted
numbers for a data table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.domain.goals import Measure
from tracker.domain.periods import Language
from tracker.evaluate import Progress
from tracker.report.chart.canvas import FONT_FAMILY
from tracker.report.chart.milestone import milestone_chart
from tracker.report.chart.model import ChartPoint, DataRow, GoalChart
from tracker.report.chart.numeric import numeric_chart

__all__ = ["FONT_FAMILY", "ChartPoint", "DataRow", "GoalChart", "goal_chart"]


def goal_chart(
    progress: Progress, points: Sequence[ChartPoint], language: Language = "zh"
) -> GoalChart:
    """The chart of ``progress.goal`` from its current ``points`` (oldest first)."""
    if progress.goal.measure is Measure.milestone:
        return milestone_chart(progress, points, language)
    return numeric_chart(progress, points, language)
