"""Alert state: the status each alerting digest last saw per goal, and the alerts raised.

An alert is recorded once per (digest, goal, status, figure period), so however many processes
notice the same change, one alert goes out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from tracker.store.database import Store
from tracker.store.deliveries import stamp
from tracker.store.engine import upsert
from tracker.store.tables import alert_state, alerts


def load_seen_statuses(conn: Connection, digest: str) -> dict[str, str]:
    """The status ``digest`` last saw for each goal (empty the first time)."""
    query = select(alert_state.c.goal, alert_state.c.status).where(alert_state.c.digest == digest)
    return {row.goal: row.status for row in conn.execute(query)}


def write_seen_statuses(
    conn: Connection, digest: str, statuses: Mapping[str, str], updated_at: str
) -> None:
    """Remember the statuses ``digest`` has now seen (insert or update each goal's)."""
    rows = [
        {"digest": digest, "goal": goal, "status": status, "updated_at": updated_at}
        for goal, status in statuses.items()
    ]
    upsert(conn, alert_state, rows, keys=["digest", "goal"], update=["status", "updated_at"])


def insert_alert(
    conn: Connection, digest: str, goal: str, status: str, since: str | None, created_at: str
) -> int:
    """The new alert's id; IntegrityError when this (goal, status, period) was alerted."""
    result = conn.execute(
        insert(alerts).values(
            digest=digest, goal=goal, status=status, since=since or "", created_at=created_at
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


class AlertBook:
    """What each alerting digest last saw, and the alerts raised: each call a transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _now(self) -> datetime:
        return self.store.now()

    def seen_statuses(self, digest: str) -> dict[str, str]:
        """The status ``digest`` last saw for each goal (empty the first time)."""
        with self.store.read() as conn:
            return load_seen_statuses(conn, digest)

    def save_statuses(self, digest: str, statuses: Mapping[str, str]) -> None:
        """Remember the statuses ``digest`` has now seen (insert or update)."""
        if not statuses:
            return
        for attempt in (1, 2):
            try:
                with self.store.begin() as conn:
                    write_seen_statuses(conn, digest, statuses, updated_at=stamp(self._now()))
                return
            except IntegrityError:  # another process inserted a goal first: update it now
                if attempt == 2:
                    raise

    def record_alert(self, digest: str, goal: str, status: str, since: str | None) -> int | None:
        """The new alert's id, or None when this (goal, status, figure period) was alerted."""
        try:
            with self.store.begin() as conn:
                return insert_alert(
                    conn, digest, goal, status, since, created_at=self._now().isoformat()
                )
        except IntegrityError:
            return None
