"""The per-file goal cache: unchanged files are served from it; any change or damage is a miss."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.config import goal_file as project_module  # where goal files are parsed
from tracker.config.cache import cache_dir
from tracker.config.project import load_project
from tracker.errors import InputError

GOAL = """\
- id: test-iva
  indicator: 规模以上工业增加值
  target: "≥ 7%"
  quote: 规模以上工业增加值增长7%
"""


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """From now on, every goal file actually parsed is recorded here."""
    parsed: list[Path] = []
    real = project_module.load_yaml

    def recording(path: Path, text: str | None = None) -> object:
        parsed.append(path)
        return real(path, text)

    monkeypatch.setattr(project_module, "load_yaml", recording)
    return parsed


def test_unchanged_file_is_not_parsed_again(
    write_goals: Callable[[str], Path], no_parsing: list[Path]
) -> None:
    write_goals(GOAL)
    load_project()
    project = load_project()
    assert len(no_parsing) == 1
    assert [g.id for g in project.goals] == ["test-iva"]
    assert project.goal_lines["test-iva"][1] == 7


def test_edited_file_is_read_again(write_goals: Callable[[str], Path]) -> None:
    write_goals(GOAL)
    load_project()
    write_goals(GOAL.replace("test-iva", "test-iva-2"))
    assert [g.id for g in load_project().goals] == ["test-iva-2"]


def test_edited_document_verifies_quotes_again(
    write_goals: Callable[[str], Path], project_dir: Path
) -> None:
    write_goals(GOAL)
    load_project()
    (project_dir / "seeds" / "doc.txt").write_text("另一篇文章。\n", encoding="utf-8")
    with pytest.raises(InputError, match="quote not found"):
        load_project()


def test_unverified_entry_does_not_skip_verification(
    write_goals: Callable[[str], Path], no_parsing: list[Path]
) -> None:
    write_goals(GOAL)
    load_project(verify_quotes=False)
    load_project(verify_quotes=True)
    assert len(no_parsing) == 2


def test_corrupt_entries_are_ignored(
    write_goals: Callable[[str], Path], project_dir: Path, no_parsing: list[Path]
) -> None:
    write_goals(GOAL)
    load_project()
    for entry in (project_dir / "var" / "cache" / "goals").iterdir():
        entry.write_bytes(b"\x80\x05not a pickle")
    assert [g.id for g in load_project().goals] == ["test-iva"]
    assert len(no_parsing) == 2


def test_file_with_problems_is_not_cached(
    write_goals: Callable[[str], Path], project_dir: Path
) -> None:
    write_goals(GOAL.replace("增长7%", "增长9%"))
    with pytest.raises(InputError):
        load_project()
    assert not (project_dir / "var" / "cache" / "goals").exists()


@pytest.mark.parametrize(
    ("env", "setting", "expected"),
    [
        (None, None, "root/var/cache/goals"),
        ("db/t.db", None, "cwd/db/cache/goals"),
        (None, "data/t.db", "root/data/cache/goals"),
        (None, "sqlite:///data/t.db", "root/data/cache/goals"),
        ("postgresql://u@host/db", None, "root/var/cache/goals"),
    ],
)
def test_cache_lives_beside_the_store(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    env: str | None,
    setting: str | None,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    if env is None:
        monkeypatch.delenv("TRACKER_DATABASE", raising=False)
    else:
        monkeypatch.setenv("TRACKER_DATABASE", env)
    found = cache_dir(tmp_path / "root", setting)
    assert found == tmp_path / expected.replace("cwd/", "")
