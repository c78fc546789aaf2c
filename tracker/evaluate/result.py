"""What evaluation returns: the verdict on one goal as of one day, and the figure it rests on.

``Progress`` is the typed result every later stage reads (digest, chart, report, alerts); it is
serialised only at the edges, by :meth:`Progress.as_json` (``tracker evaluate --json``, the
ledger snapshot, webhook payloads).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Comparator, Goal, Measure
from tracker.domain.periods import Period
from tracker.domain.status import Status


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
            "value": rounded(self.value),
            "published": self.published.isoformat() if self.published else None,
        }


PaceBasis = Literal["per_month", "rest_of_period"]


@dataclass(frozen=True, slots=True)
class Required:
    """The pace the rest of the span must keep for the goal to be met.

    ``per_month``: the amount still needed (or, under a ceiling, still allowed) per remaining
    month, in the goal's unit. ``rest_of_period``: the growth rate the remaining months must
    average for the cumulative rate over the whole span to meet the target (equal monthly
    weights; docs/evaluation.md).
    """

    value: float
    unit: str | None
    basis: PaceBasis
    months: int  # how many months remain

    def as_json(self) -> dict[str, Any]:
        return {"value": rounded(self.value), "unit": self.unit, "basis": self.basis}


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
    fraction: float | None = None  # share of the target reached (0.65 = 65 %)
    gap: float | None = None  # value minus what the rule compares it with, in the goal's unit
    stretch_met: bool | None = None
    elapsed: float | None = None  # share of the goal's span the latest figure covers
    final: bool = False  # the verdict cannot change with later figures for earlier periods
    required: Required | None = None  # the pace still needed (None when met or span over)

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
            "target": json_number(self.target),
            "stretch": json_number(self.stretch),
            "unit": self.unit,
            "latest": self.latest.as_json() if self.latest else None,
            "expected": rounded(self.expected),
            "projected": rounded(self.projected),
            "progress": rounded(self.fraction, 4),
            "gap": rounded(self.gap),
            "required": self.required.as_json() if self.required else None,
            "stretch_met": self.stretch_met,
            "deadline": self.deadline.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Point:
    """A current figure in the goal's unit."""

    period: Period
    value: float
    figure: FigureRecord


def json_number(value: float | None) -> float | None:
    """JSON-safe: NaN and ±inf as null (``Infinity`` is not JSON), -0.0 as 0.0."""
    if value is None or not math.isfinite(value):
        return None
    return value + 0  # -0.0 + 0 is 0.0; ints stay ints


def rounded(value: float | None, digits: int = 6) -> float | None:
    """Rounded and JSON-safe (see :func:`json_number`); -1e-9 rounds to 0.0, not -0.0."""
    return json_number(None if value is None else round(value, digits))
