"""``tracker digest show|send`` and ``tracker status``."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, tzinfo
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
from tracker.commands.outcome import report_outcome
from tracker.config.project import Project
from tracker.config.settings import DigestConfig
from tracker.delivery.outcome import part_json
from tracker.delivery.sender import Deliverer
from tracker.digest.templates import TemplateProblem
from tracker.present.statuses import MARKS, STATUSES
from tracker.service.slots import DigestSchedule
from tracker.store.deliveries import Delivery
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
    digest's Markdown; with it, every part's body as the channel would post it. Needs no
    webhook secret: signatures are made when sending.

    Example:

    \b
        tracker digest show weekly --as-of 2025-10-20 --channel outbox
    """
    project = open_project(config_dir, delivery=True, secrets=False)
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
        parts = deliverer.render_parts(config, document, only=[channel])[channel]
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
@json_option
@config_option
def send(name: str, as_of: date | None, as_json: bool, config_dir: Path) -> None:
    """Render and deliver now to the digest's channels.

    The slot is the current time. Prints one line per part; exits 0 when every part was
    delivered, 75 when some are still pending (retried by `tracker run` or `tracker retry`),
    1 when some failed, expired or are uncertain.

    Example:

    \b
        tracker digest send weekly --json
    """
    project = open_project(config_dir, delivery=True)
    config = _digest_config(project, name)
    now = project.settings.now().replace(microsecond=0)  # slots are whole seconds
    with open_store(project) as store:
        try:
            outcome = Deliverer(project, store).deliver_slot(config, now, as_of or now.date())
        except TemplateProblem as exc:
            fail([str(exc)])
    report_outcome(outcome, project.settings.zone, as_json=as_json)


@click.command()
@config_option
@click.option("--slots", default=5, show_default=True, help="Recent slots shown per digest.")
@json_option
def status(config_dir: Path, slots: int, as_json: bool) -> None:
    """Recent deliveries and alerts per digest and channel, and each digest's next time.

    Shows every part: sent, pending (with its next attempt), failed (with the service's
    reason), uncertain (it may have arrived: check, then `tracker retry --uncertain`) and
    expired, with the day each slot reported on. Needs no webhook secret.

    Example:

    \b
        tracker status --json
    """
    project = open_project(config_dir, delivery=True, secrets=False)
    zone = project.settings.zone
    now = project.settings.now()
    with open_store(project) as store:
        ledger = Ledger(store)
        recent = ledger.recent(slots)
        shown = {
            d.name: _shown_counts(ledger.last_snapshot(d.name)) for d in project.settings.digests
        }
    digests = [_digest_status(config, recent, zone, now) for config in project.settings.digests]
    for item in digests:
        item["shown"] = shown[item["digest"]]
    if as_json:
        print_json({"now": now.isoformat(timespec="seconds"), "digests": digests})
        return
    for item in digests:
        console.print(
            f"[bold]{item['digest']}[/] · {item['schedule'] or 'manual only'} · "
            f"next: {item['next'] or '—'}"
        )
        if not item["deliveries"] and not item["alerts"]:
            console.print("  no deliveries yet\n")
            continue
        if item["shown"]:
            counts = " · ".join(f"{MARKS[s]} {s} {n}" for s, n in item["shown"].items())
            console.print(f"  last digest showed: {counts}")
        if item["deliveries"]:
            console.print(_table(item["deliveries"]))
        for alert in item["alerts"]:
            console.print(f"  alert {alert['alert']} · as of {alert['as_of']}")
            console.print(_table(alert["parts"]))
        console.print()


def _shown_counts(snapshot: dict[str, Any] | None) -> dict[str, int]:
    """How many goals the last delivered digest showed in each status (awaiting_final too)."""
    found = Counter(str(g.get("status")) for g in (snapshot or {}).values())
    return {s.value: found[s.value] for s in STATUSES if found[s.value]}


def _digest_status(
    config: DigestConfig, recent: list[Delivery], zone: tzinfo, now: datetime
) -> dict[str, Any]:
    schedule = DigestSchedule.for_digest(config, zone)
    upcoming = schedule.next_due(now) if schedule else None
    mine = [d for d in recent if d.digest_name == config.name]
    alerts: dict[str, list[dict[str, Any]]] = {}
    for delivery in mine:
        if delivery.is_alert:
            alerts.setdefault(delivery.digest, []).append(part_json(delivery, zone))
    return {
        "digest": config.name,
        "schedule": schedule.describe() if schedule else None,
        "next": upcoming.due.isoformat() if upcoming else None,
        "deliveries": [part_json(d, zone) for d in mine if not d.is_alert],
        "alerts": [
            {"alert": key, "slot": rows[0]["slot"], "as_of": rows[0]["as_of"], "parts": rows}
            for key, rows in alerts.items()
        ],
    }


_COLOURS = {
    "sent": "green",
    "pending": "yellow",
    "sending": "yellow",
    "failed": "red",
    "uncertain": "magenta",
    "expired": "red",
}


def _table(rows: list[dict[str, Any]]) -> Table:
    table = Table(show_header=True, box=None, padding=(0, 2))
    for column in ("slot", "as of", "channel", "part", "status", "runs", "reason"):
        table.add_column(column)
    for row in rows:
        reason = row["error"] or ""
        if row["next_attempt"]:
            reason = f"{reason} · next attempt {row['next_attempt']}".lstrip(" ·")
        table.add_row(
            row["slot"],
            row["as_of"] or "",
            row["channel"],
            f"{row['part']}/{row['parts']}",
            f"[{_COLOURS.get(row['status'], 'white')}]{row['status']}[/]",
            str(row["attempts"]),
            reason,
        )
    return table
