"""``tracker evaluate``: every goal's verdict as of a day, as a table or JSON."""

from __future__ import annotations

from datetime import date
from itertools import groupby
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from tracker.commands.common import (
    DATE,
    config_option,
    console,
    fail,
    json_option,
    language_option,
    open_project,
    open_store,
    print_json,
)
from tracker.domain.goals import Measure
from tracker.domain.periods import Language
from tracker.evaluate import Progress, summarize
from tracker.pipeline import evaluate_goals
from tracker.present.humanize import chinese_amount, estimate, points, rate, target_text
from tracker.present.statuses import MARKS, TERMINAL_STYLES
from tracker.present.statuses import label as status_label


@click.command()
@config_option
@click.option(
    "--as-of",
    "as_of",
    type=DATE,
    help="Judge as of this day (default: today in the configured time zone).",
)
@click.option("--entity", help="Only goals whose entity contains TEXT.")
@language_option(
    "Words for the statuses, as digests in that language say them (JSON keeps the codes)."
)
@json_option
def evaluate(
    config_dir: Path, as_of: date | None, entity: str | None, language: Language, as_json: bool
) -> None:
    """Judge every goal against the figures published by a day.

    Statuses (as digests say them): 已完成 achieved, 进度正常 on track, 有风险 at risk,
    滞后 off track, 未完成 missed, 暂无数据 no data, plus a stale flag when the newest
    figure is old; --json gives the codes (on_track, …). Only figures published on or
    before --as-of (2025-10-31, 2025/10/31 or 2025年10月31日) count, so any past day can be
    replayed. Rules: docs/evaluation.md. Exit status 1 when --entity matches no goal.

    Example:

    \b
        tracker evaluate --as-of 2025-10-31 --entity 香洲 --json
    """
    project = open_project(config_dir)
    day = as_of or project.settings.today()
    goals = project.select(entity)
    if entity is not None and not goals:
        fail([f"no goal's entity contains {entity!r}; `tracker goals` lists them"])
    store = open_store(project)
    results = evaluate_goals(project, store, goals, day)
    if as_json:
        print_json({"as_of": day.isoformat(), "goals": [p.as_json() for p in results]})
        return
    render(results, day, language)


NARROW = 110  # columns below which the table leaves out projection and gap


def render(results: list[Progress], as_of: date, language: Language = "zh") -> None:
    """Rich tables, one per entity, and a one-line summary, statuses in ``language``."""
    counts = {k: v for k, v in summarize(results).items() if v}
    summary = ", ".join(f"{v} {status_label(k, language)}" for k, v in counts.items()) or "no goals"
    console.print(f"[bold]As of {as_of.isoformat()}[/bold]: {len(results)} goal(s): {summary}")
    # Entities in config order, as digests and the report list them.
    order = {
        entity: index for index, entity in enumerate(dict.fromkeys(p.goal.entity for p in results))
    }
    for entity, group in groupby(
        sorted(results, key=lambda p: order[p.goal.entity]), key=lambda p: p.goal.entity
    ):
        # A narrow terminal drops projection and gap rather than cutting the status off.
        wide = console.width >= NARROW
        columns = [
            "latest",
            "target",
            "progress",
            *(["projection", "gap"] if wide else []),
            "status",
        ]
        table = Table(title=entity, title_justify="left", expand=False)
        table.add_column("indicator", overflow="fold", min_width=6, ratio=1)
        for column in columns:
            table.add_column(column, no_wrap=True)
        for item in group:
            cells: dict[str, str | Text] = {
                "latest": latest_text(item),
                "target": target_text(item.goal),
                "progress": "—" if item.fraction is None else f"{item.fraction:.0%}",
                "projection": projection_text(item),
                "gap": gap_text(item),
                "status": status_text(item, language),
            }
            table.add_row(item.goal.indicator, *(cells[c] for c in columns))
        console.print(table)


def latest_text(item: Progress, language: str = "zh") -> str:
    """``1–9月增长6.2%``, ``上半年 120亿元``, ``3月 完成``; ``—`` without a figure."""
    latest = item.latest
    if latest is None:
        return "—"
    goal = item.goal
    lang: Language = "en" if language == "en" else "zh"
    label = latest.period.label(lang, with_year=goal.goal_months > 12)
    if goal.measure is Measure.milestone:
        done = latest.value >= 0.5
        word = ("完成" if done else "未完成") if lang == "zh" else ("done" if done else "not done")
        return f"{label} {word}"
    if goal.measure is Measure.growth:
        return (
            f"{label}{rate(latest.value, lang)}"
            if lang == "zh"
            else f"{label} {rate(latest.value, lang)}"
        )
    return f"{label} {chinese_amount(latest.value, goal.unit)}"


def projection_text(item: Progress) -> str:
    """Totals and levels: where the pace so far leads by the deadline."""
    goal = item.goal
    if item.projected is None or item.final or goal.measure in (Measure.growth, Measure.milestone):
        return ""
    return f"→ {estimate(item.projected, goal.unit)}"


def gap_text(item: Progress) -> str:
    """Value minus what the rule compares it with: points for growth, the unit otherwise."""
    goal = item.goal
    if item.gap is None or goal.measure is Measure.milestone:
        return ""
    if goal.measure is Measure.growth:
        return points(item.gap)
    sign = "+" if item.gap > 0 else "-" if item.gap < 0 else ""
    return sign + estimate(abs(item.gap), goal.unit)


def status_text(item: Progress, language: Language = "zh") -> Text:
    """The status as digests in ``language`` say it, with its mark: ``🟢 进度正常``."""
    words = f"{MARKS[item.status]} {status_label(item.status, language)}"
    text = Text(words, style=TERMINAL_STYLES[item.status])
    if item.stale:
        text.append(" ⏳数据陈旧" if language == "zh" else " (stale)", style="dim yellow")
    return text
