"""Which processes are alive: each sender beats in ``workers``; a silent one has died.

A part left ``sending`` (or a slot left ``claimed``) by a process that died must be settled by
another one, and never while its owner is still at work. An owner on this host is gone as soon
as its pid is (a restart after a crash does not wait); while the pid runs it is trusted unless
silent for :data:`PID_REUSE_AFTER` (the pid may then belong to a later process). An owner on
another host is gone when its last beat is older than :data:`STALE_AFTER`. Owners are
``host:pid:token``.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, insert, select, update

from tracker.store.deliveries import stamp
from tracker.store.tables import workers

BEAT_SECONDS = 5.0
STALE_AFTER = timedelta(seconds=45)  # nine missed beats; also the clock skew tolerated
PID_REUSE_AFTER = timedelta(minutes=10)
_TOKEN = secrets.token_hex(4)


def process_id() -> str:
    """This process's owner name: ``host:pid:token``."""
    return f"{socket.gethostname()}:{os.getpid()}:{_TOKEN}"


def write_beat(conn: Connection, owner: str, now: datetime) -> None:
    """Record that ``owner`` is alive now (update its row, or make it)."""
    at = stamp(now)
    result = conn.execute(update(workers).where(workers.c.owner == owner).values(beat_at=at))
    if result.rowcount == 0:
        conn.execute(insert(workers).values(owner=owner, started_at=at, beat_at=at))


def forget(conn: Connection, owner: str) -> None:
    conn.execute(delete(workers).where(workers.c.owner == owner))


def prune(conn: Connection, now: datetime) -> None:
    """Drop owners silent for a day (their parts were settled long ago)."""
    conn.execute(delete(workers).where(workers.c.beat_at < stamp(now - timedelta(days=1))))


def last_beats(conn: Connection, owners: set[str]) -> dict[str, str]:
    if not owners:
        return {}
    query = select(workers.c.owner, workers.c.beat_at).where(workers.c.owner.in_(owners))
    return {row.owner: row.beat_at for row in conn.execute(query)}


def gone(owner: str, last_beat: str | None, now: datetime) -> bool:
    """Whether ``owner`` (``host:pid:token``) has stopped (see the module's docstring); an
    owner that never beat counts as gone."""
    if last_beat is None:
        return True
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host == socket.gethostname() and pid_text.isdigit():
        if not _pid_running(int(pid_text)):
            return True
        return last_beat < stamp(now - PID_REUSE_AFTER)
    return last_beat < stamp(now - STALE_AFTER)


def _pid_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


# The parts each owner in this process is sending right now. A part the ledger says this owner
# is sending but no thread here is (its settling write failed) is as abandoned as a dead
# process's: shared by every Ledger object of one owner.
_in_flight: dict[str, set[int]] = {}
_in_flight_lock = threading.Lock()


def flying(owner: str) -> set[int]:
    """The ids ``owner`` (in this process) is sending right now."""
    with _in_flight_lock:
        return set(_in_flight.get(owner, ()))


def fly(owner: str, delivery_id: int, flying: bool) -> None:
    """Note that ``owner`` now is (or no longer is) sending part ``delivery_id``."""
    with _in_flight_lock:
        ids = _in_flight.setdefault(owner, set())
        if flying:
            ids.add(delivery_id)
        else:
            ids.discard(delivery_id)
