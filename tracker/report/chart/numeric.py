"""The chart of a total, level or growth-rate goal.

Totals: the cumulative figures over the goal's span against the pace line from zero to the
target, the target line (or band), the stretch line and the projection to the deadline.
Levels: the same, with the pace line starting from the baseline (or the first figure).
Growth rates: the cumulative growth path against the target line or band (``about`` ±
tolerance, ``between``) and the stretch line.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.domain.goals import Goal, Measure
from tracker.domain.periods import Language
from tracker.evaluate import Progress
from tracker.report.chart.axes import (
    LegendItem,
    as_of_marker,
    legend,
    no_data_note,
    time_axis,
    value_axis,
)
from tracker.report.chart.canvas import (
    ACTUAL,
    LEFT,
    MUTED,
    PACE,
    PROJECTION,
    RIGHT,
    STRETCH,
    TARGET,
    TOP,
    WIDTH,
    Canvas,
    across_plot,
    document,
    element,
    text_element,
)
from tracker.report.chart.describe import data_rows, describe, point_tip
from tracker.report.chart.model import ChartPoint, GoalChart, Segment
from tracker.report.chart.pace import pace_segment, target_band
from tracker.report.chart.scales import nice_range
from tracker.report.chart.words import WORDS, line_value


def numeric_chart(
    progress: Progress, points: Sequence[ChartPoint], language: Language
) -> GoalChart:
    """The chart of ``progress.goal`` (not a milestone) from its current ``points``."""
    goal, words = progress.goal, WORDS[language]
    pace = pace_segment(goal, points, language)
    series = _series(goal, points, pace)
    projection = _projection(progress, points)
    low, high, step = nice_range(*_value_range(goal, series, pace, projection))
    canvas = Canvas(goal.start, goal.deadline, low, high)
    clip = f"clip-{goal.id}"
    canvas.add(f"<defs>{element('clipPath', _clip_frame(canvas), id=clip)}</defs>")
    value_axis(canvas, goal, step)
    time_axis(canvas, language)
    plot, entries = _plot(canvas, goal, series, points, pace, projection, language)
    canvas.add(element("g", "".join(plot), clip_path=f"url(#{clip})"))
    _line_labels(canvas, goal, language)
    as_of_marker(canvas, progress.as_of, words)
    if not points:
        no_data_note(canvas, words, (TOP + canvas.plot_bottom) / 2, 16)
    legend(canvas, entries)
    if goal.unit and goal.measure is not Measure.growth:
        canvas.add(text_element(words.unit + goal.unit, x=8, y=TOP - 10, font_size=11, fill=MUTED))
    rows = tuple(data_rows(goal, points, pace, language))
    title, description = describe(progress, points, pace, projection, language)
    svg = document(canvas, goal.id, title, description)
    return GoalChart(svg, title, description, rows, has_pace=pace is not None)


def _series(goal: Goal, points: Sequence[ChartPoint], pace: Segment | None) -> list[ChartPoint]:
    """The plotted line: a total starts from zero, a level from its baseline, at the start."""
    series = list(points)
    if goal.measure is Measure.total:
        series.insert(0, ChartPoint(goal.start, 0.0, ""))
    elif pace and pace[0].when == goal.start and (not points or points[0].when != goal.start):
        series.insert(0, pace[0])
    return series


def _projection(progress: Progress, points: Sequence[ChartPoint]) -> Segment | None:
    """From the latest figure to the projected value at the deadline, while the goal is open."""
    goal = progress.goal
    open_ended = points and not progress.final and points[-1].when < goal.deadline
    if progress.projected is None or not open_ended:
        return None
    return points[-1], ChartPoint(goal.deadline, progress.projected, "")


def _value_range(
    goal: Goal,
    series: Sequence[ChartPoint],
    pace: Segment | None,
    projection: Segment | None,
) -> tuple[float, float]:
    """The values the axis must show; a far-off projection is left to be clipped."""
    core = [p.value for p in series] + [goal.target or 0.0]
    band = target_band(goal)
    if band:
        core += list(band)
    if goal.stretch is not None:
        core.append(goal.stretch)
    if pace:
        core += [pace[0].value, pace[1].value]
    if goal.measure in (Measure.total, Measure.growth):
        core.append(0.0)
    low, high = min(core), max(core)
    if projection:
        reach = max(high - low, abs(high) * 0.2, 1e-9)
        projected = projection[1].value
        if low - reach * 0.5 <= projected <= high + reach * 0.5:
            low, high = min(low, projected), max(high, projected)
    return low, high + (high - low) * 0.04  # room above the top line for its label


def _clip_frame(canvas: Canvas) -> str:
    """The clip rectangle of the plot, a little larger so end points stay whole circles."""
    pad = 8
    return element(
        "rect",
        x=LEFT - pad,
        y=TOP - pad,
        width=canvas.plot_width + 2 * pad,
        height=canvas.plot_bottom - TOP + 2 * pad,
    )


def _plot(
    canvas: Canvas,
    goal: Goal,
    series: Sequence[ChartPoint],
    points: Sequence[ChartPoint],
    pace: Segment | None,
    projection: Segment | None,
    language: Language,
) -> tuple[list[str], list[LegendItem]]:
    """The clipped plot elements, back to front, and the legend entries for them."""
    words = WORDS[language]
    plot: list[str] = []
    entries: list[LegendItem] = []
    band = target_band(goal)
    if band:
        plot.append(_band(canvas, band))
        entries.append(LegendItem("band-target", words.band, TARGET, band=True))
    if pace:
        plot.append(_segment("line-pace", canvas, pace, PACE, 1.5, "6 4"))
        entries.append(LegendItem("line-pace", words.pace, PACE, "6 4"))
    plot.append(_level_line("line-target", canvas, goal.target or 0.0, TARGET, None))
    entries.append(LegendItem("line-target", words.target, TARGET))
    if goal.stretch is not None:
        plot.append(_level_line("line-stretch", canvas, goal.stretch, STRETCH, "2 3"))
        entries.append(LegendItem("line-stretch", words.stretch, STRETCH, "2 3"))
    if projection:
        plot.append(_segment("line-projection", canvas, projection, PROJECTION, 2, "1 4"))
        entries.append(LegendItem("line-projection", words.projection, PROJECTION, "1 4"))
    if series:
        plot.append(_actual_line(canvas, series))
        entries.insert(0, LegendItem("series-actual", words.series[goal.measure], ACTUAL))
    plot += [_point(canvas, goal, point, language) for point in points]
    return plot, entries


def _band(canvas: Canvas, band: tuple[float, float]) -> str:
    """The shaded target band across the plot."""
    top, bottom = canvas.y(band[1]), canvas.y(band[0])
    return element(
        "rect",
        class_="band-target",
        x=LEFT,
        y=top,
        width=canvas.plot_width,
        height=max(bottom - top, 1),
        fill=TARGET,
        fill_opacity=0.08,
    )


def _actual_line(canvas: Canvas, series: Sequence[ChartPoint]) -> str:
    coords = " ".join(f"{canvas.x(p.when)},{canvas.y(p.value)}" for p in series)
    return element(
        "polyline",
        class_="series-actual",
        points=coords,
        fill="none",
        stroke=ACTUAL,
        stroke_width=2.5,
        stroke_linejoin="round",
    )


def _point(canvas: Canvas, goal: Goal, point: ChartPoint, language: Language) -> str:
    return element(
        "circle",
        point_tip(goal, point, language),
        class_="point",
        cx=canvas.x(point.when),
        cy=canvas.y(point.value),
        r=4,
        fill="#ffffff",
        stroke=ACTUAL,
        stroke_width=2,
    )


def _level_line(css: str, canvas: Canvas, value: float, colour: str, dash: str | None) -> str:
    """A horizontal reference line across the plot (target, stretch) at ``value``."""
    return across_plot(canvas.y(value), css, stroke=colour, stroke_width=1.5, stroke_dasharray=dash)


def _segment(
    css: str, canvas: Canvas, segment: Segment, colour: str, width: float, dash: str | None
) -> str:
    a, b = segment
    return element(
        "line",
        class_=css,
        x1=canvas.x(a.when),
        y1=canvas.y(a.value),
        x2=canvas.x(b.when),
        y2=canvas.y(b.value),
        stroke=colour,
        stroke_width=width,
        stroke_dasharray=dash,
    )


def _line_labels(canvas: Canvas, goal: Goal, language: Language) -> None:
    """Name the target and stretch lines at their right end, just above the line."""
    words = WORDS[language]
    target = goal.target or 0.0
    labels = [(target, f"{words.target} {line_value(goal, target, language)}", TARGET)]
    if goal.stretch is not None:
        text = f"{words.stretch} {line_value(goal, goal.stretch, language)}"
        labels.append((goal.stretch, text, STRETCH))
    for value, text, colour in labels:
        y = canvas.y(value)
        if TOP <= y <= canvas.plot_bottom:
            canvas.add(
                text_element(
                    text,
                    class_="line-label",
                    x=WIDTH - RIGHT - 4,
                    y=max(y - 5, TOP + 10),
                    text_anchor="end",
                    font_size=11,
                    fill=colour,
                    paint_order="stroke",
                    stroke="#ffffff",
                    stroke_width=3,
                )
            )
