"""The numbers a quote states, with their units: ``不少于50个``, ``8000人``, ``十七个``.

Quote verification asks whether a goal's target is among them, and in which unit the quote
gives it. Chinese numerals are read by cn2an one captured span at a time (``十七``, ``三千``,
``千亿``): never by converting the whole text, which would turn 一季度 or 统一 into numbers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.domain.units import (
    BASE_UNITS,
    MAGNITUDES,
    PERCENT,
    SYNONYMS,
    Unit,
    UnitError,
    parse_unit,
)

# Units a number in a quote may carry, longest first (万平方米 before 米, 人次 before 人).
_UNITS = sorted({*BASE_UNITS, *SYNONYMS, PERCENT, "个百分点", "百分点"}, key=len, reverse=True)
_UNIT = "|".join(map(re.escape, _UNITS))
_MAGNITUDE = "|".join(map(re.escape, MAGNITUDES))
_ARABIC = r"\d+(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+"
# One number or a range (1-2个), a magnitude (万, 亿) and a unit, each optional but the number.
_STATED = re.compile(
    rf"(?P<a>{_ARABIC}|{_CHINESE})(?:(?:-|~|至|到|—|–)(?P<b>{_ARABIC}|{_CHINESE}))?"
    rf"(?P<magnitude>{_MAGNITUDE})?(?P<unit>{_UNIT})?"
)


@dataclass(frozen=True)
class Stated:
    """A number as a quote states it: ``value`` in ``unit`` (None when no unit follows)."""

    value: float
    unit: Unit | None
    text: str

    def equals(self, base_value: float) -> bool:
        """True when this number, in its base unit, is ``base_value``."""
        base = self.unit.to_base(self.value) if self.unit else self.value
        return math.isclose(base, base_value, rel_tol=1e-9, abs_tol=1e-9)


def stated_numbers(text: str) -> list[Stated]:
    """Every number ``text`` states (normalised text: NFKC, no spaces), left to right."""
    found: list[Stated] = []
    for match in _STATED.finditer(text):
        if text[match.end() : match.end() + 1] == "年" and not match["unit"]:
            continue  # 2025年, 3年: when, not how much
        magnitude = match["magnitude"]
        unit = _unit(magnitude, match["unit"])
        for part in ("a", "b"):
            value = _value(match[part]) if match[part] else None
            if value is None:
                continue
            if unit is None and magnitude:
                value *= MAGNITUDES[magnitude]  # 超千亿: a bare magnitude multiplies
            found.append(Stated(value, unit, match.group()))
    return found


def _unit(magnitude: str | None, unit: str | None) -> Unit | None:
    if unit is None:
        return None
    if unit in ("个百分点", "百分点"):
        return parse_unit(PERCENT)
    try:
        return parse_unit((magnitude or "") + unit)
    except UnitError:
        return None


@lru_cache(maxsize=1024)
def _value(text: str) -> float | None:
    if text[0].isdigit():
        return float(text)
    import cn2an  # type: ignore[import-untyped]  # ~0.15 s to import: only quotes need it

    # 千亿, 万亩: a magnitude on its own is one of it.
    spoken = "一" + text if text[0] in "十百千万亿" and text[0] != "十" else text
    try:
        return float(cn2an.cn2an(spoken, "normal"))
    except ValueError:
        return None


def shown(stated: Stated) -> str:
    """``50个``, ``8000人``, ``超亿元``'s ``亿元``: a stated number as the quote writes it."""
    return stated.text
