"""CSV figure files: any encoding, the header checked, blank and comment lines skipped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.kit import HEADER
from tracker.config.project import Project
from tracker.ingest.importer import import_file
from tracker.store.database import Store


@pytest.mark.parametrize("name", ["utf8.csv", "utf8-bom.csv", "gb18030.csv"])
def test_csv_is_read_whatever_its_encoding(
    store: Store, project: Project, figure_files: Path, name: str
) -> None:
    result = import_file(store, project, figure_files / name)
    assert (result.ok, result.summary.added) == (True, 4)
    assert store.figures(["demo-2025-gdp"])[0].source == "示范区统计局"


def test_an_unknown_column_suggests_the_known_one(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file("goal,period,value,pubished\ndemo-2025-gdp,2025-03,5.8,2025-04-20\n")
    problem = import_file(store, project, path).problems[0]
    assert (problem.line, problem.message) == (
        1,
        "unknown column 'pubished'; did you mean 'published'?",
    )


def test_a_header_without_required_columns_is_an_error(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    problem = import_file(store, project, write_file("goal,value\nx,1\n")).problems[0]
    assert problem.message.startswith("header lacks period")


def test_blank_and_comment_lines_are_skipped_but_counted(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file(HEADER + "\n# 一季度\ndemo-2025-gdp,2025-03,x,,,,\n")
    assert import_file(store, project, path).problems[0].line == 4
