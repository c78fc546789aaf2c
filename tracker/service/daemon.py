"""The bot behind ``tracker run``: digests on schedule, figures and config picked up live.

Every decision about *whether* to send comes from the delivery ledger, never from
APScheduler's job store: APScheduler only wakes the process at due times. That is what makes a
restart catch up exactly once and lets several processes share one database.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from tracker.config.project import Project, load_project
from tracker.config.settings import DigestConfig, parse_duration
from tracker.delivery.sender import Deliverer, Outcome
from tracker.errors import InputError
from tracker.ingest.feeds import fetch_feed
from tracker.ingest.importer import ImportResult, import_folder
from tracker.secrets import mask_url
from tracker.service.alerts import alert_on_moves
from tracker.service.slots import DigestSchedule, SlotTrigger
from tracker.service.watching import Watcher, config_fingerprint
from tracker.store import open_store

log = logging.getLogger("tracker.daemon")

RETRY_EVERY_SECONDS = 60
FOLDER_POLL_SECONDS = 30


@dataclass
class RunReport:
    """What one pass of due work did (``tracker run --once``)."""

    imported: list[ImportResult] = field(default_factory=list)
    fetched: list[Any] = field(default_factory=list)
    deliveries: Outcome = field(default_factory=Outcome)
    alerts: int = 0


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
        self.session = session or requests.Session()
        self.retry_budget = retry_budget
        self._clock = clock
        self._on_reload = on_reload
        self._work = threading.RLock()  # one piece of work at a time within this process
        self._stop = threading.Event()
        self.scheduler: BackgroundScheduler | None = None
        self._watcher: threading.Thread | None = None
        self._deliverer = self._make_deliverer()

    # ---- time and helpers ----------------------------------------------------------------

    def now(self) -> datetime:
        zone = self.project.settings.zone
        return self._clock().astimezone(zone) if self._clock else datetime.now(zone)

    def _make_deliverer(self) -> Deliverer:
        return Deliverer(
            self.project, self.store, session=self.session, retry_budget=self.retry_budget
        )

    def schedule_of(self, digest: DigestConfig) -> DigestSchedule | None:
        return DigestSchedule.for_digest(digest, self.project.settings.zone)

    # ---- work ----------------------------------------------------------------------------

    def run_digest(self, name: str) -> Outcome | None:
        """Send the latest due slot of digest ``name`` unless the ledger says it was sent."""
        with self._work:
            digest = self.project.settings.digest(name)
            schedule = self.schedule_of(digest) if digest else None
            if digest is None or schedule is None:
                return None
            window = parse_duration(self.project.settings.catch_up)
            slot = schedule.latest_due(self.now(), window)
            if slot is None:
                return None
            # Judged on the day it goes out: a slot moved past a holiday sees the week's figures.
            as_of = slot.due.astimezone(self.project.settings.zone).date()
            try:
                outcome = self._deliverer.deliver_slot(digest, slot.key, as_of)
            except Exception:
                log.exception(
                    "digest %s slot %s could not be delivered",
                    name,
                    slot.key,
                    extra={"event": "error", "digest": name},
                )
                return None
            return outcome

    def _scheduled_run(self, name: str) -> None:
        """What the scheduler calls at a due time: send, then say when the next one is."""
        self.run_digest(name)
        digest = self.project.settings.digest(name)
        if digest is not None:
            self._log_next(digest)

    def retry_pending(self) -> Outcome:
        """Retry every part left pending by an earlier attempt (any digest, any process)."""
        with self._work:
            return self._deliverer.flush()

    def import_figures(self) -> list[ImportResult]:
        """Import new files from the drop-in folder, then alert on status moves."""
        with self._work:
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
        with self._work:
            feeds = [f for f in self.project.settings.feeds if url is None or f.url == url]
            results = [fetch_feed(self.project, self.store, f, self.session) for f in feeds]
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
        """All due work, once: figures, feeds, due slots (within catch-up), pending parts."""
        report = RunReport()
        # Figures imported since the last look (another shell, an earlier run) alert too.
        report.alerts = self.check_alerts()
        report.imported = self.import_figures()
        if self.project.settings.feeds:
            report.fetched = self.fetch_feeds()
        # Earlier runs' pending parts first, so a part failing in this pass is not hammered.
        report.deliveries.merge(self.retry_pending())
        for digest in self.project.settings.digests:
            outcome = self.run_digest(digest.name)
            if outcome is not None:
                report.deliveries.merge(outcome)
        return report

    # ---- alerts --------------------------------------------------------------------------

    def check_alerts(self) -> int:
        """Alert on goals that moved into a watched status since last looked (see alerts.py)."""
        with self._work:
            return alert_on_moves(self.project, self.store, self._deliverer, self.now())

    # ---- configuration -------------------------------------------------------------------

    def reload(self) -> bool:
        """Re-read the config; on error keep running on the last good one."""
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
        with self._work:
            self.project = project
            self._deliverer = self._make_deliverer()
            if self.scheduler is not None:
                self._schedule_jobs()
        log.info(
            "config reloaded (goals: %d, digests: %d)",
            len(project.goals),
            len(project.settings.digests),
            extra={"event": "config_reloaded"},
        )
        if self._on_reload:
            self._on_reload(project)
        return True

    # ---- lifecycle -----------------------------------------------------------------------

    def start(self, *, watch: bool = True) -> None:
        """Catch up (import, missed slots, pending parts), then schedule and watch."""
        self.scheduler = BackgroundScheduler(
            timezone=self.project.settings.zone,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        )
        self._schedule_jobs()
        if watch:
            ready = threading.Event()
            watcher = Watcher(
                self.config_dir,
                self.project.resolve(self.project.settings.figures_dir).resolve(),
                on_figures=self.import_figures,
                on_config=self.reload,
                stop=self._stop,
                poll_seconds=FOLDER_POLL_SECONDS,
            )
            self._watcher = threading.Thread(
                target=watcher.run,
                args=(ready, self._fingerprint),
                name="tracker-watch",
                daemon=True,
            )
            self._watcher.start()
            ready.wait(5)
        self.scheduler.start()
        self.run_once()

    def stop(self) -> None:
        """Finish the delivery in flight, then stop."""
        self._stop.set()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        with self._work:  # waits for work started outside the scheduler (watcher)
            self.store.close()

    def _schedule_jobs(self) -> None:
        assert self.scheduler is not None
        for job in self.scheduler.get_jobs():
            job.remove()
        settings = self.project.settings
        for digest in settings.digests:
            schedule = self.schedule_of(digest)
            if schedule is None:
                continue
            self.scheduler.add_job(
                self._scheduled_run,
                SlotTrigger(schedule),
                args=[digest.name],
                id=f"digest:{digest.name}",
                name=f"digest {digest.name}",
            )
            self._log_next(digest)
        for feed in settings.feeds:
            seconds = parse_duration(feed.every).total_seconds()
            self.scheduler.add_job(
                self.fetch_feeds,
                IntervalTrigger(seconds=seconds),
                args=[feed.url],
                id=f"feed:{hashlib.sha256(feed.url.encode()).hexdigest()[:16]}",
                name=f"feed {feed.name or mask_url(feed.url)}",
            )
        self.scheduler.add_job(
            self.retry_pending,
            IntervalTrigger(seconds=RETRY_EVERY_SECONDS),
            id="retry",
            name="retry pending parts",
        )
        self.scheduler.add_job(
            self.poll,
            IntervalTrigger(seconds=FOLDER_POLL_SECONDS),
            id="figures",
            name="figures folder",
        )

    def _log_next(self, digest: DigestConfig) -> None:
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
