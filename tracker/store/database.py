"""The :class:`Store`: one database's connections and transactions, and the figures, imported
files and feed state kept in it. The SQL itself lives in the modules it delegates to.

Every write is one ``BEGIN IMMEDIATE`` transaction (:meth:`Store.begin`): a crash mid-import
leaves the store as it was. Commands open the store with :func:`open_store`, which says in one
line why it cannot be opened; :meth:`Store.open` raises what the driver raised.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, Table
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from tracker.domain.figures import FigureRecord, NewFigure, WriteSummary
from tracker.errors import InputError, Problem
from tracker.secrets import mask_url
from tracker.store.engine import database_url, make_engine, sqlite_file, writing
from tracker.store.feeds import FeedState, Validators, load_feed_state, write_feed_state
from tracker.store.figures import add_revisions, count_revisions, list_revisions, visible_as_of
from tracker.store.imported import log_import, was_imported
from tracker.store.migrations import SchemaTooNew, migrate
from tracker.store.tables import metadata

if TYPE_CHECKING:
    from tracker.config.project import Project

DEFAULT_TIMEZONE = "Asia/Shanghai"


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
    ) -> None:
        self.engine = engine
        self.zone = ZoneInfo(timezone)
        self.clock = clock

    @classmethod
    def open(cls, project: Project | None = None, url: str | None = None) -> Store:
        """Open (creating and upgrading as needed) the store for ``project``."""
        engine = make_engine(database_url(project, url))
        migrate(engine)
        zone = project.settings.timezone if project is not None else DEFAULT_TIMEZONE
        return cls(engine, timezone=zone)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def tables(self) -> Mapping[str, Table]:
        """Every table by its SQL name: figures, deliveries, slots, alerts, imported_files, ..."""
        return metadata.tables

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A write transaction (BEGIN IMMEDIATE on SQLite): all or nothing."""
        with self.engine.connect() as conn, writing(conn).begin():
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction: one consistent snapshot."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

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


class StoreError(InputError):
    """The store cannot be opened; one problem: ``WHERE: cannot open the store: WHY``."""


# What opening can raise: a bad URL or driver, a folder that cannot be made, a file that is not
# a database (every driver error is a DBAPIError), a schema newer than this tracker.
_OPEN_ERRORS = (SQLAlchemyError, OSError, ImportError, SchemaTooNew)


def open_store(project: Project, *, url: str | None = None) -> Store:
    """The project's store, created and upgraded as needed; :class:`StoreError` if it cannot be."""
    try:
        target = database_url(project, url)
    except ArgumentError as exc:
        raise _store_error(Path("database"), exc) from None
    try:
        return Store.open(project, target)
    except _OPEN_ERRORS as exc:
        raise _store_error(_where(target), exc, target) from None


def _where(url: str) -> Path:
    """The database file, or for a server the back end's name (the URL follows the reason)."""
    file = sqlite_file(url)
    return file if file is not None else Path(make_url(url).get_backend_name())


def _store_error(where: Path, exc: Exception, url: str | None = None) -> StoreError:
    """One line: the driver's own words, without SQLAlchemy's wrapping and help links."""
    if isinstance(exc, DBAPIError):
        why = str(exc.orig)
    elif isinstance(exc, OSError) and exc.strerror:
        why = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    else:
        why = str(exc)
    why = why.strip().splitlines()[0] if why.strip() else type(exc).__name__
    if url is not None and sqlite_file(url) is None:
        why += f" ({mask_url(url)})"
    return StoreError([Problem(where, None, None, f"cannot open the store: {why}")])
