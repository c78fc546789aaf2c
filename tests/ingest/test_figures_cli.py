"""``tracker figures import|add|list``: exit codes, messages and JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Cli = Callable[..., Result]


def test_import_reports_what_changed(cli: Cli, project_dir: Path, figure_files: Path) -> None:
    result = cli("figures", "import", str(figure_files / "utf8.csv"))
    assert result.exit_code == 0
    assert "4 row(s): 4 new, 0 revised, 0 unchanged" in result.stdout


def test_import_of_a_bad_file_exits_1_with_path_line_messages(
    cli: Cli, project_dir: Path, figure_files: Path
) -> None:
    result = cli("figures", "import", str(figure_files / "bad.csv"))
    assert result.exit_code == 1
    assert [line.split(": ")[0][-2:] for line in result.stderr.splitlines()[:3]] == [
        ":3",
        ":4",
        ":5",
    ]
    assert "nothing imported" in result.stderr


def test_import_skip_invalid_exits_0_and_still_lists_bad_rows(
    cli: Cli, project_dir: Path, figure_files: Path
) -> None:
    result = cli("figures", "import", "--skip-invalid", str(figure_files / "bad.csv"))
    assert result.exit_code == 0
    assert "unknown goal 'demo-2025-gpd'" in result.stderr
    assert "3 invalid row(s) skipped" in result.stdout


def test_import_of_a_missing_file_exits_1(cli: Cli, project_dir: Path) -> None:
    result = cli("figures", "import", "--skip-invalid", "nope.csv")
    assert result.exit_code == 1 and "nope.csv: cannot read" in result.stderr


def test_add_records_a_figure_then_a_revision(cli: Cli, project_dir: Path) -> None:
    first = cli("figures", "add", "demo-2025-gdp", "2025-03", "5.8", "--published", "2025-04-20")
    second = cli("figures", "add", "demo-2025-gdp", "2025-03", "5.9", "--published", "2025-04-20")
    same = cli("figures", "add", "demo-2025-gdp", "2025-03", "5.9", "--published", "2025-04-20")
    assert [r.stdout.split(": ")[-1].strip() for r in (first, second, same)] == [
        "new",
        "revision",
        "unchanged",
    ]


def test_add_accepts_a_negative_value(cli: Cli, project_dir: Path) -> None:
    result = cli("figures", "add", "demo-2025-gdp", "2025-03", "-1.5")
    assert result.exit_code == 0, result.output
    listed = json.loads(cli("figures", "list", "--json").stdout)
    assert listed[0]["value"] == -1.5


def test_add_converts_another_magnitude(cli: Cli, project_dir: Path) -> None:
    cli("figures", "add", "demo-2025-investment", "2025-06", "1200000", "--unit", "万元")
    listed = json.loads(cli("figures", "list", "--json").stdout)
    assert (listed[0]["value"], listed[0]["unit"]) == (1200000, "万元")


def test_add_an_unknown_goal_suggests_ids(cli: Cli, project_dir: Path) -> None:
    result = cli("figures", "add", "demo-2025-gpd", "2025-03", "5.8")
    assert result.exit_code == 1
    assert "did you mean 'demo-2025-gdp'?" in result.stderr


def test_add_an_incompatible_unit_exits_1(cli: Cli, project_dir: Path) -> None:
    result = cli("figures", "add", "demo-2025-investment", "2025-06", "5", "--unit", "个")
    assert result.exit_code == 1 and "unit: 个 cannot be converted" in result.stderr


def test_list_json_has_a_fixed_shape(cli: Cli, project_dir: Path, figure_files: Path) -> None:
    cli("figures", "import", str(figure_files / "utf8.csv"))
    listed = json.loads(cli("figures", "list", "demo-2025-gdp", "--json").stdout)
    assert set(listed[0]) == {
        "id",
        "goal",
        "period",
        "value",
        "unit",
        "source",
        "published",
        "note",
        "recorded_at",
        "origin",
        "current",
    }
    assert (listed[0]["period"], listed[0]["published"]) == ("2025-03", "2025-04-20")


def test_list_history_shows_superseded_revisions(cli: Cli, project_dir: Path) -> None:
    cli("figures", "add", "demo-2025-gdp", "2025-03", "5.8", "--published", "2025-04-20")
    cli("figures", "add", "demo-2025-gdp", "2025-03", "5.9", "--published", "2025-05-20")
    plain = json.loads(cli("figures", "list", "--json").stdout)
    history = json.loads(cli("figures", "list", "--json", "--history").stdout)
    assert [f["value"] for f in plain] == [5.9]
    assert [(f["value"], f["current"]) for f in history] == [(5.9, True), (5.8, False)]


def test_list_table_shows_period_labels(cli: Cli, project_dir: Path, figure_files: Path) -> None:
    cli("figures", "import", str(figure_files / "utf8.csv"))
    result = cli("figures", "list")
    assert result.exit_code == 0 and "上半年" in result.stdout and "完成" in result.stdout


def test_list_an_unknown_goal_exits_1(cli: Cli, project_dir: Path) -> None:
    result = cli("figures", "list", "demo-2025-gpd")
    assert result.exit_code == 1 and "did you mean" in result.stderr


def test_list_history_says_which_revision_is_superseded_in_words(
    cli: Cli, project_dir: Path
) -> None:
    cli("figures", "add", "demo-2025-gdp", "2025-03", "5.8", "--published", "2025-04-20")
    cli("figures", "add", "demo-2025-gdp", "2025-03", "5.9", "--published", "2025-05-20")
    listed = cli("figures", "list", "--history").stdout  # no colour here: words must say it
    rows = [line for line in listed.splitlines() if "%" in line]
    assert "revision" in listed
    assert [("5.9%" in r, "current" in r, "superseded" in r) for r in rows] == [
        (True, True, False),
        (False, False, True),
    ]


def test_add_an_unknown_goal_says_what_import_says(
    cli: Cli, project_dir: Path, write_file: Callable[..., Path]
) -> None:
    added = cli("figures", "add", "GDP", "2025-03", "5.8")
    imported = cli("figures", "import", str(write_file("goal,period,value\nGDP,2025-03,5.8\n")))
    message = "goal: unknown goal 'GDP'; did you mean 'demo-2025-gdp'?"
    assert added.exit_code == imported.exit_code == 1
    assert added.stderr == f"figures add: {message}\n" and f":2: {message}" in imported.stderr


def test_add_a_value_that_overflows_its_unit_exits_1_with_one_line(
    cli: Cli, project_dir: Path
) -> None:
    result = cli("figures", "add", "demo-2025-high-tech", "2025-06", "1e308", "--unit", "万家")
    assert result.exit_code == 1
    assert result.stderr == "figures add: value: 1e+308万家 is out of range: beyond ±10^15 家\n"
    assert json.loads(cli("figures", "list", "--json").stdout) == []


def test_a_figure_for_a_period_not_over_yet_is_refused(cli: Cli, project_dir: Path) -> None:
    import time_machine

    with time_machine.travel("2025-10-15 12:00 +08:00"):
        result = cli("figures", "add", "demo-2025-gdp", "2025-10", "6.1")
    assert result.exit_code == 1
    assert "period: 2025-10 has not ended yet (it ends 2025-10-31)" in result.stderr


def test_list_shows_values_in_the_goals_unit_and_as_written(cli: Cli, project_dir: Path) -> None:
    cli(
        "figures",
        "add",
        "demo-2025-investment",
        "2025-06",
        "1200000",
        "--unit",
        "万元",
        "--published",
        "2025-07-20",
    )
    result = cli("figures", "list", "demo-2025-investment")
    assert "120亿元 (= 1200000万元)" in result.stdout


def test_add_echoes_the_value_as_stored(cli: Cli, project_dir: Path) -> None:
    result = cli(
        "figures", "add", "demo-2025-high-tech", "2025-06", "1,5", "--published", "2025-07-20"
    )
    assert result.exit_code == 1 and "(1,500)" in result.stderr
    result = cli(
        "figures",
        "add",
        "demo-2025-high-tech",
        "2025年上半年",
        "1,500",
        "--published",
        "2025年7月20日",
    )
    assert result.stdout == "demo-2025-high-tech 2025-H1 = 1500家: new\n"


def test_add_without_published_says_it_counts_from_today(cli: Cli, project_dir: Path) -> None:
    result = cli("figures", "add", "demo-2025-gdp", "2025-03", "5.8")
    assert result.exit_code == 0
    assert "counts from today (" in result.stdout and "--published" in result.stdout


def test_add_help_explains_published(cli: Cli) -> None:
    text = " ".join(cli("figures", "add", "--help").stdout.split())
    assert "counts from the day it was recorded (today)" in text and "2025年10月20日" in text
