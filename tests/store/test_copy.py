"""`tracker db copy`: an SQLite store moved to another database with every row intact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import time_machine
from click.testing import Result
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from tracker.config.project import Project
from tracker.store.copy import data_tables
from tracker.store.database import Store

Cli = Callable[..., Result]
NOW = "2025-10-20T09:30:00+08:00"


@pytest.fixture
def source(
    database: str,  # first, so the source's $TRACKER_DATABASE below wins
    tmp_path: Path,
    configure: Callable[[str], Project],
    httpserver: HTTPServer,
    cli: Cli,
    write_file: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    """An SQLite store (the cwd's $TRACKER_DATABASE) with revised figures and digests sent."""
    url = f"sqlite:///{tmp_path / 'source.db'}"
    monkeypatch.setenv("TRACKER_DATABASE", url)
    configure("")
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    for value, published in (("5.5", "2025-10-15"), ("5.7", "2025-10-18")):
        cli("figures", "add", "demo-2025-gdp", "2025-09", value, "--published", published)
    figures = write_file("goal,period,value,unit\ndemo-2025-investment,2025-09,150,亿元\n")
    assert cli("figures", "import", str(figures)).exit_code == 0
    assert cli("digest", "send", "weekly", "--as-of", "2025-10-20").exit_code == 0
    assert cli("digest", "send", "town").exit_code == 0
    return url


def rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    with Store.open(url=url) as store, store.read() as conn:
        return {
            t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.columns))]
            for t in data_tables()
        }


@time_machine.travel(NOW, tick=False)
def test_every_row_of_every_table_arrives_ids_included(
    cli: Cli, source: str, database: str
) -> None:
    result = cli("db", "copy", "--to", database)
    assert result.exit_code == 0, result.stderr
    copied = rows(database)
    assert copied == rows(source)
    assert all(copied[name] for name in ("figures", "slots", "deliveries", "imported_files"))


@time_machine.travel(NOW, tick=False)
def test_the_copy_reads_the_same_in_every_command(
    cli: Cli, source: str, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = [("figures", "list", "--history", "--json"), ("status", "--json")]
    before = [cli(*command).stdout for command in commands]
    assert cli("db", "copy", "--to", database).exit_code == 0
    monkeypatch.setenv("TRACKER_DATABASE", database)
    assert [cli(*command).stdout for command in commands] == before
    assert '"current": false' in before[0] and '"status": "sent"' in before[1]


@time_machine.travel(NOW, tick=False)
def test_new_rows_in_the_copy_get_new_ids(
    cli: Cli, source: str, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("db", "copy", "--to", database)
    monkeypatch.setenv("TRACKER_DATABASE", database)
    assert cli("figures", "add", "demo-2025-gdp", "2025-06", "5.8").exit_code == 0
    ids = [row[0] for row in rows(database)["figures"]]
    assert sorted(ids) == [1, 2, 3, 4]


@time_machine.travel(NOW, tick=False)
def test_a_target_that_holds_rows_is_refused_and_left_alone(
    cli: Cli, source: str, database: str
) -> None:
    cli("db", "copy", "--to", database)
    result = cli("db", "copy", "--to", database)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert "the target already holds " in line and "figures (3 rows)" in line
    assert rows(database) == rows(source)
