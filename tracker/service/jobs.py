"""The daemon's timetable: one APScheduler job per digest, feeds, the delivery maintenance
pass and the drop-folder poll, plus the file watcher thread.

The maintenance pass runs every :data:`MAINTAIN_EVERY_SECONDS`: it settles parts a dead process
left in flight, finishes its unrendered claims, expires what is too old and sends every part
whose next attempt is due, so a crashed replica's work is picked up within a minute.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from tracker.config.project import Project
from tracker.config.settings import DigestConfig, parse_duration
from tracker.secrets import mask_url
from tracker.service.slots import DigestSchedule, SlotTrigger
from tracker.service.watching import Watcher

log = logging.getLogger("tracker.daemon")

MAINTAIN_EVERY_SECONDS = 10
FOLDER_POLL_SECONDS = 30


class Daemon(Protocol):
    """What the jobs call: the work of :class:`tracker.service.daemon.Daemon`."""

    config_dir: Path
    project: Project
    stopping: threading.Event

    def schedule_of(self, digest: DigestConfig) -> DigestSchedule | None: ...
    def scheduled_run(self, name: str) -> None: ...
    def log_next(self, digest: DigestConfig) -> None: ...
    def fetch_feeds(self, url: str | None = None) -> list[Any]: ...
    def retry_pending(self) -> Any: ...
    def poll(self) -> None: ...
    def import_figures(self) -> Any: ...
    def reload(self) -> bool: ...


class Jobs:
    """The scheduler and the watcher of one :class:`~tracker.service.daemon.Daemon`."""

    def __init__(self, daemon: Daemon) -> None:
        self.daemon = daemon
        self.scheduler: BackgroundScheduler | None = None
        self._lock = threading.Lock()

    def start(self, *, watch: bool, fingerprint: dict[str, float]) -> None:
        daemon = self.daemon
        self.scheduler = BackgroundScheduler(
            timezone=daemon.project.settings.zone,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        )
        self.reschedule()
        if watch:
            self._watch(fingerprint)
        self.scheduler.start()

    def _watch(self, fingerprint: dict[str, float]) -> None:
        daemon = self.daemon
        ready = threading.Event()
        watcher = Watcher(
            daemon.config_dir,
            daemon.project.resolve(daemon.project.settings.figures_dir).resolve(),
            on_figures=daemon.import_figures,
            on_config=daemon.reload,
            stop=daemon.stopping,
            poll_seconds=FOLDER_POLL_SECONDS,
        )
        thread = threading.Thread(
            target=watcher.run, args=(ready, fingerprint), name="tracker-watch", daemon=True
        )
        thread.start()
        ready.wait(5)

    def soon(self, work: Callable[[], Any]) -> None:
        """Run ``work`` once, now, on a scheduler thread; nothing while the scheduler is not
        running (``run --once`` does all due work itself)."""
        scheduler = self.scheduler
        if scheduler is not None and scheduler.running:
            scheduler.add_job(work, name=getattr(work, "__name__", "work"))

    def reschedule(self) -> None:
        """Replace every job with those of the current config."""
        scheduler = self.scheduler
        if scheduler is None:
            return
        daemon = self.daemon
        settings = daemon.project.settings
        with self._lock:
            for job in scheduler.get_jobs():
                job.remove()
            for digest in settings.digests:
                schedule = daemon.schedule_of(digest)
                if schedule is None:
                    continue
                scheduler.add_job(
                    daemon.scheduled_run,
                    SlotTrigger(schedule),
                    args=[digest.name],
                    id=f"digest:{digest.name}",
                    name=f"digest {digest.name}",
                )
                daemon.log_next(digest)
            for feed in settings.feeds:
                scheduler.add_job(
                    daemon.fetch_feeds,
                    IntervalTrigger(seconds=parse_duration(feed.every).total_seconds()),
                    args=[feed.url],
                    id=f"feed:{hashlib.sha256(feed.url.encode()).hexdigest()[:16]}",
                    name=f"feed {feed.name or mask_url(feed.url)}",
                )
            scheduler.add_job(
                daemon.retry_pending,
                IntervalTrigger(seconds=MAINTAIN_EVERY_SECONDS),
                id="maintain",
                name="settle, expire and retry parts",
            )
            scheduler.add_job(
                daemon.poll,
                IntervalTrigger(seconds=FOLDER_POLL_SECONDS),
                id="figures",
                name="figures folder",
            )

    def shutdown(self) -> None:
        """Stop starting jobs; running ones see the daemon's stop event."""
        scheduler = self.scheduler
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=False)
