"""What a chart is drawn from and what it gives back: points, data rows, the finished chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.domain.periods import Period


@dataclass(frozen=True)
class ChartPoint:
    """A plotted figure: the day its period ends, its value in the goal's unit, its label."""

    when: date
    value: float
    label: str
    period: Period | None = None


# A straight line between two points: the pace line, the projection.
Segment = tuple[ChartPoint, ChartPoint]


@dataclass(frozen=True)
class DataRow:
    """One row of the chart's data table: period, value and what the pace asked for then."""

    label: str
    value: str
    pace: str | None = None


@dataclass(frozen=True)
class GoalChart:
    """The SVG markup of a goal's chart, its text alternative and its data."""

    svg: str
    title: str
    description: str
    rows: tuple[DataRow, ...] = ()
    has_pace: bool = False
