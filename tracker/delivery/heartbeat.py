"""A sender's heartbeat: while any delivery runs in this process, its owner beats in the ledger.

Other processes settle a part left ``sending`` only once its owner has stopped beating (or its
pid is gone from this host), so a slow request is never mistaken for a dead process.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType

from tracker.store.ledger import Ledger
from tracker.store.workers import BEAT_SECONDS

log = logging.getLogger("tracker.delivery")


class Heartbeat:
    """Re-entrant context: the first ``with`` beats at once and starts a thread beating every
    :data:`BEAT_SECONDS`; the last one out stops it."""

    def __init__(self, ledger: Ledger, every: float = BEAT_SECONDS) -> None:
        self.ledger = ledger
        self.every = every
        self._lock = threading.Lock()
        self._users = 0
        self._stop: threading.Event | None = None

    def __enter__(self) -> Heartbeat:
        with self._lock:
            self._users += 1
            if self._users == 1:
                self.ledger.beat()
                self._stop = threading.Event()
                threading.Thread(
                    target=self._run, args=(self._stop,), name="tracker-heartbeat", daemon=True
                ).start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0 and self._stop is not None:
                self._stop.set()
                self._stop = None

    def _run(self, stop: threading.Event) -> None:
        while not stop.wait(self.every):
            try:
                self.ledger.beat()
            except Exception:  # a busy or vanished store: the next beat tries again
                log.debug("heartbeat failed", exc_info=True)
