"""The bot behind ``tracker run``: digests on schedule, figures and config picked up live.

Every decision about *whether* to send comes from the delivery ledger, never from
APScheduler's job store: APScheduler only wakes the process at due times. That is what makes a
restart catch up exactly once and lets several processes share one database.

Sending and reading input never wait for each other: deliveries hold one lock, imports and
feeds another, and config reloads parse outside both (the new config is swapped in at once), so
a huge or hostile file dropped in while the bot runs cannot hold up a digest. Stopping sets an
event every wait in the delivery loop watches, then gives the work in flight a few seconds.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

from tracker.config.project import Project, load_project
from tracker.config.settings import DigestConfig, parse_duration
from tracker.delivery.outcome import Outcome
from tracker.delivery.sender import Deliverer, pooled_session
from tracker.errors import InputError
from tracker.ingest.feeds import fetch_feed
from tracker.ingest.importer import ImportResult, import_folder
from tracker.service.alerts import alert_on_moves
from tracker.service.jobs import Jobs
from tracker.service.slots import DigestSchedule
from tracker.service.watching import config_fingerprint
from tracker.store import open_store
from tracker.store.ledger import Ledger

log = logging.getLogger("tracker.daemon")

STOP_GRACE_SECONDS = 8.0  # SIGTERM to exit stays within 10 s


@dataclass
class RunReport:
    """What one pass of due work did (``tracker run --once``): alerts' parts included."""

    imported: list[ImportResult] = field(default_factory=list)
    fetched: list[Any] = field(default_factory=list)
    deliveries: Outcome = field(default_factory=Outcome)
    alerts: int = 0

    @property
    def bad_rows(self) -> int:
        return sum(len(r.problems) for r in self.imported)


class Daemon:
    """Owns the project, the store and the scheduler; each public method is one kind of work."""

    def __init__(
        self,
        config_dir: Path,
        *,
        clock: Callable[[], datetime] | None = None,
        session: requests.Session | None = None,
        retry_budget: float = 60.0,
        on_reload: Callable[[Project], None] | None = None,
    ) -> None:
        self.config_dir = config_dir
        self._fingerprint = config_fingerprint(config_dir)
        self.project = load_project(config_dir)  # InputError here: refuse to start
        self.store = open_store(self.project)  # StoreError (an InputError): refuse to start
        self.session = session or pooled_session(self.project.settings.send_workers)
        self.retry_budget = retry_budget
        self._clock = clock
        self._on_reload = on_reload
        self._send = threading.RLock()  # deliveries: one pass at a time in this process
        self._ingest = threading.RLock()  # imports and feeds, never holding up deliveries
        self.stopping = threading.Event()
        self.ledger = Ledger(self.store)  # one owner for the life of the process
        self._deliverer = self._make_deliverer()
        self.jobs = Jobs(self)

    # ---- time and helpers ----------------------------------------------------------------

    def now(self) -> datetime:
        zone = self.project.settings.zone
        return self._clock().astimezone(zone) if self._clock else datetime.now(zone)

    def _make_deliverer(self) -> Deliverer:
        return Deliverer(
            self.project,
            self.store,
            ledger=self.ledger,
            session=self.session,
            retry_budget=self.retry_budget,
            stop=self.stopping,
        )

    def schedule_of(self, digest: DigestConfig) -> DigestSchedule | None:
        return DigestSchedule.for_digest(digest, self.project.settings.zone)

    # ---- work ----------------------------------------------------------------------------

    def run_digest(self, name: str) -> Outcome | None:
        """Send the latest due slot of digest ``name`` unless the ledger says it was sent (a
        channel added since gets it too, within ``catch_up``)."""
        with self._send:
            project, deliverer = self.project, self._deliverer
            digest = project.settings.digest(name)
            schedule = self.schedule_of(digest) if digest else None
            if digest is None or schedule is None or self.stopping.is_set():
                return None
            window = parse_duration(project.settings.catch_up)
            slot = schedule.latest_due(self.now(), window)
            if slot is None:
                return None
            # Judged on the day it goes out: a slot moved past a holiday sees the week's figures.
            as_of = slot.due.astimezone(project.settings.zone).date()
            try:
                return deliverer.deliver_slot(digest, slot.key, as_of)
            except Exception:
                log.exception(
                    "digest %s slot %s could not be delivered",
                    name,
                    slot.key,
                    extra={"event": "error", "digest": name},
                )
                return None

    def scheduled_run(self, name: str) -> None:
        """What the scheduler calls at a due time: send, then say when the next one is."""
        self.run_digest(name)
        digest = self.project.settings.digest(name)
        if digest is not None:
            self.log_next(digest)

    def catch_up(self) -> Outcome:
        """The latest due slot of every digest (after a start or a reload)."""
        outcome = Outcome()
        for digest in self.project.settings.digests:
            result = self.run_digest(digest.name)
            if result is not None:
                outcome.merge(result)
        return outcome

    def retry_pending(self) -> Outcome:
        """Settle what dead processes left, finish their unrendered claims, and send every due
        part (any digest, any process's)."""
        with self._send:
            deliverer = self._deliverer
            outcome = deliverer.resume_stranded()
            outcome.merge(deliverer.flush())
            return outcome

    def import_figures(self) -> list[ImportResult]:
        """Import new files from the drop-in folder, then alert on status moves."""
        with self._ingest:
            results = import_folder(self.store, self.project)
        for result in results:
            if not result.skipped:
                level = logging.INFO if result.ok else logging.ERROR
                log.log(
                    level,
                    "figures imported: %s",
                    result.describe(),
                    extra={"event": "figures_imported", "origin": result.origin},
                )
                for problem in result.problems:
                    log.error("%s", problem, extra={"event": "figure_invalid"})
        if any(r.written for r in results):
            self.check_alerts()
        return results

    def fetch_feeds(self, url: str | None = None) -> list[Any]:
        """Fetch every feed, or the one at ``url`` (conditional requests); alert on moves."""
        with self._ingest:
            project = self.project
            feeds = [f for f in project.settings.feeds if url is None or f.url == url]
            results = [fetch_feed(project, self.store, f, self.session) for f in feeds]
        for result in results:
            log.info("feed: %s", result.describe(), extra={"event": "feed"})
        if any(r.status == "imported" for r in results):
            self.check_alerts()
        return results

    def poll(self) -> None:
        """The periodic safety net: new files in the drop-in folder, status moves to alert on."""
        self.import_figures()
        self.check_alerts()

    def run_once(self) -> RunReport:
        """All due work, once: figures, feeds, pending parts, due slots (within catch-up)."""
        report = RunReport()
        # Figures imported since the last look (another shell, an earlier run) alert too.
        report.alerts = self.check_alerts(report.deliveries)
        report.imported = self.import_figures()
        if self.project.settings.feeds:
            report.fetched = self.fetch_feeds()
        # Earlier runs' due parts first, so a part failing in this pass is not hammered.
        report.deliveries.merge(self.retry_pending())
        report.deliveries.merge(self.catch_up())
        return report

    def check_alerts(self, outcome: Outcome | None = None) -> int:
        """Alert on goals that moved into a watched status since last looked (see alerts.py)."""
        with self._send:
            count, sent = alert_on_moves(self.project, self.store, self._deliverer, self.now())
        if outcome is not None:
            outcome.merge(sent)
        return count

    # ---- configuration -------------------------------------------------------------------

    def reload(self) -> bool:
        """Re-read the config (outside every lock); on error keep running on the last good one."""
        self._fingerprint = config_fingerprint(self.config_dir)
        try:
            project = load_project(self.config_dir)
        except InputError as exc:
            for problem in exc.problems:
                log.error(
                    "config invalid, keeping the last good config: %s",
                    problem,
                    extra={"event": "config_invalid"},
                )
            return False
        except Exception as exc:  # whatever went wrong, the last good config keeps running
            log.error(
                "config invalid, keeping the last good config: %s: %s",
                type(exc).__name__,
                exc,
                extra={"event": "config_invalid"},
            )
            return False
        # Swapped in one step; work already running finishes on the config it started with.
        self.project = project
        self._deliverer = self._make_deliverer()
        self.jobs.reschedule()
        log.info(
            "config reloaded (goals: %d, digests: %d)",
            len(project.goals),
            len(project.settings.digests),
            extra={"event": "config_reloaded"},
        )
        if self._on_reload:
            self._on_reload(project)
        self.jobs.soon(self.catch_up)  # a channel added today gets today's slot
        return True

    # ---- lifecycle -----------------------------------------------------------------------

    def start(self, *, watch: bool = True) -> None:
        """Schedule and watch, and catch up at once, on the scheduler's threads (the caller's
        thread stays free for signals): dropped files, missed slots and pending parts in one
        job, feeds in another, so a slow feed does not hold up the catch-up."""
        self.jobs.start(watch=watch, fingerprint=self._fingerprint)
        self.jobs.soon(self._start_up)
        if self.project.settings.feeds:
            self.jobs.soon(self.fetch_feeds)

    def _start_up(self) -> None:
        self.check_alerts()
        self.import_figures()
        self.retry_pending()
        self.catch_up()

    def stop(self, grace: float = STOP_GRACE_SECONDS) -> bool:
        """Stop waiting and scheduling, and give the work in flight ``grace`` seconds; True
        when it finished (False: a request was still out, its part settles on the next run)."""
        self.stopping.set()
        self.jobs.shutdown()
        end = time.monotonic() + grace
        clean = self._send.acquire(timeout=grace)
        clean = clean and self._ingest.acquire(timeout=max(0.0, end - time.monotonic()))
        if clean:
            try:
                self.ledger.forget()
            except Exception:  # the store may be gone; nothing of ours is sending anyway
                log.debug("could not remove the worker row", exc_info=True)
            self.store.close()
        return clean

    def log_next(self, digest: DigestConfig) -> None:
        schedule = self.schedule_of(digest)
        upcoming = schedule.next_due(self.now()) if schedule else None
        if upcoming is not None:
            log.info(
                "next run: %s at %s · %s",
                digest.name,
                upcoming.due.isoformat(),
                schedule.describe() if schedule else "",
                extra={"event": "next_run", "digest": digest.name, "at": upcoming.due.isoformat()},
            )
