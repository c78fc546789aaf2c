"""The goal model: one declared target, validated, with the source it is quoted from."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tracker.domain.dates import parse_date
from tracker.domain.targets import Comparator as Comparator
from tracker.domain.targets import FlexibleNumber, number_in, parse_target
from tracker.domain.targets import Measure as Measure
from tracker.domain.units import PERCENT, Unit, parse_unit

SLUG = r"^[a-z0-9][a-z0-9._-]*$"
_SLUG = re.compile(SLUG)


def check_slug(value: str) -> str:
    """``value`` if it is a goal id; else a ValueError that suggests one."""
    if _SLUG.match(value):
        return value
    suggestion = re.sub(r"[^a-z0-9._-]+", "-", value.lower()).strip("-._")
    example = suggestion if _SLUG.match(suggestion) else "xiangzhou-2025-gdp"
    raise ValueError(
        "an id uses lower-case letters, digits, '.', '_' and '-' and starts with a letter or "
        f"digit; write e.g. {example!r}"
    )


def _date_or_text(value: Any) -> Any:
    """Dates written 2025/10/20 or 2025年10月20日 as dates; anything else is left to refuse."""
    return parse_date(value) if isinstance(value, str) else value


class Baseline(BaseModel):
    """Last year's actual, as stated in the same article (e.g. 2024年GDP573.7亿元，增长3.5%)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float | None = None
    unit: str | None = None
    year: int | None = None
    growth: float | None = None

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str | None) -> str | None:
        if unit is not None:
            parse_unit(unit)
        return unit


class Source(BaseModel):
    """Where a goal was declared: the document it is quoted from and the verbatim quote."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    document: str | None = None
    url: str | None = None
    published: date | None = None
    quote: str = Field(min_length=2)

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, value: Any) -> Any:
        return _date_or_text(value)


class Goal(BaseModel):
    """A declared annual (or multi-year) target, e.g. 规模以上工业增加值增长7% for 2025.

    Written in config/goals/*.yaml; ``target`` also takes the compact form ``"≥ 7%"``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(max_length=80, json_schema_extra={"pattern": SLUG})
    entity: str = Field(min_length=1)
    indicator: str = Field(min_length=1)
    entity_en: str | None = Field(default=None, description="English name for English digests")
    indicator_en: str | None = Field(default=None, description="English name for English digests")
    measure: Measure
    comparator: Comparator = Comparator.at_least
    target: FlexibleNumber = None
    target_max: FlexibleNumber = None
    stretch: FlexibleNumber = None
    unit: str | None = PERCENT
    year: int = Field(ge=1990, le=2100)
    start: date
    deadline: date
    baseline: Baseline | None = None
    source: Source
    tags: tuple[str, ...] = ()
    tolerance: float | None = Field(default=None, ge=0)
    at_risk_margin: float | None = Field(default=None, ge=0)
    note: str | None = None
    owners: tuple[str, ...] = Field(
        default=(), description="Who is responsible: keys of people: in tracker.yaml"
    )

    @field_validator("owners", mode="before")
    @classmethod
    def _one_owner(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="before")
    @classmethod
    def _expand_shorthand(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if isinstance(data.get("target"), str):
            try:
                parsed = parse_target(data["target"])
            except ValueError as exc:
                raise ValueError(f"target: {exc}") from None
            for key, value in parsed.items():
                if key in ("target", "target_max") or key not in data:
                    data[key] = value
        if data.get("measure") == Measure.milestone and "target" not in data:
            data.setdefault("unit", None)  # done / not done has no unit
        unit = data.get("unit", PERCENT)
        for key in ("target_max", "stretch"):
            if key in data:
                data[key] = number_in(data[key], key, unit if isinstance(unit, str) else None)
        if "measure" not in data:
            data["measure"] = Measure.growth if unit == PERCENT else Measure.total
        for key in ("start", "deadline"):
            if isinstance(data.get(key), str):
                # A bad date is refused with its own message by the field validator.
                with contextlib.suppress(ValueError):
                    data[key] = parse_date(data[key])
        year = data.get("year")
        if isinstance(year, int) and 1990 <= year <= 2100:
            data.setdefault("start", date(year, 1, 1))
            data.setdefault("deadline", date(year, 12, 31))
        elif "year" not in data and isinstance(data.get("deadline"), date):
            data["year"] = data["deadline"].year
            data.setdefault("start", date(data["year"], 1, 1))
        elif "year" in data:
            # A bad year is reported once, on `year`, not again as missing start and deadline.
            data.setdefault("start", date.min)
            data.setdefault("deadline", date.max)
        return data

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str | None) -> str | None:
        if unit is not None:
            parse_unit(unit)
        return unit

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        return check_slug(value)

    @field_validator("start", "deadline", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> Any:
        return _date_or_text(value)

    @model_validator(mode="after")
    def _consistent(self) -> Goal:
        if self.measure is Measure.milestone:
            if self.target is not None:
                raise ValueError("target: a milestone has no number; remove target")
            return self
        if self.target is None:
            raise ValueError(f"target: required for measure {self.measure.value}")
        if self.unit is None:
            raise ValueError(f"unit: required for measure {self.measure.value}")
        if self.measure is Measure.growth and self.unit != PERCENT:
            raise ValueError(f"unit: a growth goal is in %, not {self.unit!r}")
        if self.comparator is Comparator.between:
            if self.target_max is None:
                raise ValueError("target_max: required when comparator is between")
            if self.target_max <= self.target:
                raise ValueError(
                    f"target_max: {self.target_max:g} must be above target {self.target:g}"
                )
        elif self.target_max is not None:
            raise ValueError(f"target_max: only for comparator between, not {self.comparator}")
        if self.stretch is not None and self.stretch <= self.target:
            raise ValueError(f"stretch: {self.stretch:g} must be above target {self.target:g}")
        if self.deadline < self.start:
            raise ValueError(f"deadline: {self.deadline} is before start {self.start}")
        return self

    def names(self, language: str) -> tuple[str, str]:
        """(entity, indicator) in ``language``, falling back to the Chinese as declared."""
        if language == "en":
            return self.entity_en or self.entity, self.indicator_en or self.indicator
        return self.entity, self.indicator

    @property
    def unit_info(self) -> Unit:
        return parse_unit(self.unit or PERCENT)

    @property
    def effective_tolerance(self) -> float:
        """Half-width of the 'about' band: ±0.5 points for growth, ±5 % of the target otherwise."""
        if self.tolerance is not None:
            return self.tolerance
        if self.measure is Measure.growth:
            return 0.5
        return abs(self.target or 0.0) * 0.05

    @property
    def goal_months(self) -> int:
        """Whole months from start to deadline (12 for a calendar year)."""
        return (
            (self.deadline.year - self.start.year) * 12 + self.deadline.month - self.start.month + 1
        )

    def as_json(self) -> dict[str, Any]:
        """The public JSON shape of ``tracker goals --json`` (exact key set)."""
        return {
            "id": self.id,
            "entity": self.entity,
            "indicator": self.indicator,
            "measure": self.measure.value,
            "comparator": self.comparator.value,
            "target": self.target,
            "target_max": self.target_max,
            "stretch": self.stretch,
            "unit": self.unit,
            "start": self.start.isoformat(),
            "deadline": self.deadline.isoformat(),
            "baseline": self.baseline.model_dump() if self.baseline else None,
            "tags": list(self.tags),
            "source": {
                "document": self.source.document,
                "url": self.source.url,
                "published": self.source.published.isoformat() if self.source.published else None,
                "quote": self.source.quote,
            },
        }
