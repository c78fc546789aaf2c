"""What the last fetch of each feed URL saw, for conditional requests and change detection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from tracker.store.engine import upsert
from tracker.store.tables import feed_state


@dataclass(frozen=True)
class FeedState:
    """What the last fetch of a feed URL saw, for conditional requests."""

    url: str
    etag: str | None
    last_modified: str | None
    sha256: str | None
    fetched_at: datetime | None
    status: str | None


@dataclass(frozen=True)
class Validators:
    """What a response said about its body (sent back on the next request), and its hash."""

    etag: str | None
    last_modified: str | None
    sha256: str | None


def load_feed_state(conn: Connection, url: str) -> FeedState | None:
    """The last fetch of ``url``, or None when it was never fetched."""
    row = conn.execute(select(feed_state).where(feed_state.c.url == url)).first()
    if row is None:
        return None
    return FeedState(
        url=row.url,
        etag=row.etag,
        last_modified=row.last_modified,
        sha256=row.sha256,
        fetched_at=datetime.fromisoformat(row.fetched_at) if row.fetched_at else None,
        status=row.status,
    )


def write_feed_state(
    conn: Connection,
    url: str,
    *,
    fetched_at: str,
    status: str,
    validators: Validators | None,
) -> None:
    """Record a fetch; without ``validators`` the last ones stay (a failed or 304 fetch)."""
    values: dict[str, Any] = {"fetched_at": fetched_at, "status": status}
    if validators is not None:
        values.update(
            etag=validators.etag, last_modified=validators.last_modified, sha256=validators.sha256
        )
    upsert(conn, feed_state, [{"url": url, **values}], keys=["url"], update=list(values))
