"""The schema's history: ordered migrations, and the version a database has reached.

``MIGRATIONS[i]`` upgrades a database from version ``i`` to ``i + 1``; the version reached is
kept in ``schema_version``. The list is append only, and running it twice is harmless.

Every process upgrades the store it opens. The upgrade is one write transaction, and writers run
one at a time (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL, whose DDL is
transactional too), so of several replicas starting together one upgrades and the others then
find the schema current; a crash mid-upgrade leaves the previous version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
    text,
)
from sqlalchemy.schema import CreateColumn

from tracker.store.engine import writing
from tracker.store.tables import (
    alert_state,
    alerts,
    deliveries,
    destinations,
    feed_state,
    figure_revisions,
    imported_files,
    metadata,
    posts,
    schema_version,
    slots,
    workers,
)

# ``deliveries`` as version 1 created it (version 3 added columns to the live definition).
_deliveries_v1 = Table(
    "deliveries",
    MetaData(naming_convention=metadata.naming_convention),
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", Text, nullable=False),
    Column("slot", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("part", Integer, nullable=False),
    Column("parts", Integer, nullable=False),
    Column("kind", Text, nullable=False, server_default="message"),
    Column("payload", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("sent_at", Text),
    UniqueConstraint("digest", "slot", "channel", "part"),
)

# The columns version 3 adds to ``deliveries`` (all nullable, so ADD COLUMN works everywhere).
_DELIVERY_COLUMNS_V3 = ("owner", "next_attempt_at", "expires_at", "uncertain_at")


def add_column(conn: Connection, table: Table, name: str) -> None:
    """``ALTER TABLE ... ADD COLUMN`` for ``table.c[name]`` as the live definition has it, in
    each back end's DDL (on PostgreSQL a text column gets ``COLLATE "C"`` like the others)."""
    column = CreateColumn(table.c[name]).compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {column}"))


def _migration_1(conn: Connection) -> None:
    """The first schema. If a later migration changes one of these tables, freeze its
    version-1 definition here instead of using the live Table object."""
    for table in (figure_revisions, _deliveries_v1, slots, alerts, imported_files, feed_state):
        table.create(conn)


def _migration_2(conn: Connection) -> None:
    """Version 2: alert_state."""
    alert_state.create(conn)


def _migration_3(conn: Connection) -> None:
    """Version 3: the retry schedule and owner of each part; workers, destinations, posts."""
    for name in _DELIVERY_COLUMNS_V3:
        add_column(conn, deliveries, name)
    for index in deliveries.indexes:
        if {c.name for c in index.columns} & set(_DELIVERY_COLUMNS_V3):
            index.create(conn)
    for table in (workers, destinations, posts):
        table.create(conn)


MIGRATIONS: list[Callable[[Connection], None]] = [_migration_1, _migration_2, _migration_3]
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(RuntimeError):
    """The database was written by a newer tracker; this one would misread it."""


@dataclass(frozen=True)
class Upgrade:
    """The schema version a database had (0: empty) and the one it has now."""

    before: int
    after: int

    @property
    def changed(self) -> bool:
        return self.before != self.after


def migrate(engine: Engine) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`; safe to run concurrently and repeatedly."""
    return upgrade(engine).after


def upgrade(engine: Engine) -> Upgrade:
    """Bring the schema to :data:`SCHEMA_VERSION` and say from which version it came."""
    with engine.connect() as conn:
        current = _current_version(conn)
    if current == SCHEMA_VERSION:
        return Upgrade(current, current)
    with engine.connect() as conn, writing(conn).begin():
        schema_version.create(conn, checkfirst=True)
        current = _current_version(conn)  # another process may have upgraded meanwhile
        if current > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"the store has schema version {current}, newer than this tracker "
                f"({SCHEMA_VERSION}); upgrade the tracker"
            )
        for step in MIGRATIONS[current:]:
            step(conn)
        conn.execute(schema_version.delete())
        conn.execute(schema_version.insert().values(version=SCHEMA_VERSION))
    return Upgrade(current, SCHEMA_VERSION)


def _current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "schema_version"):
        return 0
    version = conn.execute(select(func.max(schema_version.c.version))).scalar()
    return int(version or 0)
