"""Numbers written the way readers expect: no trailing zeros, thousands only when large."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def number(value: float, digits: int = 2) -> str:
    """``7.0`` -> ``7``, ``6.55`` -> ``6.55``, ``12000.0`` -> ``12000``.

    No thousands separators: Chinese text writes 12000 (or 1.2万), never 12,000, and a quote
    check looks for the number as the article writes it. English output groups thousands itself.
    """
    if not math.isfinite(value):
        return "—"
    text = f"{_half_up(value, digits):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _half_up(value: float, digits: int) -> Decimal:
    """四舍五入 on the number as written (17.25 -> 17.3), not banker's rounding on binary."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
