"""Baselines: past figures (2024年…完成GDP573.7亿元，增长3.5%) kept for the goal they report on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tracker.domain.goals import Baseline, Comparator, Measure
from tracker.domain.units import PERCENT
from tracker.extract.clauses import Raw
from tracker.extract.hits import HitKind
from tracker.extract.indicators import same_family, same_indicator
from tracker.extract.model import Candidate

_REPORT_WORDS = re.compile(r"完成|实现|全年")


@dataclass
class _Base:
    indicator: str
    entity: str
    value: float | None = None
    unit: str | None = None
    year: int | None = None
    growth: float | None = None


@dataclass
class Baselines:
    """The past figures read so far, in reading order."""

    bases: list[_Base] = field(default_factory=list)

    def record(self, raw: Raw, name: str, previous: Raw | None, year: int | None) -> None:
        """Keep a past figure of indicator ``name``; a bare growth rate right after a past
        amount (完成GDP573.7亿元，增长3.5%) is that amount's growth."""
        hit = raw.hit
        if hit.kind is not HitKind.figure or hit.comparator is Comparator.between:
            return
        name = _REPORT_WORDS.sub("", name)
        if hit.unit != PERCENT:
            if name:
                self.bases.append(_Base(name, raw.entity, hit.target, hit.unit, year))
            return
        if not raw.growth:
            return
        if not name and self.bases and previous is not None and previous.past:
            last = self.bases[-1]
            if last.growth is None:
                last.growth = hit.target
        elif name:
            self.bases.append(_Base(name, raw.entity, year=year, growth=hit.target))

    def attach(self, goal: Candidate) -> Candidate:
        """``goal`` with the first baseline of its entity and indicator (in a unit it can use)."""
        if goal.measure is Measure.milestone:
            return goal
        for base in self.bases:
            if base.entity != goal.entity or not same_indicator(base.indicator, goal.indicator):
                continue
            if (
                goal.measure is not Measure.growth
                and base.unit
                and not same_family(base.unit, goal.unit)
            ):
                continue
            baseline = Baseline(
                value=base.value, unit=base.unit, year=base.year, growth=base.growth
            )
            return replace(goal, baseline=baseline)
        return goal
