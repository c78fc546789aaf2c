"""``tracker check``, ``tracker goals`` and ``tracker schema``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tracker.commands.common import (
    config_option,
    console,
    fail,
    json_option,
    open_project,
    print_json,
)
from tracker.config.project import load_project
from tracker.config.schema import goals_file_schema
from tracker.domain.goals import Goal
from tracker.errors import InputError, display_path
from tracker.present.humanize import target_text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@click.command()
@config_option
def check(config_dir: Path) -> None:
    """Validate all config: goal files (quotes included) and tracker.yaml.

    Prints one line per problem as PATH:LINE: field: message and exits 1, or a
    one-line summary and exits 0.

    Example:

    \b
        tracker check --config config
    """
    try:
        project = load_project(config_dir, verify_quotes=True)
    except InputError as exc:
        fail([*map(str, exc.problems), f"{len(exc.problems)} problem(s) found"])
    for warning in project.warnings:
        click.echo(str(warning), err=True)
    files = {path for path, _ in project.goal_lines.values()}
    settings = project.settings
    click.echo(
        f"ok: {_count(len(project.goals), 'goal')} in {_count(len(files), 'file')}, "
        f"{_count(len(settings.digests), 'digest')}, {_count(len(settings.channels), 'channel')}; "
        f"every quote found in its source "
        f"({display_path(project.config_dir)})"
    )


@click.command()
@config_option
@click.option("--entity", help="Only goals whose entity contains TEXT.")
@click.option("--year", type=int, help="Only goals for year N.")
@json_option
def goals(config_dir: Path, entity: str | None, year: int | None, as_json: bool) -> None:
    """List goals as a table, or as JSON with --json.

    Example:

    \b
        tracker goals --entity 香洲 --year 2025 --json
    """
    project = open_project(config_dir)
    selected = project.select(entity, year)
    if not selected and (entity is not None or year is not None):
        wanted = " and ".join(
            f"{what} {value!r}" for what, value in (("entity", entity), ("year", year)) if value
        )
        fail([f"no goal matches {wanted}; `tracker goals` lists them all"])
    if as_json:
        print_json([g.as_json() for g in selected])
        return
    longest = max((len(goal.id) for goal in selected), default=0)
    if console.width < longest + _TABLE_MIN:  # too narrow for a table: one block per goal
        _print_blocks(selected)
        return

    from rich.table import Table  # only the table needs it: `check` and --json start faster

    table = Table(title=f"{len(selected)} goals", title_justify="left")
    table.add_column("id", no_wrap=True, style="dim")  # never cut mid-word: others give way
    table.add_column("entity", overflow="fold")
    table.add_column("indicator", overflow="fold")
    table.add_column("measure", no_wrap=True)
    table.add_column("target", no_wrap=True)
    table.add_column("by", no_wrap=True)
    for goal in selected:
        table.add_row(
            goal.id,
            goal.entity,
            goal.indicator,
            goal.measure.value,
            target_text(goal),
            goal.deadline.isoformat(),
        )
    console.print(table)


_TABLE_MIN = 56  # columns the table needs beside the ids


def _print_blocks(selected: list[Goal]) -> None:
    console.print(f"{len(selected)} goals")
    for goal in selected:
        console.print(goal.id, style="dim", overflow="ignore", crop=False, soft_wrap=True)
        console.print(
            f"  {goal.entity} · {goal.indicator} · {goal.measure.value} {target_text(goal)} "
            f"· by {goal.deadline.isoformat()}"
        )


@click.command()
def schema() -> None:
    """Print the JSON Schema of a goals file, for editors' YAML language server.

    Example:

    \b
        tracker schema > config/goals.schema.json
    """
    click.echo(json.dumps(goals_file_schema(), ensure_ascii=False, indent=2))
