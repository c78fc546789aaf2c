"""Fixtures for command tests: a small project to spoil (see mistakes.py); `cli` runs tracker."""

from __future__ import annotations

from pathlib import Path

import pytest

from commands.mistakes import GOALS, SEED, SETTINGS


@pytest.fixture
def mistake_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two good goals, a seed and tracker.yaml in tmp_path (the cwd); a store of its own."""
    (tmp_path / "config" / "goals").mkdir(parents=True)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "doc.txt").write_text(SEED, "utf-8")
    (tmp_path / "config" / "goals" / "g.yaml").write_text(GOALS, "utf-8")
    (tmp_path / "config" / "tracker.yaml").write_text(SETTINGS, "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_CONFIG", raising=False)
    monkeypatch.setenv("TRACKER_DATABASE", str(tmp_path / "tracker.db"))
    return tmp_path
