"""Noticing edits: config files and the figures drop folder, watched live and fingerprinted.

watchfiles reports changes as they happen; a fingerprint of modification times catches edits
made while the watcher was starting. Polling (the daemon's ``poll`` job) remains the safety net.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("tracker.daemon")

CONFIG_SUFFIXES = (".yaml", ".yml", ".j2")


def config_fingerprint(config_dir: Path) -> dict[str, float]:
    """Modification times of the config files, to notice edits made before watching began."""
    return {
        str(path): path.stat().st_mtime
        for path in config_dir.rglob("*")
        if path.suffix in CONFIG_SUFFIXES and path.is_file()
    }


class Watcher:
    """Calls ``on_figures`` when the drop folder changes and ``on_config`` when config does."""

    def __init__(
        self,
        config_dir: Path,
        figures_dir: Path,
        *,
        on_figures: Callable[[], object],
        on_config: Callable[[], object],
        stop: threading.Event,
        poll_seconds: int,
    ) -> None:
        self.config_dir = config_dir
        self.figures_dir = figures_dir
        self.on_figures = on_figures
        self.on_config = on_config
        self.stop = stop
        self.poll_seconds = poll_seconds

    def changed(self, changed: set[Path]) -> None:
        """Act on one batch of changed paths."""
        figures_dir = self.figures_dir
        if any(figures_dir in p.parents for p in changed):
            self.on_figures()
        if any(figures_dir not in p.parents and p.suffix in CONFIG_SUFFIXES for p in changed):
            self.on_config()

    def run(self, ready: threading.Event, fingerprint: dict[str, float]) -> None:
        """Watch until ``stop`` is set; never raises (polling remains if watching fails)."""
        from watchfiles import watch

        paths = {str(self.config_dir.resolve())}
        if self.figures_dir.is_dir():
            paths.add(str(self.figures_dir))
        log.info("watching %s for changes", ", ".join(sorted(paths)), extra={"event": "watching"})
        ready.set()
        if config_fingerprint(self.config_dir) != fingerprint:  # edited while we were starting
            self.on_config()
        try:
            for changes in watch(
                *paths, stop_event=self.stop, debounce=400, step=100, raise_interrupt=False
            ):
                try:
                    self.changed({Path(p).resolve() for _, p in changes})
                except Exception:  # one bad batch must not end the watching
                    log.exception("could not act on changed files", extra={"event": "error"})
        except Exception:  # the watcher must never take the process down; polling remains
            log.exception(
                "file watcher stopped; figures are still polled every %ss", self.poll_seconds
            )
