"""Opening the store for a command: a store that cannot be opened is one line and exit 1."""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tracker.config.project import Project
from tracker.errors import display_path
from tracker.store import StoreError, open_store
from tracker.store.tables import schema_version

Cli = Callable[..., Result]


@pytest.mark.usefixtures("project_dir")
def test_a_folder_where_the_database_should_be_is_one_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "tracker.db").mkdir()  # $TRACKER_DATABASE (see project_dir)
    result = cli("figures", "list")  # a traceback would raise here (catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{display_path(tmp_path / 'tracker.db')}: cannot open the store: "
        "unable to open database file"
    ]


@pytest.mark.usefixtures("project_dir")
def test_a_file_that_is_not_sqlite_is_one_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "tracker.db").write_text("goal,period,value\n" * 100)
    result = cli("figures", "list")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{display_path(tmp_path / 'tracker.db')}: cannot open the store: file is not a database"
    ]


def test_a_store_from_a_newer_tracker_is_one_problem(project: Project) -> None:
    with open_store(project) as store, store.begin() as conn:
        conn.execute(schema_version.update().values(version=99))
    with pytest.raises(StoreError) as caught:
        open_store(project)
    [problem] = caught.value.problems
    assert "schema version 99, newer than this tracker" in problem.message


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_refused_connection_is_one_line_with_the_password_masked(
    cli: Cli, project_dir: Path, closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"postgresql+psycopg://tracker:s3cret@127.0.0.1:{closed_port}/tracker"
    monkeypatch.setenv("TRACKER_DATABASE", url)
    result = cli("figures", "list")
    assert (result.exit_code, result.stdout) == (1, "")
    [line] = result.stderr.splitlines()
    assert line.startswith("postgresql: cannot open the store: connection failed: ")
    assert "Connection refused" in line and "s3cret" not in line
    assert line.endswith(f"(postgresql+psycopg://***@127.0.0.1:{closed_port}/tracker)")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        (
            "postgresql+pg8000x://u:pw@db/tracker",
            "unknown database driver postgresql+pg8000x; use sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST/DATABASE",
        ),
        ("mysql://u:pw@db/tracker", "the store runs on SQLite or PostgreSQL, not mysql"),
    ],
)
def test_a_url_the_store_cannot_use_is_one_line(project: Project, url: str, why: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(project, url=url)
    [problem] = caught.value.problems
    assert problem.message == f"cannot open the store: {why} ({url.split('//')[0]}//***@db/tracker)"


def test_postgresql_without_psycopg_says_which_extra_to_install(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra was not installed
    with pytest.raises(StoreError) as caught:
        open_store(project, url="postgresql+psycopg://tracker@db/tracker")
    [problem] = caught.value.problems
    assert (
        "needs psycopg; install it with pip install 'target-tracker[postgres]'" in problem.message
    )
