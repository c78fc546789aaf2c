"""YAML and JSON figure files: a list of records or {figures: [...]}, lines kept for errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from tracker.config.project import Project
from tracker.ingest.importer import import_file
from tracker.store.database import Store


def test_a_yaml_list_of_records_imports(store: Store, project: Project, figure_files: Path) -> None:
    result = import_file(store, project, figure_files / "figures.yaml")
    assert (result.ok, result.summary.added) == (True, 3)
    gdp = store.figures(["demo-2025-gdp"])[0]
    assert (gdp.period.text, gdp.value, gdp.published) == ("2025-Q3", 6.1, date(2025, 10, 20))


def test_a_yaml_mapping_with_figures_imports(
    store: Store, project: Project, figure_files: Path
) -> None:
    assert import_file(store, project, figure_files / "figures-mapping.yaml").summary.added == 1


def test_a_yaml_boolean_is_a_milestone_done(
    store: Store, project: Project, figure_files: Path
) -> None:
    import_file(store, project, figure_files / "figures.yaml")
    assert store.figures(["town-2025-groundbreaking"])[0].value == 1.0


def test_a_json_file_imports(store: Store, project: Project, figure_files: Path) -> None:
    result = import_file(store, project, figure_files / "figures.json")
    assert (result.ok, result.summary.added) == (True, 2)


def test_a_bad_yaml_record_points_at_the_line_of_its_field(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file(
        """
        - goal: demo-2025-gdp
          period: 2025-03
          value: 5.8
        - goal: demo-2025-gdp
          period: 2025-06
          value: lots
        """,
        name="figures.yaml",
    )
    problem = import_file(store, project, path).problems[0]
    assert (problem.line, problem.field) == (6, "value") and store.count_figures() == 0


def test_an_unknown_yaml_key_is_reported(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file(
        "- {goal: demo-2025-gdp, period: 2025-03, value: 5.8, sorce: x}\n", name="f.yaml"
    )
    problem = import_file(store, project, path).problems[0]
    assert problem.message == "unknown field 'sorce'; did you mean 'source'?"


def test_a_float_period_in_yaml_is_refused(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file("- {goal: demo-2025-gdp, period: 2025.10, value: 5.8}\n", name="f.yaml")
    assert import_file(store, project, path).problems[0].field == "period"


def test_malformed_yaml_is_reported_with_its_line(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    path = write_file("- goal: demo-2025-gdp\n  period: [2025\n", name="f.yaml")
    problem = import_file(store, project, path).problems[0]
    assert problem.message.startswith("malformed YAML") and problem.line is not None


def test_a_gb18030_yaml_file_is_decoded(
    store: Store, project: Project, write_file: Callable[..., Path]
) -> None:
    text = "- {goal: demo-2025-gdp, period: 2025-03, value: 5.8, note: 一季度}\n"
    path = write_file(text, name="f.yaml", encoding="gb18030")
    assert import_file(store, project, path).ok
    assert store.figures()[0].note == "一季度"
