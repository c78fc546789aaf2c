"""The per-file goal cache: unchanged files are not parsed again; any change is read afresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.config import goal_file
from tracker.config.goal_cache import CACHE_FOLDER, GoalCache, cache_folder
from tracker.config.project import load_project, reload_project
from tracker.config.settings import Settings
from tracker.errors import InputError

GOOD = '- id: iva\n  indicator: 工业增加值\n  target: "≥ 7%"\n  quote: 规模以上工业增加值增长7%\n'


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("parsed although unchanged")

    monkeypatch.setattr(goal_file, "load_yaml", refuse)


@pytest.fixture
def cached(write_goals, project_dir: Path) -> GoalCache:
    write_goals(GOOD)
    cache = GoalCache(project_dir / "var" / CACHE_FOLDER)
    first = load_project(project_dir / "config", cache=cache)
    assert [g.id for g in first.goals] == ["iva"]
    return GoalCache(cache.folder)  # a new process: only the files on disk


def test_an_unchanged_file_is_neither_parsed_nor_validated(cached, project_dir, no_parsing):
    project = load_project(project_dir / "config", cache=cached)
    assert project.goals[0].target == 7 and project.goals[0].source.document == "seeds/doc.txt"


def test_the_cached_goal_equals_the_validated_one(cached, project_dir):
    fresh = load_project(project_dir / "config", cache=GoalCache(None)).goals
    assert load_project(project_dir / "config", cache=cached).goals == fresh


def test_an_edited_file_is_read_again(cached, write_goals, project_dir):
    write_goals(GOOD.replace('"≥ 7%"', '"≥ 9%"'))
    with pytest.raises(InputError, match="the quote states 7%, not the target 9%"):
        load_project(project_dir / "config", cache=cached)


def test_a_changed_document_verifies_the_quote_again(cached, project_dir):
    (project_dir / "seeds" / "doc.txt").write_text("全新的文章。\n", "utf-8")
    with pytest.raises(InputError, match="quote not found"):
        load_project(project_dir / "config", cache=cached)


def test_a_damaged_cache_entry_is_ignored(cached, project_dir):
    for entry in cached.folder.glob("*.json"):  # type: ignore[union-attr]
        entry.write_text('{"key": "x", "goals": [[{"id": 1}]]}')
    assert load_project(project_dir / "config", cache=cached).goals[0].id == "iva"


def test_a_reload_reads_only_what_changed(write_goals, project_dir, monkeypatch):
    write_goals(GOOD, "a")
    project = load_project(project_dir / "config", cache=GoalCache(None))
    write_goals(GOOD.replace("id: iva", "id: iva-b"), "b")
    read: list[str] = []
    original = goal_file.load_yaml
    monkeypatch.setattr(goal_file, "load_yaml", lambda p, t: read.append(p.name) or original(p, t))
    assert [g.id for g in reload_project(project).goals] == ["iva", "iva-b"] and read == ["b.yaml"]


def test_the_cache_lives_beside_the_store(tmp_path):
    settings = Settings(database="data/t.db")
    assert cache_folder(tmp_path, settings, {}) == tmp_path / "data" / CACHE_FOLDER
    env = {"TRACKER_DATABASE": str(tmp_path / "x" / "s.db")}
    assert cache_folder(tmp_path, Settings(), env) == tmp_path / "x" / CACHE_FOLDER
    assert cache_folder(tmp_path, Settings(), {}) == tmp_path / "var" / CACHE_FOLDER


def test_a_read_without_quotes_does_not_spare_check_its_verification(write_goals, project_dir):
    write_goals(GOOD.replace("增长7%", "增长8%"))  # the quote is not in the document
    cache = GoalCache(project_dir / "var" / CACHE_FOLDER)
    load_project(project_dir / "config", verify_quotes=False, cache=cache)
    with pytest.raises(InputError, match="quote not found"):
        load_project(project_dir / "config", cache=GoalCache(cache.folder))
