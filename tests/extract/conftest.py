"""Fixtures of the extraction tests: an empty project (config/goals/, seeds/) as the cwd."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "config" / "goals").mkdir(parents=True)
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_CONFIG", raising=False)
    return tmp_path
