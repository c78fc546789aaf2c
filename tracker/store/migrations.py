"""The schema's history: ordered migrations, and the version a database has reached.

``MIGRATIONS[i]`` upgrades a database from version ``i`` to ``i + 1``; the version reached is
kept in ``schema_version``. The list is append only, and running it twice is harmless.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, func, select

from tracker.store.engine import writing
from tracker.store.tables import (
    alert_state,
    alerts,
    deliveries,
    feed_state,
    figure_revisions,
    imported_files,
    schema_version,
    slots,
)


def _migration_1(conn: Connection) -> None:
    """The first schema. If a later migration changes one of these tables, freeze its
    version-1 definition here instead of using the live Table object."""
    for table in (figure_revisions, deliveries, slots, alerts, imported_files, feed_state):
        table.create(conn)


def _migration_2(conn: Connection) -> None:
    """Version 2: alert_state."""
    alert_state.create(conn)


MIGRATIONS: list[Callable[[Connection], None]] = [_migration_1, _migration_2]
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(RuntimeError):
    """The database was written by a newer tracker; this one would misread it."""


def migrate(engine: Engine) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`; safe to run concurrently and repeatedly."""
    with engine.connect() as conn:
        if _current_version(conn) == SCHEMA_VERSION:
            return SCHEMA_VERSION
    with engine.connect() as conn, writing(conn).begin():
        schema_version.create(conn, checkfirst=True)
        current = _current_version(conn)
        if current > SCHEMA_VERSION:
            raise SchemaTooNew(
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
