"""Numbers written the way readers expect: no trailing zeros, thousands only when large."""

from __future__ import annotations


def number(value: float, digits: int = 2) -> str:
    """``7.0`` -> ``7``, ``6.55`` -> ``6.55``, ``11729.0`` -> ``11729``."""
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "") if abs(value) < 10000 else text
