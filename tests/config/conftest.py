"""Fixtures for goal-config tests: a throwaway project with one seed document."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli import main

SEED_TEXT = "2025年主要预期目标：规模以上工业增加值增长7%，引进项目不少于80个，经济增长6%左右。\n"

HEADER = """\
defaults:
  entity: 测试区
  year: 2025
  source:
    document: seeds/doc.txt
goals:
"""


@pytest.fixture
def project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project (config/goals/ and seeds/doc.txt); the cwd is the project root."""
    (tmp_path / "config" / "goals").mkdir(parents=True)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "doc.txt").write_text(SEED_TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_CONFIG", raising=False)
    return tmp_path


@pytest.fixture
def write_goals(project_dir: Path) -> Callable[[str, str], Path]:
    """Write config/goals/NAME.yaml: the standard header plus the given goal entries."""

    def write(goals_yaml: str, name: str = "test") -> Path:
        path = project_dir / "config" / "goals" / f"{name}.yaml"
        path.write_text(HEADER + textwrap.indent(textwrap.dedent(goals_yaml), "  "), "utf-8")
        return path

    return write


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Invoke ``tracker ARGS...`` in-process; stdout and stderr are kept apart."""

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run
