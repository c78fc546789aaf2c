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


@pytest.mark.parametrize(
    ("header", "row"),
    [
        (
            "指标,期间,数值,单位,来源,发布日期,备注",
            "demo-2025-gdp,2025年1-3月,5.8,%,局,2025年4月20日,",
        ),
        ("目标,时期,值,发布时间", "demo-2025-gdp,2025年一季度,5.8,2025/4/20"),
        ("Goal,Period,Value,Published", "demo-2025-gdp,2025-03,5.8,2025-04-20"),
    ],
)
def test_chinese_and_capitalised_headers_name_the_same_fields(
    store: Store, project: Project, write_file: Callable[..., Path], header: str, row: str
) -> None:
    assert import_file(store, project, write_file(f"{header}\n{row}\n")).ok
    assert store.figures()[0].period.month_index == 2025 * 12 + 2


def test_a_million_column_header_is_one_summary_line(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    problems = import_file(store, project, write_file(",".join(["c"] * 1_000_000) + "\n")).problems
    assert len(problems) == 1 and "1,000,000 columns" in problems[0].message


def test_many_unknown_columns_are_named_three_then_counted(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    header = "goal,period,value," + ",".join(f"extra{i}" for i in range(20))
    messages = [p.message for p in import_file(store, project, write_file(header + "\n")).problems]
    assert len(messages) == 4 and messages[-1] == "and 17 more unknown column(s)"


def test_a_big5_file_is_read_as_big5_and_says_so(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file(
        HEADER + "demo-2025-gdp,2025-03,5.8,%,示範區統計局,2025-04-20,\n", encoding="big5"
    )
    result = import_file(store, project, path)
    assert store.figures()[0].source == "示範區統計局"
    assert "(read as Big5 (Traditional Chinese))" in result.describe()


def test_deeply_nested_json_is_one_line(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file("[" * 100_000 + "]" * 100_000, name="deep.json")
    (problem,) = import_file(store, project, path).problems
    assert problem.message == "malformed JSON: nested too deeply"
