"""Reading one cell of a figure record: periods, dates, numbers with units, done/not done.

Each reader raises :class:`CellError` naming the field, so every bad cell of a row is reported.
Values are kept as written, with their unit; evaluation converts them to the goal's unit, so a
figure in 万元 for a goal in 亿元 compares correctly even if the goal's unit is edited later.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from typing import Any

from tracker.domain.goals import Goal, Measure
from tracker.domain.periods import Period, PeriodError
from tracker.domain.units import COUNTED, Unit, UnitError, parse_unit

DONE = frozenset({"done", "true", "yes", "y", "1", "完成", "已完成", "是"})
NOT_DONE = frozenset({"not done", "false", "no", "n", "0", "未完成", "否"})
# The largest magnitude a figure may have in its base unit (1e15 元 is 1000 万亿元): beyond it a
# value is a typo, and far beyond it unit conversion overflows to inf.
MAX_BASE_VALUE = 1e15
_MAX_EXPONENT = round(math.log10(MAX_BASE_VALUE))

_NUMBER = re.compile(r"^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S*)$")


class CellError(ValueError):
    """A cell that cannot be read; ``field`` is the record field it belongs to."""

    def __init__(self, field_name: str | None, message: str) -> None:
        self.field = field_name
        super().__init__(message)


def text_or_none(value: Any) -> str | None:
    """Stripped text; None for a missing or blank cell."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def period_cell(raw: Any) -> Period:
    if isinstance(raw, bool | date | float):
        raise CellError("period", f"cannot read period {raw!r}; write e.g. 2025, 2025-09, 2025-Q3")
    try:
        return Period.parse(unicodedata.normalize("NFKC", str(raw)))
    except PeriodError as exc:
        raise CellError("period", str(exc)) from None


def value_cell(raw: Any, unit_raw: Any, goal: Goal) -> tuple[float, str | None]:
    """(value as written, unit as written or the goal's); milestones: (1.0 | 0.0, None)."""
    unit_text = text_or_none(unit_raw)
    if goal.measure is Measure.milestone:
        if unit_text is not None:
            raise CellError("unit", "a milestone figure has no unit; leave it empty")
        return _done(raw), None
    number, suffix = _number(raw)
    if suffix and unit_text and not _same_unit(_unit(suffix, "value"), _unit(unit_text, "unit")):
        raise CellError("value", f"unit {suffix!r} in the value disagrees with unit {unit_text!r}")
    written = unit_text or suffix
    unit = _unit(written, "unit" if unit_text else "value") if written else goal.unit_info
    if not unit.compatible(goal.unit_info):
        raise CellError(
            "unit" if unit_text else "value",
            f"{unit.text} cannot be converted to goal {goal.id}'s unit {goal.unit}",
        )
    _check_magnitude(number, unit, goal)
    return number, unit.text


def _check_magnitude(number: float, unit: Unit, goal: Goal) -> None:
    base = unit.to_base(number)
    in_goal_unit = unit.convert(number, goal.unit_info)
    if not (math.isfinite(base) and math.isfinite(in_goal_unit) and abs(base) <= MAX_BASE_VALUE):
        raise CellError(
            "value",
            f"{number:g}{unit.text} is out of range: beyond ±10^{_MAX_EXPONENT} {unit.base}",
        )
    if number < 0 and unit.base in COUNTED and goal.measure in (Measure.total, Measure.level):
        raise CellError("value", f"{number:g}{unit.text}: a count cannot be negative")


def _same_unit(a: Unit, b: Unit) -> bool:
    return a.compatible(b) and a.scale == b.scale


def _unit(text: str, field_name: str) -> Unit:
    try:
        return parse_unit(unicodedata.normalize("NFKC", text))
    except UnitError as exc:
        raise CellError(field_name, str(exc)) from None


def _number(raw: Any) -> tuple[float, str | None]:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise CellError("value", f"expected a number, got {raw!r}")
    if isinstance(raw, int | float):
        number, suffix = float(raw), None
    else:
        text = _without_separators(raw)
        match = _NUMBER.match(text)
        if not match:
            raise CellError("value", f"expected a number, got {raw!r}")
        number, suffix = float(match[1]), match[2] or None
    if not math.isfinite(number):
        raise CellError("value", f"expected a finite number, got {raw!r}")
    return number, suffix


_GROUPED = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)")


def _without_separators(raw: str) -> str:
    """``1,500`` as ``1500``; a comma anywhere else (``1,5``) is a mistake, not a separator."""
    text = unicodedata.normalize("NFKC", raw).replace("−", "-").strip()
    if "," not in text:
        return text
    grouped = _GROUPED.match(text)
    if grouped is None or "," in text[grouped.end() :]:
        raise CellError(
            "value",
            f"cannot read {raw!r} as a number: write decimals with '.' (1.5) and use ',' only "
            "between groups of three digits (1,500)",
        )
    return text.replace(",", "")


def _done(raw: Any) -> float:
    if isinstance(raw, bool):
        return 1.0 if raw else 0.0
    text = str(raw).strip().lower()
    if isinstance(raw, int | float) and raw in (0, 1):
        text = str(int(raw))
    if text in DONE:
        return 1.0
    if text in NOT_DONE:
        return 0.0
    raise CellError(
        "value",
        f"expected done or not done (done/true/yes/1/完成/是 or "
        f"not done/false/no/0/未完成/否), got {raw!r}",
    )
