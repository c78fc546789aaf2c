"""The verdict a goal can have, and how bad each one is."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """A goal's verdict as of a day (see docs/evaluation.md for the rules)."""

    achieved = "achieved"
    on_track = "on_track"
    at_risk = "at_risk"
    off_track = "off_track"
    missed = "missed"
    awaiting_final = "awaiting_final"  # deadline passed, the figure for the whole span not out
    no_data = "no_data"


# Worst to best; no_data is not on the scale.
STATUS_RANK: dict[Status, int] = {
    Status.missed: 0,
    Status.off_track: 1,
    Status.awaiting_final: 2,
    Status.at_risk: 3,
    Status.on_track: 4,
    Status.achieved: 5,
}


def severity(status: Status | str) -> int:
    """Sort key, worst first: missed 0 ... achieved 5, then no_data (and anything unknown)."""
    try:
        return STATUS_RANK[Status(status)]
    except (ValueError, KeyError):
        return len(STATUS_RANK)
