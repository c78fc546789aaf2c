"""``tracker figures import|add|list|fetch``: getting published numbers into the store."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from rich.table import Table

from tracker.commands.common import (
    DATE,
    config_option,
    console,
    fail,
    json_option,
    open_project,
    open_store,
    print_json,
)
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal
from tracker.domain.numbers import number
from tracker.domain.units import UnitError
from tracker.ingest.importer import add_figure, goal_index, import_file
from tracker.ingest.validate import unknown_goal_message
from tracker.present.humanize import amount


@click.group()
def figures() -> None:
    """Import, add, list and fetch published figures.

    A figure is one published number for one goal and period (2025, 2025-09,
    2025-Q3, 2025-H1, 2025年1-9月, 2025年上半年; cumulative from January). Files are CSV
    with the header goal,period,value[,unit,source,published,note] (or
    指标,期间,数值,单位,来源,发布日期,备注) in UTF-8, GB18030/GBK or Big5, or YAML/JSON
    lists of the same records. They are stored in var/tracker.db beside config/
    (`database:` in config/tracker.yaml or TRACKER_DATABASE to change it).

    Example:

    \b
        tracker figures import examples/figures-2025.csv && tracker figures list
    """


@figures.command("import")
@config_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import the good rows of a file that has bad ones (still listed).",
)
def import_(config_dir: Path, files: tuple[Path, ...], skip_invalid: bool) -> None:
    """Import CSV, YAML or JSON figure files, one transaction per file.

    A file with any bad row imports nothing; every bad row is printed as
    "PATH:LINE: field: message" and the exit status is 1. With --skip-invalid the good rows are
    imported and the bad ones still printed; the exit status is 0 when every file
    had something to import, 1 when a file could not be read or had no good row.
    Importing the same file again changes nothing; a different value for a goal and
    period is a revision (see `tracker figures list --history`).

    Example:

    \b
        tracker figures import figures/2025-q3.csv figures/extra.yaml
    """
    project = open_project(config_dir)
    store = open_store(project)
    failed = False
    for path in files:
        result = import_file(store, project, path, skip_invalid=skip_invalid)
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(result.describe(), err=not result.written)
        failed |= not result.written if skip_invalid else not result.ok
    sys.exit(1 if failed else 0)


@figures.command("add", context_settings={"ignore_unknown_options": True})
@config_option
@click.argument("goal")
@click.argument("period")
@click.argument("value")
@click.option("--unit", help="Unit of VALUE when not the goal's (万元 for a 亿元 goal).")
@click.option("--source", help="URL or title of the publication.")
@click.option(
    "--published",
    type=DATE,
    help="Date the number was released (2025-10-20, 2025/10/20 or 2025年10月20日). Evaluations "
    "as of an earlier day do not see it; without it the figure counts from today only.",
)
@click.option("--note", help="Free text.")
def add(
    config_dir: Path,
    goal: str,
    period: str,
    value: str,
    unit: str | None,
    source: str | None,
    published: date | None,
    note: str | None,
) -> None:
    """Record one figure: GOAL PERIOD VALUE (negative values need no escaping).

    PERIOD is 2025, 2025-09, 2025-Q3, 2025-H1 or 2025年1-9月, 2025年前三季度, 2025年上半年
    (cumulative from January). VALUE is a growth rate in % for growth goals (6.2 for
    +6.2%), the amount so far for totals, the level reached for levels, and done/not
    done (完成/未完成) for milestones; 1,500 is fifteen hundred, 1.5 one and a half.

    Give --published, the day the statistics office released the number: evaluations
    and digests as of a day count only figures published by then, so a figure without
    it counts from the day it was recorded (today), and replays of earlier days do not
    see it.

    Example:

    \b
        tracker figures add zhetdz-2025-industrial-value-added 2025-09 6.2 --published 2025-10-20
    """
    project = open_project(config_dir)
    store = open_store(project)
    result = add_figure(
        store,
        project,
        goal,
        period,
        value,
        unit=unit,
        source=source,
        published=published,
        note=note,
    )
    if not result.ok:
        fail(map(str, result.problems))
    summary = result.summary
    what = (
        "new"
        if summary.added
        else "revision"
        if summary.revised
        else "source/note updated"
        if summary.updated
        else "unchanged"
    )
    stored = result.figures[0]
    shown = f"{stored.goal} {stored.period.text} = {_stored_value(stored.value, stored.unit)}"
    if stored.published is None:
        today = project.settings.today().isoformat()
        what += f"; counts from today ({today}) — give --published DATE for the release day"
    click.echo(f"{shown}: {what}")


def _stored_value(value: float, unit: str | None) -> str:
    if unit is None:
        return "完成" if value >= 0.5 else "未完成"
    return f"{number(value, 6)}{unit}"


@figures.command("list")
@config_option
@click.argument("goal", required=False)
@json_option
@click.option("--history", is_flag=True, help="Also show superseded revisions.")
def list_(config_dir: Path, goal: str | None, as_json: bool, history: bool) -> None:
    """List the stored figures (the current revision of each), optionally of one GOAL.

    JSON: a list of {id, goal, period, value, unit, source, published, note,
    recorded_at, origin, current}; `current` is false for superseded revisions
    (the table's "revision" column with --history).

    Example:

    \b
        tracker figures list zhetdz-2025-fdi --history
    """
    project = open_project(config_dir)
    if goal is not None and project.goal(goal) is None:
        fail([unknown_goal_message(goal, goal_index(project))])
    store = open_store(project)
    records = store.figures([goal] if goal else None, history=history)
    if as_json:
        print_json([record.as_json() for record in records])
        return
    table = Table(title=f"{len(records)} figure(s)" + (" with history" if history else ""))
    columns = ["goal", "period", "value", "published", "source", "note"]
    if history:  # said in words, not only by styling: colour is gone in a pipe or a log
        columns.insert(3, "revision")
    for column in columns:  # ids are never cut mid-word: the text columns give way
        table.add_column(column, overflow="fold", no_wrap=column == "goal")
    for record in records:
        cells = [
            record.goal,
            f"{record.period.text} ({record.period.label('zh')})",
            _value_text(record, project.goal(record.goal)),
            record.published.isoformat() if record.published else "—",
            record.source or "",
            record.note or "",
        ]
        if history:
            cells.insert(3, "current" if record.current else "superseded")
        table.add_row(*cells, style=None if record.current else "dim strike")
    console.print(table)


def _value_text(record: FigureRecord, goal: Goal | None) -> str:
    """In the goal's unit, so one goal's rows compare; what was written follows if different."""
    if record.unit is None:
        return "完成" if record.value >= 0.5 else "未完成"
    written = amount(record.value, record.unit)
    if goal is None or goal.unit is None or goal.unit == record.unit:
        return written
    try:
        return f"{amount(record.value_in(goal.unit_info), goal.unit)} (= {written})"
    except UnitError:
        return written


@figures.command("fetch")
@config_option
def fetch(config_dir: Path) -> None:
    """Fetch the feeds listed under `feeds:` in config/tracker.yaml and import changes.

    Requests are conditional (ETag / Last-Modified), so unchanged feeds cost one small
    request. Exit status 1 when a feed failed or had bad rows (which are printed).

    Example:

    \b
        tracker figures fetch --config config
    """
    from tracker.ingest.feeds import fetch_feeds

    project = open_project(config_dir)
    if not project.settings.feeds:
        click.echo("no feeds configured (feeds: in config/tracker.yaml)")
        return
    store = open_store(project)
    results = fetch_feeds(project, store)
    for result in results:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(result.describe(), err=not result.ok)
    sys.exit(0 if all(result.ok for result in results) else 1)
