"""``tracker retry``: send open parts now; re-queue failed, uncertain or expired ones first."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.commands.common import config_option, fail, json_option, open_project, open_store
from tracker.commands.outcome import report_outcome
from tracker.delivery.sender import Deliverer
from tracker.store.deliveries import DeliveryStatus


@click.command()
@click.option("--digest", "digest_name", metavar="NAME", help="Only this digest (and its alerts).")
@click.option("--channel", metavar="NAME", help="Only parts for this channel.")
@click.option(
    "--failed", is_flag=True, help="Re-queue parts that failed permanently (the config is fixed)."
)
@click.option(
    "--uncertain",
    is_flag=True,
    help="Re-send parts whose earlier attempt may have arrived (you checked that it did not).",
)
@click.option("--expired", is_flag=True, help="Re-queue parts older than their max_delay.")
@json_option
@config_option
def retry(
    digest_name: str | None,
    channel: str | None,
    failed: bool,
    uncertain: bool,
    expired: bool,
    as_json: bool,
    config_dir: Path,
) -> None:
    """Send every open part now, without waiting for its next attempt time.

    Pending parts go at once (a service's own "wait until", such as Retry-After, is still
    honoured). --failed, --uncertain and --expired first put those parts back in the queue:
    after fixing a webhook key, `tracker retry --failed` delivers what it refused. Exits 0
    when everything went, 75 when something is still pending, 1 when something failed,
    expired or is uncertain.

    Example:

    \b
        tracker retry --failed --channel team-dingtalk
    """
    project = open_project(config_dir, delivery=True)
    settings = project.settings
    if digest_name is not None and settings.digest(digest_name) is None:
        known = ", ".join(d.name for d in settings.digests) or "none configured"
        fail([f"unknown digest {digest_name!r} (known: {known})"])
    if channel is not None and channel not in settings.channels:
        fail([f"unknown channel {channel!r} (known: {', '.join(settings.channels)})"])
    statuses = [
        status
        for status, wanted in (
            (DeliveryStatus.failed, failed),
            (DeliveryStatus.uncertain, uncertain),
            (DeliveryStatus.expired, expired),
        )
        if wanted
    ]
    with open_store(project) as store:
        deliverer = Deliverer(project, store)
        requeued = deliverer.requeue(statuses, digest=digest_name, channel=channel)
        outcome = deliverer.flush(digest_name, channel=channel, early=True)
    if not outcome.results and not as_json:
        click.echo("nothing to send")
    report_outcome(outcome, settings.zone, as_json=as_json, extra={"requeued": len(requeued)})
