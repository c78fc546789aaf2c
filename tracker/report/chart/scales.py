"""Round axis steps and month ticks: the numbers behind the axes, no drawing."""

from __future__ import annotations

import calendar
import math
from datetime import date

from tracker.domain.periods import Language


def nice_step(span: float, count: int = 5) -> float:
    """A round tick step (1, 2, 2.5, 5 × 10ⁿ) giving about ``count`` ticks over ``span``."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def nice_range(low: float, high: float) -> tuple[float, float, float]:
    """(low, high, step) widened to whole steps; a flat range is opened up around its value."""
    if high - low < 1e-9:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = nice_step(high - low)
    return math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step, step


def month_end(year: int, month: int) -> date:
    """The last day of ``month`` in ``year``."""
    return date(year, month, calendar.monthrange(year, month)[1])


def month_ticks(start: date, end: date, language: Language) -> list[tuple[date, str]]:
    """Month-end ticks across the span, thinned to at most about a dozen labels."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = 1 if months <= 12 else 3 if months <= 24 else 6
    one_year = start.year == end.year
    ticks = []
    for index in range(step - 1, months, step):
        year, month = divmod(start.year * 12 + start.month - 1 + index, 12)
        month += 1
        day = min(month_end(year, month), end)
        if language == "zh":
            label = f"{month}月" if one_year else f"{year % 100:02d}年{month}月"
        else:
            name = calendar.month_abbr[month]
            label = name if one_year else f"{name} {year % 100:02d}"
        ticks.append((day, label))
    return ticks
