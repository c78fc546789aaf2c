"""The :class:`Store`: one database's connections and transactions, and the figures, imported
files and feed state kept in it. The SQL itself lives in the modules it delegates to.

Every write is one transaction that runs alone (:meth:`Store.begin`: ``BEGIN IMMEDIATE`` on
SQLite, the writers' advisory lock on PostgreSQL): a crash mid-import leaves the store as it
was. On a server, a transaction that cannot start because the server is restarting or out of
reach is retried for up to :data:`RECONNECT_SECONDS`, so a daemon rides out a restart; a
transaction cut off midway is rolled back by the server and raises. Commands open the store
with :func:`tracker.store.open_store`, which says in one line why it cannot be opened;
:meth:`Store.open` raises what the driver raised.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, Table, Transaction
from sqlalchemy.exc import OperationalError

from tracker.domain.figures import FigureRecord, NewFigure, WriteSummary
from tracker.errors import display_path
from tracker.secrets import mask_url
from tracker.store import postgres
from tracker.store.engine import (
    database_url,
    error_line,
    is_server,
    make_engine,
    reading,
    sqlite_file,
    writing,
)
from tracker.store.feeds import FeedState, Validators, load_feed_state, write_feed_state
from tracker.store.figures import add_revisions, count_revisions, list_revisions, visible_as_of
from tracker.store.imported import log_import, was_imported
from tracker.store.migrations import Upgrade, upgrade
from tracker.store.tables import metadata

if TYPE_CHECKING:
    from tracker.config.project import Project

DEFAULT_TIMEZONE = "Asia/Shanghai"
# How long a transaction waits for a database server that went away (a restart takes seconds).
RECONNECT_SECONDS = 60.0

log = logging.getLogger("tracker.store")
T = TypeVar("T")


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """The figure store and delivery ledger on one database. Open with :func:`open_store`."""

    def __init__(
        self,
        engine: Engine,
        *,
        timezone: str = DEFAULT_TIMEZONE,
        clock: Callable[[], datetime] = utc_now,
        reconnect_seconds: float | None = None,
    ) -> None:
        self.engine = engine
        self.zone = ZoneInfo(timezone)
        self.clock = clock
        # An SQLite file that cannot be opened will not open later either: no waiting.
        server = is_server(engine.url)
        self.reconnect_seconds = (
            reconnect_seconds if reconnect_seconds is not None else RECONNECT_SECONDS * server
        )
        self._closing = threading.Event()  # ends a wait for the server (see stop_waiting)

    @classmethod
    def open(
        cls, project: Project | None = None, url: str | None = None, *, migrate: bool = True
    ) -> Store:
        """Open (creating and upgrading as needed, unless not ``migrate``) ``project``'s store."""
        engine = make_engine(database_url(project, url))
        zone = project.settings.timezone if project is not None else DEFAULT_TIMEZONE
        store = cls(engine, timezone=zone)
        try:
            if migrate:
                store.upgrade()
                store.check_privileges()
        except BaseException:
            engine.dispose()
            raise
        return store

    def upgrade(self) -> Upgrade:
        """Bring the schema up to date (one process at a time); the versions before and after."""
        return upgrade(self.engine)

    def check_privileges(self) -> None:
        """Raise :class:`PermissionError` naming what the server's role may not do."""
        if self.engine.dialect.name != "postgresql":
            return
        with self.engine.connect() as conn:
            problem = postgres.privilege_problem(conn, metadata.tables.values())
        if problem:
            raise PermissionError(problem)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def tables(self) -> Mapping[str, Table]:
        """Every table by its SQL name: figures, deliveries, slots, alerts, imported_files, ..."""
        return metadata.tables

    @property
    def where(self) -> str:
        """Where the store is, for people: the SQLite file as typed, or the masked server URL."""
        file = sqlite_file(self.engine.url)
        return display_path(file) if file is not None else mask_url(self.url)

    def stop_waiting(self) -> None:
        """Make every transaction waiting for an unreachable server give up now (shutdown)."""
        self._closing.set()

    def close(self) -> None:
        self._closing.set()
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A write transaction that runs alone (BEGIN IMMEDIATE on SQLite): all or nothing."""
        with self._transaction(writing) as conn:
            yield conn

    def write(self, work: Callable[[Connection], T]) -> T:
        """``work`` in a write transaction, run again if the server dropped the connection
        midway (so rolled it all back), for up to reconnect_seconds. Only for work that is right
        to run twice, such as recording a send's outcome, which a restart must not lose."""
        deadline = time.monotonic() + self.reconnect_seconds
        while True:
            try:
                with self.begin() as conn:
                    return work(conn)
            except OperationalError as exc:
                if not exc.connection_invalidated or time.monotonic() > deadline:
                    raise
                log.warning(
                    "connection lost mid-write, writing again: %s",
                    error_line(exc),
                    extra={"event": "database_retry"},
                )

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction: one consistent snapshot."""
        with self._transaction(reading) as conn:
            yield conn

    @contextmanager
    def _transaction(self, kind: Callable[[Connection], Connection]) -> Iterator[Connection]:
        """A transaction of ``kind`` on a connection of the pool."""
        conn, transaction = self._start(kind)
        with conn, transaction:
            yield conn

    def _start(self, kind: Callable[[Connection], Connection]) -> tuple[Connection, Transaction]:
        """Connect and begin, waiting out a server that went away (up to reconnect_seconds)."""
        deadline = time.monotonic() + self.reconnect_seconds
        delay = 0.25
        while True:
            conn: Connection | None = None
            try:
                conn = self.engine.connect()
                return conn, kind(conn).begin()
            except OperationalError as exc:
                if conn is not None:
                    conn.close()
                # Worth waiting for: a server out of reach, or a connection it dropped; not a
                # lock wait that timed out or a statement it refused.
                lost = conn is None or exc.connection_invalidated
                if not lost or time.monotonic() + delay > deadline:
                    raise
                log.warning(
                    "database out of reach, retrying in %.1fs: %s",
                    delay,
                    error_line(exc),
                    extra={"event": "database_retry"},
                )
                if self._closing.wait(delay):
                    raise
                delay = min(delay * 2, 5.0)

    def now(self) -> datetime:
        return self.clock().astimezone(UTC)

    # Figures: see tracker.store.figures.

    def add_figures(
        self, conn: Connection, new: Sequence[NewFigure], origin: str | None = None
    ) -> WriteSummary:
        """Write validated figures in the caller's transaction ``conn``, recorded now."""
        return add_revisions(conn, new, origin, now=self.now(), zone=self.zone)

    def figures_as_of(
        self, as_of: date, goal_ids: Collection[str] | None = None
    ) -> dict[str, list[FigureRecord]]:
        """Per goal, the newest revision of each period visible on ``as_of``."""
        with self.read() as conn:
            return visible_as_of(conn, as_of, goal_ids)

    def figures(
        self, goal_ids: Collection[str] | None = None, *, history: bool = False
    ) -> list[FigureRecord]:
        """The current revision of each goal and period; with ``history`` every revision."""
        with self.read() as conn:
            return list_revisions(conn, goal_ids, history=history)

    def count_figures(self) -> int:
        with self.read() as conn:
            return count_revisions(conn)

    # Imported files and feeds: see tracker.store.imported and tracker.store.feeds.

    def file_imported(self, path: str, sha256: str) -> bool:
        """True when exactly this content of ``path`` was imported completely before."""
        with self.read() as conn:
            return was_imported(conn, path, sha256)

    def record_file(self, conn: Connection, path: str, sha256: str, rows: int) -> None:
        log_import(conn, path, sha256, rows, imported_at=self.now().isoformat())

    def feed_state(self, url: str) -> FeedState | None:
        with self.read() as conn:
            return load_feed_state(conn, url)

    def save_feed_state(
        self,
        conn: Connection,
        url: str,
        *,
        status: str,
        validators: Validators | None = None,
    ) -> None:
        """Record a fetch made now; without ``validators`` the last ones stay."""
        fetched_at = self.now().isoformat()
        write_feed_state(conn, url, fetched_at=fetched_at, status=status, validators=validators)
