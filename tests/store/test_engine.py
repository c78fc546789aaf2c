"""Where the store lives and how SQLite is set up: paths, URLs, WAL, busy timeout."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.config.project import Project
from tracker.store.database import Store
from tracker.store.engine import database_url


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


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_a_postgresql_url_means_psycopg_3(project: Project, scheme: str) -> None:
    url = f"{scheme}://tracker:pw@db.example:5432/tracker"
    assert database_url(project, environ={"TRACKER_DATABASE": url}) == (
        "postgresql+psycopg://tracker:pw@db.example:5432/tracker"
    )
