"""Durations as written in tracker.yaml: ``"30s"``, ``"5m"``, ``"24h"``, ``"2d"``."""

from __future__ import annotations

import re
from datetime import timedelta

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
DAY_SECONDS = 86400


def parse_duration(text: str | int | float) -> timedelta:
    """``"30s"``, ``"5m"``, ``"24h"``, ``"2d"`` (or plain seconds) as a timedelta."""
    if isinstance(text, int | float):
        return timedelta(seconds=text)
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"expected a duration like '30s', '5m', '24h' or '2d', got {text!r}")
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


__all__ = ["DAY_SECONDS", "parse_duration"]
