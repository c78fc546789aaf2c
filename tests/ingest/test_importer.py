"""Importing figures into the store: all or nothing, revisions, re-imports, the drop-in folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.kit import HEADER
from tracker.config.project import Project
from tracker.ingest.importer import import_file, import_folder
from tracker.ingest.readers import FILE_SUFFIXES, is_figure_file
from tracker.store.database import Store


def test_skip_invalid_imports_the_good_rows(
    store: Store, project: Project, figure_files: Path
) -> None:
    result = import_file(store, project, figure_files / "bad.csv", skip_invalid=True)
    assert (result.written, result.summary.added, len(result.problems)) == (True, 1, 3)


def test_reimporting_the_same_file_changes_nothing(
    store: Store, project: Project, figure_files: Path
) -> None:
    import_file(store, project, figure_files / "utf8.csv")
    again = import_file(store, project, figure_files / "utf8.csv")
    assert (again.summary.added, again.summary.revised, again.summary.unchanged) == (0, 0, 4)
    assert store.count_figures() == 4


def test_the_same_value_in_another_unit_is_not_a_revision(
    store: Store, project: Project, figure_files: Path, write_file: Callable[..., Path]
) -> None:
    import_file(store, project, figure_files / "utf8.csv")  # 1200000 万元, published 07-20
    path = write_file(HEADER + "demo-2025-investment,2025-06,120,亿元,,2025-07-20,\n")
    assert import_file(store, project, path).summary.unchanged == 1


def test_a_different_value_is_a_revision_that_supersedes(
    store: Store, project: Project, figure_files: Path, write_file: Callable[..., Path]
) -> None:
    import_file(store, project, figure_files / "utf8.csv")
    path = write_file(HEADER + "demo-2025-gdp,2025-03,5.9,,,2025-04-20,修订\n")
    assert import_file(store, project, path).summary.revised == 1
    history = store.figures(["demo-2025-gdp"], history=True)
    assert [(f.value, f.current) for f in history] == [(5.9, True), (5.8, False)]


def test_a_crash_mid_import_leaves_the_store_as_it_was(
    store: Store, project: Project, figure_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Store, "record_file", crash)  # runs after the rows are inserted
    with pytest.raises(OSError):
        import_file(store, project, figure_files / "utf8.csv")
    assert store.count_figures() == 0


def test_the_drop_in_folder_imports_each_file_content_once(
    store: Store, project: Project, figure_files: Path
) -> None:
    folder = project.resolve(project.settings.figures_dir)
    folder.mkdir(parents=True)
    (folder / "README.md").write_text("not figures")
    (folder / "q1.csv").write_bytes((figure_files / "utf8.csv").read_bytes())
    assert [r.summary.added for r in import_folder(store, project)] == [4]
    assert [r.skipped for r in import_folder(store, project)] == [True]


def test_the_drop_in_folder_imports_a_tsv_file_like_figures_import(
    store: Store, project: Project
) -> None:
    folder = project.resolve(project.settings.figures_dir)
    folder.mkdir(parents=True)
    rows = "goal\tperiod\tvalue\tpublished\ndemo-2025-gdp\t2025-03\t5.8\t2025-04-20\n"
    (folder / "q1.tsv").write_text(rows, "utf-8")
    [result] = import_folder(store, project)
    assert (result.ok, result.summary.added) == (True, 1)


@pytest.mark.parametrize("suffix", sorted(FILE_SUFFIXES))
def test_the_drop_in_folder_takes_every_suffix_figures_import_reads(
    tmp_path: Path, suffix: str
) -> None:
    for name in (f"figures{suffix}", "README.md"):
        (tmp_path / name).write_text("")
    assert is_figure_file(tmp_path / f"figures{suffix}")
    assert not is_figure_file(tmp_path / "README.md")
