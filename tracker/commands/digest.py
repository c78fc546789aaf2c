"""``tracker digest show|send`` and ``tracker status``."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

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
from tracker.config.project import Project
from tracker.config.settings import DigestConfig
from tracker.delivery.sender import Deliverer
from tracker.digest.templates import TemplateProblem
from tracker.service.slots import DigestSchedule
from tracker.store.ledger import Ledger


def _digest_config(project: Project, name: str) -> DigestConfig:
    config = project.settings.digest(name)
    if config is None:
        known = ", ".join(d.name for d in project.settings.digests) or "none configured"
        fail([f"unknown digest {name!r} (known: {known})"])
    return config


def _today(project: Project) -> date:
    return project.settings.today()


@click.group()
def digest() -> None:
    """Preview or send a digest defined in config/tracker.yaml.

    Example:

    \b
        tracker digest show && tracker digest show daily --channel outbox
    """


@digest.command()
@click.argument("name", required=False)
@click.option("--as-of", type=DATE, help="Evaluate as of this day (default: today).")
@click.option(
    "--channel",
    help="Show the exact body this channel would post: JSON for chat services and webhooks, "
    "Markdown for file and stdout channels.",
)
@config_option
def show(name: str | None, as_of: date | None, channel: str | None, config_dir: Path) -> None:
    """Print exactly what would be sent; sends nothing and records nothing.

    Without NAME lists the digests of config/tracker.yaml. Without --channel prints the
    digest's Markdown; with it, every part's body as the channel would post it.

    Example:

    \b
        tracker digest show weekly --as-of 2025-10-20 --channel outbox
    """
    project = open_project(config_dir, delivery=True)
    if name is None:
        _list_digests(project)
        return
    config = _digest_config(project, name)
    if channel is not None and channel not in project.settings.channels:
        fail([f"unknown channel {channel!r} (known: {', '.join(project.settings.channels)})"])
    with open_store(project) as store:
        deliverer = Deliverer(project, store)
        as_of = as_of or _today(project)
        previous = deliverer.ledger.last_snapshot(name, as_of=as_of)
        try:
            document, _ = deliverer.compose(config, as_of, previous=previous)
        except TemplateProblem as exc:
            fail([str(exc)])
        if channel is None:
            click.echo(document.markdown())
            return
        parts = deliverer.render_parts(config, document, only=channel)[channel]
    writes_markdown = project.settings.channels[channel].type in ("file", "stdout")
    for part in parts:
        if len(parts) > 1:
            click.echo(f"--- part {part.number}/{part.total} ({part.kind})", err=True)
        click.echo(_shown(part.payload, writes_markdown))


def _list_digests(project: Project) -> None:
    digests = project.settings.digests
    if not digests:
        click.echo("no digests configured (digests: in config/tracker.yaml)")
    for config in digests:
        schedule = (
            config.schedule if isinstance(config.schedule, str | None) else config.schedule.every
        )
        channels = ", ".join(config.channels)
        click.echo(f"{config.name}: {schedule or 'on demand'} → {channels} ({config.language})")


def _shown(payload: dict[str, Any], writes_markdown: bool) -> str:
    """A part as the service gets it; images summarised instead of pages of base64."""
    if writes_markdown and isinstance(payload.get("markdown"), str):
        return str(payload["markdown"]).rstrip("\n")
    return json.dumps(_without_image_data(payload), ensure_ascii=False, indent=2)


def _without_image_data(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: f"<{len(v) * 3 // 4 // 1024} KB of image data>"
            if k == "base64" and isinstance(v, str)
            else _without_image_data(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_without_image_data(v) for v in value]
    return value


@digest.command()
@click.argument("name")
@click.option("--as-of", type=DATE, help="Evaluate as of this day (default: today).")
@config_option
def send(name: str, as_of: date | None, config_dir: Path) -> None:
    """Render and deliver now to the digest's channels.

    The slot is the current time. Exits 0 when every part was delivered, 1 otherwise
    with one line per failure; parts that failed for a passing reason stay pending and
    are retried by `tracker run`.

    Example:

    \b
        tracker digest send weekly
    """
    project = open_project(config_dir, delivery=True)
    config = _digest_config(project, name)
    now = project.settings.now().replace(microsecond=0)  # slots are whole seconds
    with open_store(project) as store:
        try:
            outcome = Deliverer(project, store).deliver_slot(config, now, as_of or now.date())
        except TemplateProblem as exc:
            fail([str(exc)])
    for delivery in outcome.sent:
        click.echo(f"sent: {delivery.channel} part {delivery.part}/{delivery.parts}")
    problems = [
        f"pending: {d.channel} part {d.part}/{d.parts}: {why}" for d, why in outcome.pending
    ]
    problems += [f"failed: {d.channel} part {d.part}/{d.parts}: {why}" for d, why in outcome.failed]
    if problems:
        fail(problems)


@click.command()
@config_option
@click.option("--slots", default=5, show_default=True, help="Recent slots shown per digest.")
@json_option
def status(config_dir: Path, slots: int, as_json: bool) -> None:
    """Recent deliveries per digest and channel, and each digest's next scheduled time.

    Shows sent, pending and failed parts (with the service's reason).

    Example:

    \b
        tracker status --json
    """
    project = open_project(config_dir, delivery=True)
    now = project.settings.now()
    with open_store(project) as store:
        recent = Ledger(store).recent(slots)
    digests: list[dict[str, Any]] = []
    for config in project.settings.digests:
        schedule = DigestSchedule.for_digest(config, project.settings.zone)
        upcoming = schedule.next_due(now) if schedule else None
        rows = [d for d in recent if d.digest == config.name]
        digests.append(
            {
                "digest": config.name,
                "schedule": schedule.describe() if schedule else None,
                "next": upcoming.due.isoformat() if upcoming else None,
                "deliveries": [
                    {
                        "slot": d.slot,
                        "channel": d.channel,
                        "part": d.part,
                        "parts": d.parts,
                        "status": d.status,
                        "attempts": d.attempts,
                        "error": d.last_error,
                        "sent_at": d.sent_at,
                    }
                    for d in rows
                ],
            }
        )
    if as_json:
        print_json({"now": now.isoformat(), "digests": digests})
        return
    for item in digests:
        console.print(
            f"[bold]{item['digest']}[/] · {item['schedule'] or 'manual only'} · "
            f"next: {item['next'] or '—'}"
        )
        if not item["deliveries"]:
            console.print("  no deliveries yet\n")
            continue
        table = Table(show_header=True, box=None, padding=(0, 2))
        for column in ("slot", "channel", "part", "status", "runs", "reason"):
            table.add_column(column)
        colours = {"sent": "green", "pending": "yellow", "sending": "yellow", "failed": "red"}
        for row in item["deliveries"]:
            local = datetime.fromisoformat(row["slot"]).astimezone(project.settings.zone)
            table.add_row(
                local.strftime("%Y-%m-%d %H:%M:%S"),
                row["channel"],
                f"{row['part']}/{row['parts']}",
                f"[{colours.get(row['status'], 'white')}]{row['status']}[/]",
                str(row["attempts"]),
                row["error"] or "",
            )
        console.print(table)
        console.print()
