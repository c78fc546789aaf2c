"""Schema creation and upgrades, and the tables' unique keys."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from click.testing import Result
from sqlalchemy import Column, Integer, MetaData, Table, Text, insert, select, text
from sqlalchemy.exc import IntegrityError

from tracker.config.project import Project
from tracker.store.database import Store
from tracker.store.engine import make_engine
from tracker.store.migrations import MIGRATIONS, SCHEMA_VERSION, add_column, migrate, upgrade
from tracker.store.tables import schema_version

Cli = Callable[..., Result]
# A table as a later migration defines it: version N had only ``id``.
LATER = Table(
    "later",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("note", Text, nullable=False, server_default="-"),
)


def test_schema_creation_is_safe_to_run_twice(store: Store) -> None:
    assert migrate(store.engine) == SCHEMA_VERSION
    assert migrate(store.engine) == SCHEMA_VERSION
    with store.read() as conn:
        assert conn.execute(select(schema_version.c.version)).scalars().all() == [SCHEMA_VERSION]


def test_a_store_from_a_newer_tracker_is_refused(store: Store, project: Project) -> None:
    with store.begin() as conn:
        conn.execute(schema_version.update().values(version=SCHEMA_VERSION + 1))
    with pytest.raises(RuntimeError, match="newer"):
        Store.open(project)


@pytest.mark.parametrize(
    "name", ["deliveries", "slots", "alerts", "imported_files", "feed_state", "figures"]
)
def test_every_table_is_created(store: Store, name: str) -> None:
    with store.read() as conn:
        assert conn.dialect.has_table(conn, name)


def test_deliveries_are_unique_per_digest_slot_channel_and_part(store: Store) -> None:
    row = {
        "digest": "d",
        "slot": "2025-10-01T01:00:00+00:00",
        "channel": "wecom",
        "part": 1,
        "parts": 1,
        "payload": "{}",
        "status": "pending",
        "created_at": "t",
        "updated_at": "t",
    }
    with store.begin() as conn:
        conn.execute(insert(store.tables["deliveries"]).values(row))
        assert conn.execute(text("SELECT kind, attempts FROM deliveries")).one() == ("message", 0)
    with pytest.raises(IntegrityError), store.begin() as conn:
        conn.execute(insert(store.tables["deliveries"]).values(row))


def test_alerts_without_a_figure_are_still_unique(store: Store) -> None:
    row = {"digest": "d", "goal": "g", "status": "no_data", "created_at": "t"}
    with store.begin() as conn:
        conn.execute(insert(store.tables["alerts"]).values(row))
    with pytest.raises(IntegrityError), store.begin() as conn:
        conn.execute(insert(store.tables["alerts"]).values(row))


def test_a_version_1_store_is_upgraded_in_place_keeping_its_figures(
    database: str, project: Project
) -> None:
    url = database
    engine = make_engine(url)
    with engine.begin() as conn:
        schema_version.create(conn)
        MIGRATIONS[0](conn)
        conn.execute(schema_version.insert().values(version=1))
        conn.exec_driver_sql(
            "INSERT INTO figures (goal, period, period_end, value, recorded_at, visible_from) "
            "VALUES ('demo-2025-gdp', '2025-09', '2025-09-30', 6.1, '2025-10-01', '2025-10-01')"
        )
    engine.dispose()
    upgraded = Store.open(project, url=url)
    assert migrate(upgraded.engine) == SCHEMA_VERSION
    assert upgraded.count_figures() == 1
    with upgraded.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM alert_state").scalar() == 0
    upgraded.close()


def test_processes_starting_together_upgrade_the_schema_once(database: str) -> None:
    engines = [make_engine(database) for _ in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = list(pool.map(upgrade, engines))
    for engine in engines:
        engine.dispose()
    assert (
        sorted((d.before, d.after) for d in done)
        == [(0, SCHEMA_VERSION)] + [(SCHEMA_VERSION, SCHEMA_VERSION)] * 3
    )


def test_db_upgrade_says_from_which_version_it_upgraded(cli: Cli, database: str) -> None:
    first, second = cli("db", "upgrade"), cli("db", "upgrade")
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert first.stdout.endswith(f": schema upgraded from version 0 to {SCHEMA_VERSION}\n")
    assert second.stdout.endswith(f": schema is at version {SCHEMA_VERSION}, nothing to do\n")


def test_a_migration_adds_a_column_as_the_live_table_defines_it(store: Store) -> None:
    with store.begin() as conn:
        Table("later", MetaData(), Column("id", Integer, primary_key=True)).create(conn)
        add_column(conn, LATER, "note")
        conn.execute(insert(LATER).values(id=1))
        assert conn.execute(select(LATER.c.note)).one() == ("-",)  # its server default
