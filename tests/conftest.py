"""Shared fixtures: a small project (4 goals) in tmp_path, its SQLite store, goal/figure builders.

The project is a copy of tests/fixtures/project (goals demo-2025-gdp growth ≥6% stretch 6.5,
demo-2025-investment total ≥180亿元, demo-2025-high-tech level ≥500家 from 400,
town-2025-groundbreaking milestone due 2025-06-30); sample figure files are in
tests/fixtures/figures.
"""

from __future__ import annotations

import itertools
import shutil
import textwrap
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tracker.cli import main
from tracker.config.project import Project, load_project
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal
from tracker.domain.periods import Period
from tracker.store.database import Store

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]

# Fixtures shared across test packages (the delivery project is used by digest tests too).
pytest_plugins = ["delivery.fixtures"]


# ---- a project on disk and its store --------------------------------------------------------


@pytest.fixture
def project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/fixtures/project as the cwd; TRACKER_DATABASE is tmp_path/tracker.db."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("TRACKER_CONFIG", raising=False)
    monkeypatch.setenv("TRACKER_DATABASE", str(tmp_path / "tracker.db"))
    return root


@pytest.fixture
def project(project_dir: Path) -> Project:
    return load_project(project_dir / "config", verify_quotes=True)


@pytest.fixture
def store(project: Project) -> Iterator[Store]:
    """The project's store: a real SQLite file at tmp_path/tracker.db."""
    opened = Store.open(project)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def shipped_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped goals, seeds and examples, without the user's config/tracker.yaml.

    Tests never read the live config/: a user who adds a ``${WECOM_URL}`` channel there, as
    the README describes, must still be able to run them without setting the variable.
    """
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(REPO / "config" / "goals", root / "config" / "goals")
    for folder in ("seeds", "examples"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture
def figure_files() -> Path:
    """tests/fixtures/figures: utf8.csv, utf8-bom.csv, gb18030.csv, bad.csv, YAML and JSON."""
    return FIXTURES / "figures"


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write dedented text to tmp_path/NAME in ENCODING and return the path."""

    def write(text: str, name: str = "figures.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(textwrap.dedent(text).lstrip("\n").encode(encoding))
        return path

    return write


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Invoke ``tracker ARGS...`` in-process (stdout and stderr kept apart)."""

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


# ---- in-memory goals and figures for the pure evaluation ------------------------------------
# Session-scoped factories, so hypothesis tests can use them too.


@pytest.fixture(scope="session")
def make_goal() -> Callable[..., Goal]:
    """``make_goal(measure="total", target="≥ 180 亿元", ...)``: a 2025 goal, quote not checked."""

    def make(**fields: Any) -> Goal:
        data: dict[str, Any] = {
            "id": "g-2025",
            "entity": "示范区",
            "indicator": "指标",
            "year": 2025,
            "target": "≥ 6%",
            "source": {"quote": "示范目标"},
        }
        data.update(fields)
        return Goal.model_validate(data)

    return make


@pytest.fixture(scope="session")
def make_figure() -> Callable[..., FigureRecord]:
    """``make_figure("2025-09", 6.2, published=date(...))``: a stored-figure record."""
    ids = itertools.count(1)

    def make(
        period: str,
        value: float,
        *,
        goal: str = "g-2025",
        unit: str | None = "%",
        published: date | None = None,
        recorded: date = date(2025, 1, 1),
        figure_id: int | None = None,
    ) -> FigureRecord:
        return FigureRecord(
            id=figure_id if figure_id is not None else next(ids),
            goal=goal,
            period=Period.parse(period),
            value=value,
            unit=unit,
            source=None,
            published=published,
            note=None,
            recorded_at=datetime(recorded.year, recorded.month, recorded.day, tzinfo=UTC),
            visible_from=published or recorded,
        )

    return make
