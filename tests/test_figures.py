"""Importing figure files: encodings, validation, conversion, revisions, all-or-nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import time_machine

from tracker.config.project import Project
from tracker.domain.units import parse_unit
from tracker.errors import display_path
from tracker.ingest.importer import import_file, import_folder
from tracker.store.database import Store

HEADER = "goal,period,value,unit,source,published,note\n"


@pytest.mark.parametrize("name", ["utf8.csv", "utf8-bom.csv", "gb18030.csv"])
def test_csv_is_read_whatever_its_encoding(
    store: Store, project: Project, figure_files: Path, name: str
) -> None:
    result = import_file(store, project, figure_files / name)
    assert (result.ok, result.summary.added) == (True, 4)
    assert store.figures(["demo-2025-gdp"])[0].source == "示范区统计局"


def test_a_bad_row_imports_nothing_and_every_bad_row_is_reported(
    store: Store, project: Project, figure_files: Path
) -> None:
    result = import_file(store, project, figure_files / "bad.csv")
    assert not result.written and store.count_figures() == 0
    assert [p.line for p in result.problems] == [3, 4, 5]
    where = display_path(figure_files / "bad.csv")
    assert str(result.problems[0]).startswith(f"{where}:3: goal: unknown goal 'demo-2025-gpd'")


def test_an_unknown_goal_suggests_the_closest_ids(
    store: Store, project: Project, figure_files: Path
) -> None:
    problem = import_file(store, project, figure_files / "bad.csv").problems[0]
    assert problem.message == "unknown goal 'demo-2025-gpd'; did you mean 'demo-2025-gdp'?"


def test_a_period_outside_the_goal_span_is_an_error(
    store: Store, project: Project, figure_files: Path
) -> None:
    problem = import_file(store, project, figure_files / "bad.csv").problems[1]
    assert (problem.field, problem.message) == (
        "period",
        "2024 is outside goal demo-2025-investment's span 2025-01-01..2025-12-31",
    )


def test_an_incompatible_unit_is_an_error(
    store: Store, project: Project, figure_files: Path
) -> None:
    problem = import_file(store, project, figure_files / "bad.csv").problems[2]
    assert (problem.field, problem.message) == (
        "unit",
        "个 cannot be converted to goal demo-2025-investment's unit 亿元",
    )


def test_skip_invalid_imports_the_good_rows(
    store: Store, project: Project, figure_files: Path
) -> None:
    result = import_file(store, project, figure_files / "bad.csv", skip_invalid=True)
    assert (result.written, result.summary.added, len(result.problems)) == (True, 1, 3)


def test_another_magnitude_of_the_goal_unit_is_converted(
    store: Store, project: Project, figure_files: Path
) -> None:
    import_file(store, project, figure_files / "utf8.csv")
    figure = store.figures(["demo-2025-investment"])[0]
    assert (figure.value, figure.unit) == (1200000, "万元")
    assert figure.value_in(parse_unit("亿元")) == pytest.approx(120)


def test_a_unit_written_in_the_value_is_understood(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file(HEADER + "demo-2025-investment,2025-09,1.5e6万元,,,2025-10-20,\n")
    assert import_file(store, project, path).ok
    assert store.figures()[0].unit == "万元"


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


def test_conflicting_rows_in_one_file_are_an_error(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file(
        HEADER + "demo-2025-gdp,2025-09,6.1,,,2025-10-20,\n"
        "demo-2025-gdp,2025-Q3,6.2,,,2025-10-20,\n"
    )
    problem = import_file(store, project, path).problems[0]
    assert (problem.line, problem.field) == (3, "value") and "conflicts with line 2" in str(problem)


@pytest.mark.parametrize("word", ["done", "完成", "是", "TRUE", "yes", "1", "已完成"])
def test_milestone_done_words(
    store: Store, project: Project, write_file: Callable[..., Path], word: str
) -> None:
    path = write_file(HEADER + f"town-2025-groundbreaking,2025-05,{word},,,2025-05-28,\n")
    assert import_file(store, project, path).ok
    assert (store.figures()[0].value, store.figures()[0].unit) == (1.0, None)


@pytest.mark.parametrize("word", ["not done", "未完成", "否", "false", "no", "0"])
def test_milestone_not_done_words(
    store: Store, project: Project, write_file: Callable[..., Path], word: str
) -> None:
    path = write_file(HEADER + f"town-2025-groundbreaking,2025-05,{word},,,2025-05-28,\n")
    assert import_file(store, project, path).ok
    assert store.figures()[0].value == 0.0


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("town-2025-groundbreaking,2025-05,maybe,,,,", "value", "expected done or not done"),
        ("demo-2025-gdp,2025-03,abc,,,,", "value", "expected a number, got 'abc'"),
        ("demo-2025-gdp,2025-13,5.8,,,,", "period", "month 13 is not 1–12"),
        ("demo-2025-gdp,2025-03,5.8,,,2025-02-30,", "published", "day is out of range"),
        ("demo-2025-gdp,2025-03,5.8,,,2099-01-01,", "published", "is in the future"),
        ("demo-2025-gdp,2025-03,5.8,公顷,,,", "unit", "cannot be converted"),
        ("demo-2025-gdp,2025-03,5.8,furlong,,,", "unit", "unknown unit 'furlong'"),
        ("demo-2025-gdp,,5.8,,,,", "period", "required"),
        ("demo-2025-gdp,2025-03,5.8,,,,,extra", None, "8 cells but the header has 7"),
    ],
)
def test_bad_cells_are_reported_with_their_field(
    store: Store,
    project: Project,
    write_file: Callable[..., Path],
    row: str,
    field: str | None,
    message: str,
) -> None:
    problem = import_file(store, project, write_file(HEADER + row + "\n")).problems[0]
    assert (problem.line, problem.field) == (2, field) and message in problem.message


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


@pytest.mark.parametrize(
    "published", ["2025/04/20", "2025.4.20", "2025年4月20日", "20250420", "2025-04-20 00:00:00"]
)
def test_published_dates_in_common_spellings(
    store: Store, project: Project, write_file: Callable[..., Path], published: str
) -> None:
    path = write_file(HEADER + f"demo-2025-gdp,2025-03,5.8,,,{published},\n")
    assert import_file(store, project, path).ok
    assert store.figures()[0].published == date(2025, 4, 20)


def test_blank_and_comment_lines_are_skipped_but_counted(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file(HEADER + "\n# 一季度\ndemo-2025-gdp,2025-03,x,,,,\n")
    assert import_file(store, project, path).problems[0].line == 4


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


def test_figures_published_in_the_future_are_refused(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file(HEADER + "demo-2025-gdp,2025-03,5.8,,,2025-04-20,\n")
    with time_machine.travel("2025-04-19T12:00:00+08:00"):
        assert import_file(store, project, path).problems[0].field == "published"


@pytest.mark.parametrize(
    ("row", "shown"),
    [
        ("demo-2025-high-tech,2025-06,1e308,万家,,,", "1e+308万家"),  # inf once converted
        ("demo-2025-investment,2025-06,2e7,亿元,,,", "2e+07亿元"),  # 2e15 元: a typo
    ],
)
def test_a_value_out_of_range_in_base_units_is_refused(
    store: Store, project: Project, write_file: Callable[..., Path], row: str, shown: str
) -> None:
    problem = import_file(store, project, write_file(HEADER + row + "\n")).problems[0]
    assert (problem.line, problem.field) == (2, "value")
    assert problem.message.startswith(f"{shown} is out of range: beyond ±10^15")


def test_a_figure_published_before_its_period_ends_is_refused(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file(HEADER + "demo-2025-gdp,2025-10,5.8,,,2025-10-01,\n")
    problem = import_file(store, project, path).problems[0]
    assert (problem.field, problem.message) == (
        "published",
        "2025-10-01 is before the period 2025-10 ends (2025-10-31)",
    )


def test_a_negative_count_is_refused(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file(HEADER + "demo-2025-high-tech,2025-06,-0.1,万家,,,\n")
    problem = import_file(store, project, path).problems[0]
    assert (problem.field, problem.message) == ("value", "-0.1万家: a count cannot be negative")


def test_negative_growth_rates_and_amounts_stay_valid(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    rows = "demo-2025-gdp,2025-06,-1.5,,,,\ndemo-2025-investment,2025-06,-3,万元,,,\n"
    result = import_file(store, project, write_file(HEADER + rows))
    assert (result.ok, result.summary.added) == (True, 2)


def test_an_unknown_goal_that_is_part_of_an_id_suggests_that_id(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file(HEADER + "GDP,2025-03,5.8,,,,\n")
    problem = import_file(store, project, path).problems[0]
    assert problem.message == "unknown goal 'GDP'; did you mean 'demo-2025-gdp'?"
