"""Opening the store for a command: a store that cannot be opened is one line and exit 1."""

from __future__ import annotations

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
