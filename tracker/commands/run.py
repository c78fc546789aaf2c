"""``tracker run``: the scheduler, or one pass of due work with --once."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

from tracker.commands.common import config_option, fail, json_option
from tracker.commands.outcome import report_outcome
from tracker.config.project import Project
from tracker.delivery.outcome import EXIT_FAILED
from tracker.errors import InputError
from tracker.service.logs import SecretFilter, set_log_zone, setup_logging

if TYPE_CHECKING:
    from tracker.service.daemon import Daemon

log = logging.getLogger("tracker.daemon")


def _secrets(project: Project) -> set[str]:
    """Every configured secret, so the log filter can mask it even outside a URL."""
    return {c.secret.get_secret_value() for c in project.settings.channels.values() if c.secret}


@click.command()
@config_option
@click.option("--once", is_flag=True, help="Do all due work now and exit (for cron and CI).")
@click.option("--log-json", is_flag=True, help="One JSON object per log line.")
@json_option
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
def run(config_dir: Path, once: bool, log_json: bool, as_json: bool, verbose: bool) -> None:
    """Send every digest on its schedule until stopped (SIGINT/SIGTERM).

    On start it imports new figure files, sends the latest slot it missed while down
    (within `catch_up`, default 24h), settles parts a crashed run left in flight and
    retries pending parts when their next attempt is due. While running it imports files
    dropped into config/figures/, polls feeds, reloads config edits (an invalid edit is
    logged and the last good config stays), and alerts on status changes. On a signal it
    stops within 10 seconds.

    With --once it does the due work a single time and exits: 0 when everything was
    delivered, 75 when something is still pending (it will be retried), 1 when something
    failed, expired or is uncertain, or a figure file had bad rows. --json prints the
    outcome. Running it twice in a row sends nothing the second time.

    Example:

    \b
        tracker run --once --log-json
    """
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        log.info(
            "%s received: finishing the delivery in flight, then stopping",
            signal.Signals(signum).name,
            extra={"event": "stopping"},
        )
        if stop.is_set() or not loaded.is_set():
            raise SystemExit(0)  # still loading the config, or a second signal: go now
        stop.set()

    loaded = threading.Event()
    if not once:
        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
    secret_filter: SecretFilter = setup_logging(
        json_lines=log_json, level=logging.DEBUG if verbose else logging.INFO
    )

    def remember(project: Project) -> None:
        secret_filter.secrets |= _secrets(project)
        set_log_zone(project.settings.zone)

    from tracker.service.daemon import Daemon

    try:
        service = Daemon(config_dir, on_reload=remember)
    except InputError as exc:
        fail([*map(str, exc.problems), f"{len(exc.problems)} problem(s); nothing was started"])
    remember(service.project)
    loaded.set()

    if once:
        _run_once(service, as_json)
        return

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
    clean = service.stop()
    if clean:
        log.info("stopped", extra={"event": "stopped"})
    else:
        log.warning(
            "stopped with a request still in flight: its part is settled by the next run",
            extra={"event": "stopped"},
        )
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    # Threads still blocked in a request or a read must not hold the exit past the grace.
    os._exit(0)


def _run_once(service: Daemon, as_json: bool) -> None:
    report = service.run_once()
    service.stop()
    # Each problem was logged as it happened; end with one summary line (JSON with
    # --log-json) and the exit code cron and CI look at.
    outcome = report.deliveries
    imported = sum(1 for r in report.imported if r.written)
    log.info(
        "done: %s; %d alert(s), %d file(s) imported, %d bad row(s)",
        outcome.summary(),
        report.alerts,
        imported,
        report.bad_rows,
        extra={"event": "done", **outcome.counts()},
    )
    code = EXIT_FAILED if report.bad_rows else outcome.exit_code
    extra = {"alerts": report.alerts, "imported": imported, "bad_rows": report.bad_rows}
    if as_json:
        zone = service.project.settings.zone
        report_outcome(outcome, zone, as_json=True, extra=extra, exit_code=code)
    elif code:
        sys.exit(code)
