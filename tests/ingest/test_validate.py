"""Validating figure rows: every bad field reported with its line, units converted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import time_machine

from ingest.kit import HEADER
from tracker.config.project import Project
from tracker.domain.units import parse_unit
from tracker.errors import display_path
from tracker.ingest.importer import import_file
from tracker.store.database import Store


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
        ("demo-2025-gdp,2025-03,5.8,,,2025-02-30,", "published", "has no day 30"),
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


@pytest.mark.parametrize(
    "published", ["2025/04/20", "2025.4.20", "2025年4月20日", "20250420", "2025-04-20 00:00:00"]
)
def test_published_dates_in_common_spellings(
    store: Store, project: Project, write_file: Callable[..., Path], published: str
) -> None:
    path = write_file(HEADER + f"demo-2025-gdp,2025-03,5.8,,,{published},\n")
    assert import_file(store, project, path).ok
    assert store.figures()[0].published == date(2025, 4, 20)


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


@pytest.mark.parametrize(("written", "stored"), [("1,500", 1500.0), ("12,345.6", 12345.6)])
def test_thousands_separators_in_their_place_are_read(
    store: Store, project: Project, write_file: Callable[..., Path], written: str, stored: float
) -> None:
    path = write_file(HEADER + f'demo-2025-investment,2025-06,"{written}",亿元,,2025-07-20,\n')
    assert import_file(store, project, path).ok
    assert store.figures()[0].value == stored


@pytest.mark.parametrize("written", ["1,5", "15,00", "1,50,000", "1,500,0"])
def test_a_comma_out_of_place_is_refused_not_dropped(
    store: Store, project: Project, write_file: Callable[..., Path], written: str
) -> None:
    path = write_file(HEADER + f'demo-2025-investment,2025-06,"{written}",亿元,,2025-07-20,\n')
    (problem,) = import_file(store, project, path).problems
    assert problem.field == "value" and "write decimals with '.' (1.5)" in problem.message
