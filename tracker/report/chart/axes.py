"""The parts every chart shares around its plot: axes, the as-of marker, legend, no-data note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.goals import Goal
from tracker.domain.periods import Language
from tracker.report.chart.canvas import (
    AS_OF,
    AXIS,
    GRID,
    LEFT,
    MUTED,
    TOP,
    WIDTH,
    Canvas,
    across_plot,
    element,
    text_element,
    text_width,
)
from tracker.report.chart.scales import month_ticks
from tracker.report.chart.words import ChartWords, axis_value


@dataclass(frozen=True)
class LegendItem:
    """One legend entry: the CSS class of what it names, its label and its sample's look."""

    css: str
    label: str
    colour: str
    dash: str | None = None  # stroke-dasharray of the sample line
    band: bool = False  # a filled box instead of a line (the target band)


def value_axis(canvas: Canvas, goal: Goal, step: float) -> None:
    """Grid lines and labels every ``step`` from ``canvas.low`` to ``canvas.high``; zero darker."""
    ticks = []
    count = round((canvas.high - canvas.low) / step)
    for index in range(count + 1):
        value = canvas.low + index * step
        y = canvas.y(value)
        zero = abs(value) < step * 1e-6
        ticks.append(across_plot(y, stroke=AXIS if zero else GRID, stroke_width=1))
        label = axis_value(goal, 0.0 if zero else value)
        ticks.append(
            text_element(label, x=LEFT - 6, y=y + 4, text_anchor="end", font_size=11, fill=MUTED)
        )
    canvas.add(element("g", "".join(ticks), class_="axis-values"))


def time_axis(canvas: Canvas, language: Language) -> None:
    """The base line with a tick and a label at month ends."""
    bottom = canvas.plot_bottom
    ticks = [across_plot(bottom, stroke=AXIS)]
    for day, label in month_ticks(canvas.start, canvas.end, language):
        x = canvas.x(day)
        ticks.append(element("line", x1=x, y1=bottom, x2=x, y2=bottom + 4, stroke=AXIS))
        ticks.append(
            text_element(label, x=x, y=bottom + 18, text_anchor="middle", font_size=11, fill=MUTED)
        )
    canvas.add(element("g", "".join(ticks), class_="axis-time"))


def as_of_marker(canvas: Canvas, as_of: date, words: ChartWords) -> None:
    """A dashed vertical line at the report's day, when it falls inside the goal's span."""
    if not canvas.start <= as_of <= canvas.end:
        return
    x = canvas.x(as_of)
    line = element(
        "line",
        x1=x,
        y1=TOP,
        x2=x,
        y2=canvas.plot_bottom,
        stroke=AS_OF,
        stroke_width=1,
        stroke_dasharray="3 3",
    )
    label = text_element(words.as_of, x=x + 3, y=canvas.plot_bottom - 5, font_size=10, fill=AS_OF)
    canvas.add(element("g", line + label, class_="as-of"))


def legend(canvas: Canvas, items: Sequence[LegendItem]) -> None:
    """The legend above the plot, wrapping onto a new row where an entry would not fit."""
    x, y = float(LEFT), 18.0
    out = []
    for item in items:
        width = 22 + text_width(item.label, 12) + 16
        if x + width > WIDTH - 4:
            x, y = float(LEFT), y + 18
        out.append(
            element("g", _sample(item, x, y) + _label(item, x, y), class_=f"legend-{item.css}")
        )
        x += width
    canvas.add(element("g", "".join(out), class_="legend"))


def _sample(item: LegendItem, x: float, y: float) -> str:
    if item.band:
        return element(
            "rect", x=x, y=y - 6, width=18, height=10, fill=item.colour, fill_opacity=0.15
        )
    return element(
        "line",
        x1=x,
        y1=y - 1,
        x2=x + 18,
        y2=y - 1,
        stroke=item.colour,
        stroke_width=2.5 if item.css == "series-actual" else 1.5,
        stroke_dasharray=item.dash,
    )


def _label(item: LegendItem, x: float, y: float) -> str:
    return text_element(item.label, x=x + 22, y=y + 3, font_size=12, fill="#1f2328")


def no_data_note(canvas: Canvas, words: ChartWords, y: float, font_size: int) -> None:
    """ "No data yet" across the middle of a chart that has no figures to plot."""
    canvas.add(
        text_element(
            words.no_data,
            x=LEFT + canvas.plot_width / 2,
            y=y,
            text_anchor="middle",
            font_size=font_size,
            fill=MUTED,
        )
    )
