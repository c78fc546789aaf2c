"""Pacing across processes: recent posts per destination, and the service's "wait until".

A destination is a hash of a channel's URL (never the URL). Reserving a post happens in a write
transaction that first updates the destination's row: that serialises writers on SQLite (which
has one writer anyway) and on PostgreSQL (a row lock, after which READ COMMITTED statements see
the posts the previous holder recorded), so replicas together never exceed a robot's limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from tracker.store.database import Store
from tracker.store.deliveries import parse_stamp, stamp
from tracker.store.tables import destinations, posts

# (posts allowed, window in seconds), e.g. (20, 60.0) for "20 a minute".
Window = tuple[int, float]


def ensure_destination(conn: Connection, destination: str) -> bool:
    """Make the destination's row unless it exists; True when this call made it."""
    found = conn.execute(
        select(destinations.c.destination).where(destinations.c.destination == destination)
    ).first()
    if found is not None:
        return False
    conn.execute(insert(destinations).values(destination=destination, version=0))
    return True


def reserve_post(
    conn: Connection, destination: str, windows: Sequence[Window], now: float
) -> float:
    """Record a post at ``now`` (epoch seconds) and return 0, or the seconds to wait first.

    Runs in the caller's write transaction; the destination's row must exist.
    """
    conn.execute(
        update(destinations)
        .where(destinations.c.destination == destination)
        .values(version=destinations.c.version + 1)
    )
    horizon = max(window for _, window in windows)
    times = list(
        conn.execute(
            select(posts.c.posted_at)
            .where(posts.c.destination == destination, posts.c.posted_at > now - horizon)
            .order_by(posts.c.posted_at)
        ).scalars()
    )
    delay = 0.0
    for limit, window in windows:
        recent = [t for t in times if t > now - window]
        if len(recent) >= limit:
            # The window frees up when the oldest of the last `limit` posts leaves it.
            delay = max(delay, recent[-limit] + window - now)
    if delay > 0:
        return delay
    conn.execute(insert(posts).values(destination=destination, posted_at=now))
    conn.execute(
        delete(posts).where(posts.c.destination == destination, posts.c.posted_at <= now - horizon)
    )
    return 0.0


def hold_destination(conn: Connection, destination: str, until: datetime, reason: str) -> None:
    """No post to ``destination`` before ``until`` (a later hold already set wins)."""
    conn.execute(
        update(destinations)
        .where(
            destinations.c.destination == destination,
            or_(destinations.c.hold_until.is_(None), destinations.c.hold_until < stamp(until)),
        )
        .values(hold_until=stamp(until), hold_reason=reason)
    )


class Destinations:
    """Pacing and holds per destination, each call its own transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _ensure(self, destination: str) -> None:
        try:
            with self.store.begin() as conn:
                ensure_destination(conn, destination)
        except IntegrityError:  # another process made the row at the same moment
            pass

    def reserve_post(self, destination: str, windows: Sequence[Window], now: float) -> float:
        """Record a post to ``destination`` now, or say how many seconds to wait first."""
        self._ensure(destination)
        with self.store.begin() as conn:
            return reserve_post(conn, destination, windows, now)

    def hold(self, destination: str, until: datetime, reason: str) -> None:
        """The service asked for no post to ``destination`` before ``until``."""
        self._ensure(destination)
        with self.store.begin() as conn:
            hold_destination(conn, destination, until, reason)

    def hold_of(self, destination: str) -> tuple[datetime, str] | None:
        return self.holds([destination]).get(destination)

    def holds(self, wanted: Sequence[str]) -> dict[str, tuple[datetime, str]]:
        """The holds still ahead among ``wanted`` destinations, in one query."""
        now = stamp(self.store.now())
        found: dict[str, tuple[datetime, str]] = {}
        with self.store.read() as conn:
            for start in range(0, len(wanted), 500):  # bound the IN (...) list
                rows = conn.execute(
                    select(destinations).where(
                        destinations.c.destination.in_(wanted[start : start + 500]),
                        destinations.c.hold_until > now,
                    )
                )
                for row in rows:
                    until = parse_stamp(row.hold_until)
                    if until is not None:
                        found[row.destination] = (until, row.hold_reason or "")
        return found
