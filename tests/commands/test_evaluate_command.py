"""``tracker evaluate``: JSON shape, replay with --as-of, entity filter, the table."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import time_machine
from click.testing import Result

from tracker.commands.common import PIPE_WIDTH, PipeConsole

Cli = Callable[..., Result]
KEYS = [
    "id",
    "status",
    "stale",
    "measure",
    "comparator",
    "target",
    "stretch",
    "unit",
    "latest",
    "expected",
    "projected",
    "progress",
    "gap",
    "required",
    "stretch_met",
    "deadline",
]


def evaluate_json(cli: Cli, *args: str) -> dict[str, object]:
    result = cli("evaluate", "--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def statuses(data: dict[str, object]) -> dict[str, str]:
    return {g["id"]: g["status"] for g in data["goals"]}  # type: ignore[attr-defined]


def test_json_has_as_of_and_every_goal_with_the_exact_keys(
    cli: Cli, project_dir: Path, figure_files: Path
) -> None:
    cli("figures", "import", str(figure_files / "utf8.csv"))
    data = evaluate_json(cli, "--as-of", "2025-08-01")
    assert data["as_of"] == "2025-08-01"
    assert all(list(goal) == KEYS for goal in data["goals"])  # type: ignore[attr-defined]
    assert statuses(data) == {
        "demo-2025-gdp": "at_risk",
        "demo-2025-investment": "on_track",
        "demo-2025-high-tech": "on_track",
        "town-2025-groundbreaking": "achieved",
    }


def test_as_of_replays_a_past_day(cli: Cli, project_dir: Path, figure_files: Path) -> None:
    cli("figures", "import", str(figure_files / "utf8.csv"))
    cli("figures", "import", str(figure_files / "figures.yaml"))  # Q3 published 2025-10-20
    assert statuses(evaluate_json(cli, "--as-of", "2025-10-19"))["demo-2025-gdp"] == "at_risk"
    assert statuses(evaluate_json(cli, "--as-of", "2025-10-20"))["demo-2025-gdp"] == "on_track"


def test_the_default_day_is_today_in_shanghai(cli: Cli, project_dir: Path) -> None:
    with time_machine.travel("2025-10-19T17:00:00+00:00", tick=False):
        assert evaluate_json(cli)["as_of"] == "2025-10-20"


def test_entity_selects_goals(cli: Cli, project_dir: Path) -> None:
    data = evaluate_json(cli, "--entity", "对照镇", "--as-of", "2025-08-01")
    assert list(statuses(data)) == ["town-2025-groundbreaking"]


def test_latest_is_in_the_goal_unit(cli: Cli, project_dir: Path, figure_files: Path) -> None:
    cli("figures", "import", str(figure_files / "utf8.csv"))
    goals = evaluate_json(cli, "--as-of", "2025-08-01")["goals"]
    investment = next(g for g in goals if g["id"] == "demo-2025-investment")  # type: ignore
    assert investment["latest"] == {"period": "2025-H1", "value": 120.0, "published": "2025-07-20"}


def test_the_table_groups_by_entity_and_shows_labels(
    cli: Cli, project_dir: Path, figure_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # not a terminal: wide, not cropped at 80
    cli("figures", "import", str(figure_files / "utf8.csv"))
    result = cli("evaluate", "--as-of", "2025-08-01")
    assert result.exit_code == 0
    for text in ("示范区", "对照镇", "1–3月增长5.8%", "≥6%", "🟡 有风险", "✅ 已完成"):
        assert text in result.stdout


def test_statuses_can_be_shown_in_english(cli: Cli, project_dir: Path, figure_files: Path) -> None:
    cli("figures", "import", str(figure_files / "utf8.csv"))
    result = cli("evaluate", "--as-of", "2025-08-01", "--language", "en")
    assert "🟡 at risk" in result.stdout and "1 achieved" in result.stdout


def test_an_entity_matching_no_goal_exits_1_like_report(cli: Cli, project_dir: Path) -> None:
    result = cli("evaluate", "--entity", "nomatch", "--json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "no goal's entity contains 'nomatch'; `tracker goals` lists them\n"


def test_output_not_to_a_terminal_is_wide_unless_columns_is_set() -> None:
    piped = PipeConsole(file=io.StringIO(), _environ={})
    told = PipeConsole(file=io.StringIO(), _environ={"COLUMNS": "100"})
    forced = PipeConsole(file=io.StringIO(), _environ={}, width=90)
    assert (piped.width, told.width, forced.width) == (PIPE_WIDTH, 100, 90)


def test_piped_evaluate_table_keeps_every_column_whole(
    cli: Cli, project_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    cli("figures", "add", "demo-2025-investment", "2025-06", "1200000", "--unit", "万元")
    lines = cli("evaluate", "--as-of", "2025-08-01").stdout.splitlines()
    header = next(line for line in lines if "indicator" in line)
    words = [w for w in header.split() if w.isalpha()]
    assert words == ["indicator", "latest", "target", "progress", "projection", "gap", "status"]


def test_large_json_is_one_record_a_line_and_the_same_document(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tracker.commands.common import PRETTY_RECORDS, print_json

    data = {
        "as_of": "2025-12-31",
        "goals": [{"id": f"g{i}", "gap": None} for i in range(PRETTY_RECORDS + 1)],
    }
    print_json(data)
    out = capsys.readouterr().out
    assert json.loads(out) == data and out.count("\n") == PRETTY_RECORDS + 6
