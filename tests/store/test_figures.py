"""Figure revisions: transactions, what is visible as of a day, history."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
import time_machine
from click.testing import Result
from sqlalchemy import func, select

from tracker.config.project import Project
from tracker.domain.figures import NewFigure
from tracker.domain.periods import Period
from tracker.store.database import Store
from tracker.store.tables import figure_revisions


def new(
    period: str,
    value: float,
    published: date | None = None,
    goal: str = "demo-2025-gdp",
    unit: str | None = "%",
) -> NewFigure:
    return NewFigure(goal, Period.parse(period), value, unit, published=published)


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


@pytest.mark.usefixtures("database")
def test_concurrent_writers_wait_for_each_other(project: Project) -> None:
    def write(month: int) -> None:
        with Store.open(project) as own, own.begin() as conn:  # one engine each, like processes
            own.add_figures(conn, [new(f"2025-{month:02d}", month)])
            time.sleep(0.05)  # hold the write lock a while

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(write, range(1, 13)))
    with Store.open(project) as store:
        assert store.count_figures() == 12


@pytest.mark.usefixtures("database")
def test_the_same_figure_written_by_several_processes_at_once_is_stored_once(
    project: Project,
) -> None:
    def write(_: int) -> None:
        with Store.open(project) as own, own.begin() as conn:
            own.add_figures(conn, [new("2025-09", 5.5)])  # reads, then writes what is missing
            time.sleep(0.05)

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, range(4)))
    with Store.open(project) as store:
        assert store.count_figures() == 1


@pytest.mark.usefixtures("database")
def test_a_read_sees_one_snapshot_while_another_process_writes(project: Project) -> None:
    with Store.open(project) as reader, Store.open(project) as writer, reader.read() as conn:
        before = reader.count_figures()
        first = conn.execute(select(func.count()).select_from(figure_revisions)).scalar()
        with writer.begin() as other:
            writer.add_figures(other, [new("2025-09", 5.5)])
        again = conn.execute(select(func.count()).select_from(figure_revisions)).scalar()
    assert (before, first, again, writer.count_figures()) == (0, 0, 0, 1)


@pytest.mark.usefixtures("database")
def test_a_figure_file_is_imported_whole_or_not_at_all(
    cli: Callable[..., Result], write_file: Callable[..., Path]
) -> None:
    header = "goal,period,value,unit\n"
    good = "demo-2025-gdp,2025-06,5.6,%\n"
    bad = write_file(header + good + "demo-2025-gdp,2025-09,lots,%\n", "bad.csv")
    assert cli("figures", "import", str(bad)).exit_code == 1
    assert cli("figures", "list", "--json").stdout.strip() == "[]"
    fine = write_file(header + good + "demo-2025-gdp,2025-09,5.8,%\n", "fine.csv")
    assert cli("figures", "import", str(fine)).exit_code == 0
    assert cli("figures", "import", str(fine)).exit_code == 0  # the same content: nothing to do
    assert cli("figures", "list", "--json").stdout.count('"goal"') == 2
