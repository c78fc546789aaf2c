"""``tracker report``: write the static HTML progress report."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import click

from tracker.commands.common import (
    DATE,
    config_option,
    fail,
    language_option,
    open_project,
    open_store,
)


@click.command()
@config_option
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write index.html and the entity pages into (created if missing).",
)
@click.option(
    "--as-of",
    "as_of",
    type=DATE,
    help="Report as of this day: only figures published by then (default: today).",
)
@click.option("--entity", help="Only goals whose entity contains TEXT.")
@language_option("Language of the pages.")
@click.option("--title", help="Page title (default: 目标进度报告 / Target progress report).")
def report(
    config_dir: Path,
    out: Path,
    as_of: date | None,
    entity: str | None,
    language: Literal["zh", "en"],
    title: str | None,
) -> None:
    """Write a static HTML report with a chart per goal.

    OUT/index.html lists every entity with its status counts and every goal, worst
    first; OUT/<entity>.html (named after the entity in pinyin, e.g. xiang-zhou-qu-6d493e.html, so
    links to it stay valid) shows each goal of one entity with its chart (figures
    against the pace and target lines), numbers and the quoted source. The pages are
    self-contained (inline CSS and SVG, no network, no JavaScript needed): open them
    offline, print them or mail them as files. --as-of replays any past day.

    Example:

    \b
        tracker report --out site --as-of 2025-10-31 --entity 香洲
    """
    from tracker.report import build_report, render_report, write_report

    project = open_project(config_dir)
    day = as_of or project.settings.today()
    goals = project.select(entity)
    if not goals:
        if entity is None:
            fail([f"no goals in {config_dir}/goals; nothing to report"])
        fail([f"no goal's entity contains {entity!r}; `tracker goals` lists them"])
    store = open_store(project)
    try:
        figures = store.figures_as_of(day, [goal.id for goal in goals])
    finally:
        store.close()
    built = build_report(
        goals,
        figures,
        day,
        settings=project.settings.evaluation,
        language=language,
        title=title,
    )
    try:
        write_report(render_report(built), out)
    except OSError as exc:
        fail([f"cannot write the report to {out}: {exc.strerror or exc}"])
    entities = len(built.entities)
    click.echo(
        f"wrote {out / 'index.html'} and {entities} entity page(s): "
        f"{len(built.goals)} goal(s) as of {day.isoformat()}"
    )
