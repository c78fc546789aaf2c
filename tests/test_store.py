"""The SQLite store: where it lives, schema creation and upgrades, transactions, revisions."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError

from tracker.config.project import Project
from tracker.domain.figures import NewFigure
from tracker.domain.periods import Period
from tracker.store.database import Store
from tracker.store.engine import database_url
from tracker.store.migrations import SCHEMA_VERSION, migrate
from tracker.store.tables import schema_version


def new(
    period: str,
    value: float,
    published: date | None = None,
    goal: str = "demo-2025-gdp",
    unit: str | None = "%",
) -> NewFigure:
    return NewFigure(goal, Period.parse(period), value, unit, published=published)


def test_default_database_is_var_tracker_db_under_the_project_root(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACKER_DATABASE")
    Store.open(project).close()
    assert (project.root / "var" / "tracker.db").is_file()


def test_tracker_database_accepts_a_path_or_a_url(tmp_path: Path, project: Project) -> None:
    assert (
        database_url(project, environ={"TRACKER_DATABASE": str(tmp_path / "a.db")})
        == f"sqlite:///{tmp_path / 'a.db'}"
    )
    url = f"sqlite:///{tmp_path / 'b.db'}"
    assert database_url(project, environ={"TRACKER_DATABASE": url}) == url


def test_settings_database_is_relative_to_the_project_root(project: Project) -> None:
    project.settings.database = "data/figures.db"
    assert database_url(project, environ={}) == f"sqlite:///{project.root / 'data/figures.db'}"


def test_explicit_url_wins_over_the_environment(tmp_path: Path, project: Project) -> None:
    store = Store.open(project, url=str(tmp_path / "explicit" / "x.db"))
    store.close()
    assert (tmp_path / "explicit" / "x.db").is_file()


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


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


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


def test_a_failed_transaction_leaves_the_store_as_it_was(store: Store) -> None:
    with pytest.raises(ZeroDivisionError), store.begin() as conn:
        store.add_figures(conn, [new("2025-03", 5.8)])
        1 / 0  # noqa: B018
    assert store.count_figures() == 0


def test_figures_as_of_takes_the_newest_revision_published_by_then(store: Store) -> None:
    with store.begin() as conn:
        store.add_figures(
            conn, [new("2025-03", 5.8, date(2025, 4, 20)), new("2025-03", 5.6, date(2025, 5, 10))]
        )

    def value_on(day: date) -> list[float]:
        return [f.value for f in store.figures_as_of(day).get("demo-2025-gdp", [])]

    assert (
        value_on(date(2025, 4, 19)),
        value_on(date(2025, 4, 30)),
        value_on(date(2025, 5, 10)),
    ) == ([], [5.8], [5.6])


def test_a_figure_without_published_counts_from_its_local_recording_day(store: Store) -> None:
    with time_machine.travel("2025-04-20T17:00:00+00:00", tick=False), store.begin() as conn:
        store.add_figures(conn, [new("2025-03", 5.8)])  # 01:00 on 04-21 in Shanghai
    assert store.figures_as_of(date(2025, 4, 20)) == {}
    assert len(store.figures_as_of(date(2025, 4, 21))["demo-2025-gdp"]) == 1


def test_recorded_at_is_a_utc_timestamp(store: Store) -> None:
    with store.begin() as conn:
        store.add_figures(conn, [new("2025-03", 5.8)])
    assert store.figures()[0].recorded_at.utcoffset() is not None


def test_figures_as_of_filters_goal_ids(store: Store) -> None:
    with store.begin() as conn:
        store.add_figures(
            conn,
            [
                new("2025-03", 5.8, date(2025, 4, 20)),
                new("2025-03", 90, date(2025, 4, 20), "demo-2025-investment", "亿元"),
            ],
        )
    assert list(store.figures_as_of(date(2025, 5, 1), ["demo-2025-investment"])) == [
        "demo-2025-investment"
    ]


def test_history_keeps_superseded_revisions(store: Store) -> None:
    with store.begin() as conn:
        store.add_figures(conn, [new("2025-03", 5.8, date(2025, 4, 20))])
    with store.begin() as conn:
        summary = store.add_figures(conn, [new("2025-03", 5.6, date(2025, 4, 20))])
    assert summary.revised == 1
    assert [(f.value, f.current) for f in store.figures(history=True)] == [
        (5.6, True),
        (5.8, False),
    ]


def test_concurrent_writers_wait_for_each_other(project: Project) -> None:
    def write(month: int) -> None:
        with Store.open(project) as own, own.begin() as conn:  # one engine each, like processes
            own.add_figures(conn, [new(f"2025-{month:02d}", month)])
            time.sleep(0.05)  # hold the write lock a while

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(write, range(1, 13)))
    with Store.open(project) as store:
        assert store.count_figures() == 12


def test_a_version_1_store_is_upgraded_in_place_keeping_its_figures(
    tmp_path: Path, project: Project
) -> None:
    from tracker.store.engine import make_engine
    from tracker.store.migrations import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.db'}"
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
    assert migrate(upgraded.engine) == SCHEMA_VERSION == 2
    assert upgraded.count_figures() == 1
    with upgraded.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM alert_state").scalar() == 0
    upgraded.close()
