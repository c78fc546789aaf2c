"""Where the store lives and how to connect: URL resolution, the engine, portable upserts.

The database is found, in this order, from an explicit URL, ``$TRACKER_DATABASE`` (a path or an
SQLAlchemy URL), ``database:`` in config/tracker.yaml (relative to the project root) and
``var/tracker.db`` under the project root. ``postgresql://`` and ``postgres://`` mean psycopg 3
(``postgresql+psycopg://``), the one PostgreSQL driver the ``postgres`` extra installs.

Several processes (the scheduler, the CLI) share one SQLite file, so it runs in WAL mode with a
busy timeout, and a write transaction starts with ``BEGIN IMMEDIATE`` (see :func:`writing`).
On PostgreSQL a write transaction takes an advisory lock instead (see tracker.store.postgres).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Table, create_engine, event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry

from tracker.store import postgres

if TYPE_CHECKING:
    from tracker.config.project import Project

ENV_DATABASE = "TRACKER_DATABASE"
DEFAULT_DATABASE = Path("var") / "tracker.db"
BUSY_TIMEOUT_MS = 30_000
# The execution option that makes the next BEGIN on a connection take the write lock.
_IMMEDIATE = "tracker_immediate"


def database_url(
    project: Project | None = None,
    url: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The SQLAlchemy URL of the store: ``url``, $TRACKER_DATABASE, settings, default."""
    env = os.environ if environ is None else environ
    cwd = Path.cwd()
    if url:
        return _as_url(url, cwd)
    if env.get(ENV_DATABASE):
        return _as_url(env[ENV_DATABASE], cwd)
    if project is not None and project.settings.database:
        return _as_url(project.settings.database, project.root)
    root = project.root if project is not None else cwd
    return _as_url(str(root / DEFAULT_DATABASE), root)


def _as_url(value: str, base: Path) -> str:
    """A path becomes sqlite:///ABS; a relative sqlite URL is made absolute against ``base``."""
    if "://" not in value:
        path = Path(value).expanduser()
        return f"sqlite:///{path if path.is_absolute() else base / path}"
    parsed = make_url(value)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername=postgres.DRIVER).render_as_string(hide_password=False)
    database = parsed.database
    if parsed.get_backend_name() == "sqlite" and database and database != ":memory:":
        path = Path(database).expanduser()
        if not path.is_absolute() and not database.startswith("file:"):
            return parsed.set(database=str(base / path)).render_as_string(hide_password=False)
    return value


def sqlite_file(url: str | URL) -> Path | None:
    """The file an SQLite URL names; None for other back ends, memory and ``file:`` URIs."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database:
        return None
    if database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def is_server(url: str | URL) -> bool:
    """True for a database server (PostgreSQL), False for an SQLite file or memory."""
    return make_url(url).get_backend_name() != "sqlite"


def make_engine(url: str) -> Engine:
    """An engine; for SQLite: parent folder created, WAL, busy timeout, our own BEGIN; for
    PostgreSQL: a pool fit for a daemon, timeouts and the writers' lock."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        return postgres.postgres_engine(parsed, writer_option=_IMMEDIATE)
    if parsed.get_backend_name() != "sqlite":
        raise ArgumentError(
            f"the store runs on SQLite or PostgreSQL, not {parsed.get_backend_name()}"
        )
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_settings)
    event.listen(engine, "begin", _begin)
    return engine


def _sqlite_settings(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _begin)
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _begin(conn: Connection) -> None:
    # Writers take the lock up front: a deferred transaction that upgrades to a write fails at
    # once with SQLITE_BUSY when another process wrote in between.
    immediate = conn.get_execution_options().get(_IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writing(conn: Connection) -> Connection:
    """``conn``, whose next transaction takes the write lock at once (BEGIN IMMEDIATE)."""
    return conn.execution_options(**{_IMMEDIATE: True})


def reading(conn: Connection) -> Connection:
    """``conn``, whose next transaction is one consistent snapshot on every back end."""
    return postgres.reading(conn) if conn.dialect.name == "postgresql" else conn


def upsert(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    keys: Sequence[str],
    update: Sequence[str] = (),
) -> None:
    """Insert ``rows``; a row whose ``keys`` exist already updates its ``update`` columns
    instead (none: it is left as it is). One statement on SQLite and PostgreSQL."""
    if not rows:
        return
    dialect = conn.dialect.name
    insert = sqlite_insert(table) if dialect == "sqlite" else postgresql_insert(table)
    index = [table.c[name] for name in keys]
    if update:
        statement = insert.on_conflict_do_update(
            index_elements=index, set_={name: insert.excluded[name] for name in update}
        )
    else:
        statement = insert.on_conflict_do_nothing(index_elements=index)
    conn.execute(statement, list(rows))


def error_line(exc: BaseException) -> str:
    """One line of what went wrong: for a driver error the driver's own first line, without
    SQLAlchemy's wrapping and help links (psycopg adds hints on the lines below)."""
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    text = str(cause).strip()
    return " ".join(text.splitlines()[0].split()) if text else type(cause).__name__
