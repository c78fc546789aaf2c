"""What only PostgreSQL needs: byte-order text, server limits, riding out a restart, privileges."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Column, Connection, Integer, MetaData, Table, Text, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from store.relay import Relay
from tracker.config.project import Project
from tracker.domain.figures import NewFigure
from tracker.domain.periods import Period
from tracker.store import StoreError, open_store
from tracker.store.database import Store
from tracker.store.engine import make_engine
from tracker.store.migrations import add_column
from tracker.store.tables import metadata

pytestmark = pytest.mark.parametrize("database", ["postgresql"], indirect=True)
READER = "tracker_test_reader"


@pytest.fixture
def relay(database: str) -> Iterator[Relay]:
    url = make_url(database)
    opened = Relay((url.host or "127.0.0.1", url.port or 5432))
    yield opened
    opened.close()


def through(relay: Relay, database: str, reconnect_seconds: float = 30) -> Store:
    """A store that reaches the server through ``relay``."""
    url = make_url(database).set(host="127.0.0.1", port=relay.port)
    Store.open(url=database).close()  # the schema, created directly
    return Store(
        make_engine(url.render_as_string(hide_password=False)), reconnect_seconds=reconnect_seconds
    )


def figure(period: str = "2025-09") -> NewFigure:
    return NewFigure("demo-2025-gdp", Period.parse(period), 5.5, "%")


def test_every_text_column_compares_by_code_point(store: Store) -> None:
    with store.read() as conn:
        collations = conn.execute(
            text(
                "SELECT DISTINCT collation_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND data_type = 'text'"
            )
        ).scalars()
        assert list(collations) == ["C"]


def test_a_text_column_a_migration_adds_compares_by_code_point_too(store: Store) -> None:
    with store.begin() as conn:
        Table("later", MetaData(), Column("id", Integer, primary_key=True)).create(conn)
        add_column(conn, Table("later", MetaData(), Column("note", Text)), "note")
        collation = conn.execute(
            text(
                "SELECT collation_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = 'later' "
                "AND column_name = 'note'"
            )
        ).scalar()
    assert collation == "C"


def test_statements_and_lock_waits_time_out_and_the_urls_own_options_win(database: str) -> None:
    url = make_url(database)
    own = url.update_query_dict({"options": url.query["options"] + " -c statement_timeout=5s"})
    with Store.open(url=own.render_as_string(hide_password=False)) as store, store.read() as conn:
        limits = [
            conn.exec_driver_sql(f"SHOW {name}").scalar()
            for name in ("statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout")
        ]
    assert limits == ["5s", "30s", "1min"]


def test_a_connection_the_server_dropped_is_replaced_before_use(
    relay: Relay, database: str
) -> None:
    store = through(relay, database)
    assert store.count_figures() == 0
    relay.down()  # every pooled connection is now dead
    relay.up()
    assert store.count_figures() == 0
    assert relay.connections == 2
    store.close()


def test_a_write_waits_for_a_server_that_comes_back(
    relay: Relay, database: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = through(relay, database)
    relay.down()
    threading.Timer(1.0, relay.up).start()
    with caplog.at_level(logging.WARNING, "tracker.store"), store.begin() as conn:
        store.add_figures(conn, [figure()])
    assert store.count_figures() == 1
    assert "database out of reach, retrying" in caplog.text
    store.close()


def test_a_server_that_stays_away_is_an_error_once_the_wait_is_over(
    relay: Relay, database: str
) -> None:
    store = through(relay, database, reconnect_seconds=0.5)
    relay.down()
    with pytest.raises(OperationalError):
        store.count_figures()
    store.close()


@pytest.fixture
def reader(database: str) -> str:
    """The store's URL for a role that may log in and read the schema, nothing more."""
    with Store.open(url=database) as owner, owner.begin() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar()
        conn.execute(
            text(
                f"DO $$ BEGIN CREATE ROLE {READER} LOGIN; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            )
        )
        conn.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {READER}"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {READER}"))
    return make_url(database).set(username=READER).render_as_string(hide_password=False)


def test_a_role_without_write_privileges_is_one_line_naming_them(
    project: Project, reader: str
) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(project, url=reader)
    [problem] = caught.value.problems
    every_table = ", ".join(sorted(metadata.tables))
    assert str(problem).startswith(
        f"postgresql: cannot open the store: role {READER} lacks INSERT, UPDATE, DELETE "
        f"on {every_table} (GRANT "
    )


def test_a_shutdown_ends_the_wait_for_the_server_at_once(relay: Relay, database: str) -> None:
    store = through(relay, database, reconnect_seconds=60)
    relay.down()
    threading.Timer(0.5, store.stop_waiting).start()
    started = time.monotonic()
    with pytest.raises(OperationalError):
        store.count_figures()
    assert time.monotonic() - started < 5
    store.close()


def test_a_write_cut_off_midway_is_written_again_once_the_server_is_back(
    relay: Relay, database: str
) -> None:
    store = through(relay, database)
    attempts: list[int] = []

    def work(conn: Connection) -> None:
        attempts.append(1)
        if len(attempts) == 1:  # the server goes away with the transaction open
            relay.down()
            threading.Timer(0.5, relay.up).start()
        store.add_figures(conn, [figure()])

    store.write(work)
    assert (len(attempts), store.count_figures()) == (2, 1)
    store.close()
