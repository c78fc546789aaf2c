"""``tracker run``: the scheduler, or one pass of due work with --once."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

import click

from tracker.commands.common import config_option, fail
from tracker.config.project import Project
from tracker.errors import InputError
from tracker.service.logs import SecretFilter, setup_logging

log = logging.getLogger("tracker.daemon")


def _secrets(project: Project) -> set[str]:
    """Every configured secret, so the log filter can mask it even outside a URL."""
    return {c.secret.get_secret_value() for c in project.settings.channels.values() if c.secret}


@click.command()
@config_option
@click.option("--once", is_flag=True, help="Do all due work now and exit (for cron and CI).")
@click.option("--log-json", is_flag=True, help="One JSON object per log line.")
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
def run(config_dir: Path, once: bool, log_json: bool, verbose: bool) -> None:
    """Send every digest on its schedule until stopped (SIGINT/SIGTERM).

    On start it imports new figure files, sends the latest slot it missed while down
    (within `catch_up`, default 24h) and retries pending parts. While running it imports
    files dropped into config/figures/, polls feeds, reloads config edits (an invalid
    edit is logged and the last good config stays), and alerts on status changes.

    With --once it does the due work a single time and exits: 0 when every part was
    delivered, 1 otherwise. Running it twice in a row sends nothing the second time.

    Example:

    \b
        tracker run --once --log-json
    """
    from tracker.service.daemon import Daemon

    secret_filter: SecretFilter = setup_logging(
        json_lines=log_json, level=logging.DEBUG if verbose else logging.INFO
    )

    def remember_secrets(project: Project) -> None:
        secret_filter.secrets |= _secrets(project)

    try:
        service = Daemon(config_dir, on_reload=remember_secrets)
    except InputError as exc:
        fail([*map(str, exc.problems), f"{len(exc.problems)} problem(s); nothing was started"])
    remember_secrets(service.project)

    if once:
        report = service.run_once()
        service.stop()
        # Each problem was logged as it happened; end with one summary line (JSON with
        # --log-json) and the exit code cron and CI look at.
        outcome = report.deliveries
        bad_rows = sum(len(r.problems) for r in report.imported)
        log.info(
            "done: %d part(s) sent, %d pending, %d failed, %d file(s) imported, %d bad row(s)",
            len(outcome.sent),
            len(outcome.pending),
            len(outcome.failed),
            sum(1 for r in report.imported if r.written),
            bad_rows,
            extra={"event": "done"},
        )
        if outcome.pending or outcome.failed or bad_rows:
            sys.exit(1)
        return

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        log.info(
            "%s received: finishing the delivery in flight, then stopping",
            signal.Signals(signum).name,
            extra={"event": "stopping"},
        )
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log.info(
        "tracker running (goals: %d, digests: %d, store: %s)",
        len(service.project.goals),
        len(service.project.settings.digests),
        service.store.url,
        extra={"event": "started"},
    )
    service.start()
    while not stop.wait(0.5):
        pass
    service.stop()
    log.info("stopped", extra={"event": "stopped"})
