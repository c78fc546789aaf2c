"""The SQLite store: figures (with revisions), feed state, imported files and the delivery ledger.

All SQL lives here, written with SQLAlchemy Core. The database is found, in this order, from an
explicit URL, ``$TRACKER_DATABASE`` (a path or an SQLAlchemy URL), ``database:`` in
config/tracker.yaml (relative to the project root) and ``var/tracker.db`` under the project root.

Several processes (the scheduler, the CLI) share one file, so SQLite runs in WAL mode with a busy
timeout, and every write is one ``BEGIN IMMEDIATE`` transaction: a crash mid-import leaves the
store as it was. The schema is created and upgraded automatically by :data:`MIGRATIONS`, an
ordered list whose position is recorded in ``schema_version``; running it twice is harmless.

Timestamps are stored as UTC ISO-8601 strings (``2025-10-20T08:00:00+00:00``), dates as
``YYYY-MM-DD``.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.pool import ConnectionPoolEntry

from tracker.domain.figures import FigureRecord, NewFigure, WriteSummary, same_value
from tracker.domain.periods import Period

if TYPE_CHECKING:
    from tracker.config.project import Project

ENV_DATABASE = "TRACKER_DATABASE"
DEFAULT_DATABASE = Path("var") / "tracker.db"
DEFAULT_TIMEZONE = "Asia/Shanghai"
BUSY_TIMEOUT_MS = 30_000
_IMMEDIATE = "tracker_immediate"
_IN_CHUNK = 500  # goal ids per IN (...) clause; SQLite limits bound parameters

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

# One row per revision. A figure is never updated in place except for source/note; a changed
# value is a new row, and the newest row per (goal, period_end) visible at a date wins.
figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("goal", Text, nullable=False),
    Column("period", Text, nullable=False),  # canonical text: 2025, 2025-09, 2025-Q3, 2025-H1
    Column("period_end", Text, nullable=False),  # YYYY-MM-DD; the revision key with goal
    Column("value", Float, nullable=False),  # as written (milestones: 1.0 done, 0.0 not done)
    Column("unit", Text),  # as written, or the goal's unit when none was given; NULL: milestone
    Column("source", Text),
    Column("published", Text),  # YYYY-MM-DD or NULL
    Column("note", Text),
    Column("recorded_at", Text, nullable=False),  # UTC ISO-8601
    Column("visible_from", Text, nullable=False),  # published, else recorded_at's local date
    Column("origin", Text),  # file path, feed URL or "cli"
    Index(None, "goal", "period_end", "visible_from", "id"),
    Index(None, "visible_from"),
)

# The delivery ledger; the logic on top lives in tracker/ledger.py.
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", Text, nullable=False),
    Column("slot", Text, nullable=False),  # ISO-8601 UTC datetime of the scheduled slot
    Column("channel", Text, nullable=False),
    Column("part", Integer, nullable=False),
    Column("parts", Integer, nullable=False),
    Column("kind", Text, nullable=False, server_default="message"),
    Column("payload", Text, nullable=False),  # JSON
    Column("status", Text, nullable=False),  # pending | sent | failed
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("sent_at", Text),
    UniqueConstraint("digest", "slot", "channel", "part"),
)

slots = Table(
    "slots",
    metadata,
    Column("digest", Text, nullable=False),
    Column("slot", Text, nullable=False),
    Column("claimed_by", Text, nullable=False),
    Column("claimed_at", Text, nullable=False),
    Column("as_of", Text, nullable=False),
    Column("state", Text, nullable=False),  # claimed | rendered | done
    Column("snapshot", Text),  # JSON of the evaluation delivered
    UniqueConstraint("digest", "slot"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", Text, nullable=False),
    Column("goal", Text, nullable=False),
    Column("status", Text, nullable=False),
    # Period of the figure that caused the alert; '' when none (NULLs would not be unique).
    Column("since", Text, nullable=False, server_default=""),
    Column("created_at", Text, nullable=False),
    UniqueConstraint("digest", "goal", "status", "since"),
)

imported_files = Table(
    "imported_files",
    metadata,
    Column("path", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("imported_at", Text, nullable=False),
    Column("rows", Integer, nullable=False),
    UniqueConstraint("path", "sha256"),
)

feed_state = Table(
    "feed_state",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("sha256", Text),
    Column("fetched_at", Text),
    Column("status", Text),  # imported | unchanged | not_modified | invalid | error: ...
)


# The status each alerting digest last saw per goal, so a change is noticed however the
# figures arrived (scheduler, `tracker figures import`, a feed) and by whichever process.
alert_state = Table(
    "alert_state",
    metadata,
    Column("digest", Text, primary_key=True),
    Column("goal", Text, primary_key=True),
    Column("status", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)


def _migration_1(conn: Connection) -> None:
    """The first schema. If a later migration changes one of these tables, freeze its
    version-1 definition here instead of using the live Table object."""
    for table in (figures, deliveries, slots, alerts, imported_files, feed_state):
        table.create(conn)


# Ordered: MIGRATIONS[i] upgrades the schema from version i to i + 1. Append only.
def _migration_2(conn: Connection) -> None:
    """Version 2: alert_state."""
    alert_state.create(conn)


MIGRATIONS: list[Callable[[Connection], None]] = [_migration_1, _migration_2]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class FeedState:
    """What the last fetch of a feed URL saw, for conditional requests."""

    url: str
    etag: str | None
    last_modified: str | None
    sha256: str | None
    fetched_at: datetime | None
    status: str | None


def utc_now() -> datetime:
    return datetime.now(UTC)


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
    database = parsed.database
    if parsed.get_backend_name() == "sqlite" and database and database != ":memory:":
        path = Path(database).expanduser()
        if not path.is_absolute() and not database.startswith("file:"):
            return parsed.set(database=str(base / path)).render_as_string(hide_password=False)
    return value


def make_engine(url: str) -> Engine:
    """An engine; for SQLite: parent folder created, WAL, busy timeout, our own BEGIN."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url)
    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (see below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Writers take the lock up front: a deferred transaction that upgrades to a write
        # fails at once with SQLITE_BUSY when another process wrote in between.
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def migrate(engine: Engine) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`; safe to run concurrently and repeatedly."""
    with engine.connect() as conn:
        if _current_version(conn) == SCHEMA_VERSION:
            return SCHEMA_VERSION
    with engine.connect() as conn:
        conn.execution_options(**{_IMMEDIATE: True})
        with conn.begin():
            schema_version.create(conn, checkfirst=True)
            current = _current_version(conn)
            if current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"the store has schema version {current}, newer than this tracker "
                    f"({SCHEMA_VERSION}); upgrade the tracker"
                )
            for step in MIGRATIONS[current:]:
                step(conn)
            conn.execute(schema_version.delete())
            conn.execute(schema_version.insert().values(version=SCHEMA_VERSION))
    return SCHEMA_VERSION


def _current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "schema_version"):
        return 0
    version = conn.execute(select(func.max(schema_version.c.version))).scalar()
    return int(version or 0)


class Store:
    """The figure store and delivery ledger on one database. Open with :meth:`open`."""

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
        """Every table by name: figures, deliveries, slots, alerts, imported_files, feed_state."""
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
        with self.engine.connect() as conn:
            conn.execution_options(**{_IMMEDIATE: True})
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction: one consistent snapshot."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def now(self) -> datetime:
        return self.clock().astimezone(UTC)

    # ---- figures -------------------------------------------------------------------------

    def add_figures(
        self, conn: Connection, new: Sequence[NewFigure], origin: str | None = None
    ) -> WriteSummary:
        """Write validated figures in the caller's transaction ``conn``.

        A figure whose value (compared in base units) and publication date equal an existing
        revision of the same goal and period changes nothing (its source and note fill in or
        replace that revision's); any other value is a new revision that supersedes the rest.
        """
        summary = WriteSummary()
        if not new:
            return summary
        now = self.now()
        recorded_at = now.isoformat()
        local_day = now.astimezone(self.zone).date().isoformat()
        existing = self._revisions(conn, {f.goal for f in new})
        rows: list[dict[str, Any]] = []
        for figure in new:
            key = (figure.goal, figure.period.end.isoformat())
            published = figure.published.isoformat() if figure.published else None
            match = next(
                (
                    rev
                    for rev in existing[key]
                    if rev["published"] == published
                    and same_value(rev["value"], rev["unit"], figure.value, figure.unit)
                ),
                None,
            )
            if match is not None:
                changes = {
                    name: getattr(figure, name)
                    for name in ("source", "note")
                    if getattr(figure, name) is not None and getattr(figure, name) != match[name]
                }
                if changes and match["id"] is not None:
                    conn.execute(
                        update(figures).where(figures.c.id == match["id"]).values(**changes)
                    )
                    match.update(changes)
                    summary.updated += 1
                else:
                    summary.unchanged += 1
                continue
            if existing[key]:
                summary.revised += 1
            else:
                summary.added += 1
            row = {
                "goal": figure.goal,
                "period": figure.period.text,
                "period_end": key[1],
                "value": figure.value,
                "unit": figure.unit,
                "source": figure.source,
                "published": published,
                "note": figure.note,
                "recorded_at": recorded_at,
                "visible_from": published or local_day,
                "origin": origin,
            }
            rows.append(row)
            existing[key].append({**row, "id": None})
        if rows:
            conn.execute(figures.insert(), rows)
        return summary

    def _revisions(
        self, conn: Connection, goal_ids: Collection[str]
    ) -> defaultdict[tuple[str, str], list[dict[str, Any]]]:
        columns = [
            figures.c[name]
            for name in ("id", "goal", "period_end", "value", "unit", "published", "source", "note")
        ]
        found: defaultdict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        ids = sorted(goal_ids)
        for start in range(0, len(ids), _IN_CHUNK):
            chunk = ids[start : start + _IN_CHUNK]
            for row in conn.execute(select(*columns).where(figures.c.goal.in_(chunk))).mappings():
                found[(row["goal"], row["period_end"])].append(dict(row))
        return found

    def figures_as_of(
        self, as_of: date, goal_ids: Collection[str] | None = None
    ) -> dict[str, list[FigureRecord]]:
        """Per goal, the newest revision of each period visible on ``as_of``, oldest period first.

        Visible means published on or before ``as_of`` (or, without a publication date,
        recorded on or before it in local time). One query, read in index order: the last row
        of each (goal, period) run is the newest revision (later visible_from, then later id).
        """
        stmt = (
            select(figures)
            .where(figures.c.visible_from <= as_of.isoformat())
            .order_by(figures.c.goal, figures.c.period_end, figures.c.visible_from, figures.c.id)
        )
        wanted = set(goal_ids) if goal_ids is not None else None
        if wanted is not None and len(wanted) <= _IN_CHUNK:
            stmt = stmt.where(figures.c.goal.in_(sorted(wanted)))
        result: dict[str, list[FigureRecord]] = {}
        build = _RecordBuilder()

        def keep(row: Any) -> None:
            if wanted is None or row[1] in wanted:
                result.setdefault(row[1], []).append(build(row))

        previous: Any = None
        with self.read() as conn:
            for partition in conn.execute(stmt).partitions(2000):
                for row in partition:  # columns 1 and 3: goal, period_end
                    if previous is not None and (row[1] != previous[1] or row[3] != previous[3]):
                        keep(previous)
                    previous = row
        if previous is not None:
            keep(previous)
        return result

    def figures(
        self, goal_ids: Collection[str] | None = None, *, history: bool = False
    ) -> list[FigureRecord]:
        """Figures by goal and period: the current revision of each, or every revision.

        With ``history``, superseded revisions come too (``current`` False), newest first
        within a period.
        """
        stmt = select(figures).order_by(
            figures.c.goal, figures.c.period_end, figures.c.visible_from.desc(), figures.c.id.desc()
        )
        if goal_ids is not None:
            stmt = stmt.where(figures.c.goal.in_(sorted(goal_ids)))
        out: list[FigureRecord] = []
        seen: set[tuple[str, str]] = set()
        build = _RecordBuilder()
        with self.read() as conn:
            for row in conn.execute(stmt):
                key = (row.goal, row.period_end)
                current = key not in seen
                seen.add(key)
                if current or history:
                    out.append(build(row, current=current))
        return out

    def count_figures(self) -> int:
        with self.read() as conn:
            return int(conn.execute(select(func.count()).select_from(figures)).scalar() or 0)

    # ---- imported files ------------------------------------------------------------------

    def file_imported(self, path: str, sha256: str) -> bool:
        """True when exactly this content of ``path`` was imported completely before."""
        stmt = select(imported_files.c.rows).where(
            imported_files.c.path == path, imported_files.c.sha256 == sha256
        )
        with self.read() as conn:
            return conn.execute(stmt).first() is not None

    def record_file(self, conn: Connection, path: str, sha256: str, rows: int) -> None:
        exists = conn.execute(
            select(imported_files.c.rows).where(
                imported_files.c.path == path, imported_files.c.sha256 == sha256
            )
        ).first()
        if exists is None:
            conn.execute(
                imported_files.insert().values(
                    path=path, sha256=sha256, imported_at=self.now().isoformat(), rows=rows
                )
            )

    # ---- feeds ---------------------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState | None:
        with self.read() as conn:
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

    def save_feed_state(
        self,
        conn: Connection,
        url: str,
        *,
        status: str,
        etag: str | None = None,
        last_modified: str | None = None,
        sha256: str | None = None,
        keep_validators: bool = False,
    ) -> None:
        """Record a fetch. ``keep_validators`` leaves etag/last-modified/hash as they were."""
        values: dict[str, Any] = {"fetched_at": self.now().isoformat(), "status": status}
        if not keep_validators:
            values.update(etag=etag, last_modified=last_modified, sha256=sha256)
        found = conn.execute(select(feed_state.c.url).where(feed_state.c.url == url)).first()
        if found is None:
            conn.execute(feed_state.insert().values(url=url, **values))
        else:
            conn.execute(update(feed_state).where(feed_state.c.url == url).values(**values))


class _RecordBuilder:
    """Rows of the figures table to records, parsing each distinct date string once."""

    def __init__(self) -> None:
        self._dates: dict[str, date] = {}
        self._stamps: dict[str, datetime] = {}

    def _date(self, text: str) -> date:
        found = self._dates.get(text)
        if found is None:
            found = self._dates[text] = date.fromisoformat(text)
        return found

    def __call__(self, row: Any, current: bool = True) -> FigureRecord:
        (id_, goal, period, _end, value, unit, source, published, note, recorded_at,
         visible_from, origin) = row  # fmt: skip
        stamp = self._stamps.get(recorded_at)
        if stamp is None:
            stamp = self._stamps[recorded_at] = datetime.fromisoformat(recorded_at)
        return FigureRecord(
            id=id_,
            goal=goal,
            period=Period.parse(period),
            value=value,
            unit=unit,
            source=source,
            published=self._date(published) if published else None,
            note=note,
            recorded_at=stamp,
            visible_from=self._date(visible_from),
            origin=origin,
            current=current,
        )
