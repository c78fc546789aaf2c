"""Alert state: the status each alerting digest last saw per goal, and the alerts raised.

An alert is recorded once per (digest, goal, status, figure period), so however many processes
notice the same change, one alert goes out.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, insert, select

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
