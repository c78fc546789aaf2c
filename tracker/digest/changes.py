"""What moved since the last delivered digest: new figures and status changes.

The ledger keeps a :func:`snapshot` of what each digest showed (JSON, per goal); the next digest
compares its verdicts against it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tracker.digest.views import GoalView
from tracker.domain.status import Status
from tracker.evaluate import Progress
from tracker.evaluate.result import rounded


class ChangeKind(StrEnum):
    """Why a goal is listed under "what changed", in the order they are listed."""

    missed = "missed"
    off_track = "off_track"
    achieved = "achieved"
    status = "status"
    new_figure = "new_figure"


_ORDER = {kind: index for index, kind in enumerate(ChangeKind)}


@dataclass(frozen=True)
class Change:
    """Something that moved since the last delivered digest."""

    kind: ChangeKind
    goal: GoalView
    before: str | None = None


def snapshot(results: Sequence[Progress]) -> dict[str, dict[str, Any]]:
    """What a digest showed, per goal: enough to tell next time what changed."""
    return {
        p.id: {
            "status": p.status.value,
            "period": p.latest.period.text if p.latest else None,
            "value": rounded(p.latest.value) if p.latest else None,
        }
        for p in results
    }


def changes_since(
    views: Sequence[GoalView],
    results: Sequence[Progress],
    previous: Mapping[str, Mapping[str, Any]] | None,
) -> list[Change]:
    """New figures and status moves since the previous snapshot, most important first."""
    if previous is None:
        return []
    current = snapshot(results)
    found: list[Change] = []
    for view in views:
        now, before = current[view.id], previous.get(view.id)
        if before is None:
            continue
        if now["status"] != before.get("status"):
            found.append(Change(_status_change(now["status"]), view, str(before.get("status"))))
        elif now["period"] and (now["period"], now["value"]) != (
            before.get("period"),
            before.get("value"),
        ):
            found.append(Change(ChangeKind.new_figure, view))
    return sorted(found, key=lambda c: _ORDER[c.kind])


def _status_change(status: str) -> ChangeKind:
    if status == Status.missed:
        return ChangeKind.missed
    if status == Status.achieved:
        return ChangeKind.achieved
    if status == Status.off_track:
        return ChangeKind.off_track
    return ChangeKind.status
