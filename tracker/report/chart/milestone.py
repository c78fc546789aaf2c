"""The chart of a milestone goal: a timeline up to the deadline with each done / not-done figure."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.domain.periods import Language
from tracker.domain.status import Status
from tracker.evaluate import Progress
from tracker.present.statuses import COLORS
from tracker.report.chart.axes import LegendItem, as_of_marker, legend, no_data_note, time_axis
from tracker.report.chart.canvas import (
    ACTUAL,
    GRID,
    MILESTONE_HEIGHT,
    TARGET,
    TOP,
    Canvas,
    across_plot,
    document,
    element,
    text_element,
)
from tracker.report.chart.describe import describe, point_tip
from tracker.report.chart.model import ChartPoint, DataRow, GoalChart
from tracker.report.chart.words import WORDS, goal_value


def milestone_chart(
    progress: Progress, points: Sequence[ChartPoint], language: Language
) -> GoalChart:
    """A timeline from start to deadline with each published done / not-done figure."""
    goal, words = progress.goal, WORDS[language]
    canvas = Canvas(goal.start, goal.deadline, 0.0, 1.0, height=MILESTONE_HEIGHT)
    time_axis(canvas, language)
    track = canvas.y(0.5)
    canvas.add(across_plot(track, "track", stroke=GRID, stroke_width=6, stroke_linecap="round"))
    canvas.add(element("g", _deadline(canvas, progress, language), class_="line-target"))
    done_colour = COLORS[Status.achieved]
    for point in points:
        done = point.value >= 0.5
        canvas.add(
            element(
                "circle",
                point_tip(goal, point, language),
                class_="point",
                cx=canvas.x(point.when),
                cy=track,
                r=7,
                fill=done_colour if done else "#ffffff",
                stroke=done_colour if done else ACTUAL,
                stroke_width=2,
            )
        )
    as_of_marker(canvas, progress.as_of, words)
    if not points:
        no_data_note(canvas, words, track - 14, 13)
    legend(
        canvas,
        [
            LegendItem("series-actual", words.series[goal.measure], ACTUAL),
            LegendItem("line-target", words.deadline, TARGET),
        ],
    )
    rows = tuple(DataRow(p.label, goal_value(goal, p.value, language)) for p in points)
    title, description = describe(progress, points, None, None, language)
    return GoalChart(document(canvas, goal.id, title, description), title, description, rows)


def _deadline(canvas: Canvas, progress: Progress, language: Language) -> str:
    """The deadline as a vertical line at the right end, labelled with its date."""
    deadline = progress.goal.deadline
    end = canvas.x(deadline)
    line = element(
        "line", x1=end, y1=TOP, x2=end, y2=canvas.plot_bottom, stroke=TARGET, stroke_width=1.5
    )
    return line + text_element(
        f"{WORDS[language].deadline} {deadline.isoformat()}",
        x=end - 4,
        y=TOP + 10,
        text_anchor="end",
        font_size=11,
        fill=TARGET,
    )
