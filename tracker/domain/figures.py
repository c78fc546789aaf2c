"""Figures as evaluation sees them: a validated new figure, a stored revision, a write summary."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tracker.domain.periods import Period
from tracker.domain.units import Unit, parse_unit


@dataclass(frozen=True, slots=True)
class NewFigure:
    """A validated figure not yet stored; ``value`` is as written, in ``unit``."""

    goal: str
    period: Period
    value: float
    unit: str | None  # None for milestones (1.0 done, 0.0 not done)
    source: str | None = None
    published: date | None = None
    note: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class FigureRecord:
    """A stored figure revision. ``visible_from`` is the day it counts from in evaluations."""

    id: int
    goal: str
    period: Period
    value: float
    unit: str | None
    source: str | None
    published: date | None
    note: str | None
    recorded_at: datetime
    visible_from: date
    origin: str | None = None
    # False for a superseded revision (figure history only); a view, not part of identity.
    current: bool = field(default=True, compare=False)

    def value_in(self, unit: Unit) -> float:
        """The value expressed in ``unit``; raises UnitError when incompatible."""
        if self.unit is None:
            return self.value
        return parse_unit(self.unit).convert(self.value, unit)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "goal": self.goal,
            "period": self.period.text,
            "value": self.value,
            "unit": self.unit,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "note": self.note,
            "recorded_at": self.recorded_at.isoformat(),
            "origin": self.origin,
            "current": self.current,
        }


@dataclass
class WriteSummary:
    """What writing a batch did: new periods, revisions, identical re-imports, metadata edits."""

    added: int = 0
    revised: int = 0
    unchanged: int = 0
    updated: int = 0

    @property
    def changed(self) -> int:
        return self.added + self.revised + self.updated


def same_value(value_a: float, unit_a: str | None, value_b: float, unit_b: str | None) -> bool:
    """Equal numbers once both are in base units (180 亿元 == 1800000 万元)."""
    base_a = parse_unit(unit_a).to_base(value_a) if unit_a else value_a
    base_b = parse_unit(unit_b).to_base(value_b) if unit_b else value_b
    return math.isclose(base_a, base_b, rel_tol=1e-9, abs_tol=1e-12)
