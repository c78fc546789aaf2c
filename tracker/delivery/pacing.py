"""Pacing across processes, and waits that end when the process is asked to stop.

:class:`LedgerPaceGate` takes the place of the channels' in-process pacer: each post to a
destination is recorded in the ledger first, so any number of replicas stay together within a
robot's limit. :class:`StopClock` sleeps until a stop is requested, then raises
:class:`Stopping`, so no retry or pacing wait delays a shutdown.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from tracker.channels import Clock, TransportError
from tracker.channels.pacing import Window
from tracker.store.ledger import Ledger


class Stopping(TransportError):
    """The process is stopping: the part was not posted (this time) and stays pending."""

    def __init__(self) -> None:
        super().__init__("stopped before it was sent: the process is shutting down")


class StopClock:
    """The real clock, whose sleeps end with :class:`Stopping` once ``stop`` is set."""

    def __init__(self, stop: threading.Event | None = None) -> None:
        self.stop = stop or threading.Event()

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        if self.stop.wait(seconds) or self.stop.is_set():
            raise Stopping()


class LedgerPaceGate:
    """A :class:`~tracker.channels.base.PaceGate` that counts recent posts in the ledger."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def acquire(self, destination: str, windows: Sequence[Window], clock: Clock) -> float:
        waited = 0.0
        while True:
            delay = self.ledger.destinations.reserve_post(destination, windows, clock.time())
            if delay <= 0:
                return waited
            clock.sleep(delay)
            waited += delay
