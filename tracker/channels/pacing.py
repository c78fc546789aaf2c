"""Time and pacing: a clock tests can fake, and one sliding-window limiter per destination.

Pacers are shared by every channel object that posts to the same destination (keyed by a hash
of its URL or path, so the registry holds no webhook keys), because a service's rate limit is
per robot, not per process object.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Sequence
from typing import Protocol

# (posts allowed, window in seconds), e.g. (20, 60.0) for "20 a minute".
Window = tuple[int, float]


class Clock(Protocol):
    """Time source; tests inject a fake one so retries and pacing run without real waiting."""

    def monotonic(self) -> float: ...

    def time(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class Pacer:
    """Sliding-window limiter for one destination: at most ``limit`` posts per ``window`` s."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sent: deque[float] = deque()

    def acquire(self, windows: Sequence[Window], clock: Clock) -> float:
        """Block until a post is allowed, record it, and return how long we waited."""
        waited = 0.0
        horizon = max(window for _, window in windows)
        while True:
            with self._lock:
                now = clock.monotonic()
                while self._sent and self._sent[0] <= now - horizon:
                    self._sent.popleft()
                delay = 0.0
                for limit, window in windows:
                    recent = [t for t in self._sent if t > now - window]
                    if len(recent) >= limit:
                        # The window frees up when the oldest of the last `limit` posts expires.
                        delay = max(delay, recent[-limit] + window - now)
                if delay <= 0:
                    self._sent.append(now)
                    return waited
            # Sleep outside the lock so other threads can inspect the window meanwhile.
            clock.sleep(delay)
            waited += delay


def pace_windows(per_minute: int | None, per_second: int | None) -> list[Window]:
    """The windows a service's limits make; empty when it has none."""
    windows: list[Window] = []
    if per_minute:
        windows.append((per_minute, 60.0))
    if per_second:
        windows.append((per_second, 1.0))
    return windows


_pacers: dict[str, Pacer] = {}
_pacers_lock = threading.Lock()


def pacer_for(destination: str) -> Pacer:
    """The one pacer of ``destination`` (a hash, never a URL), made on first use."""
    with _pacers_lock:
        return _pacers.setdefault(destination, Pacer())


def reset_pacers() -> None:
    """Forget all recorded posts (tests; a fresh process starts empty anyway)."""
    with _pacers_lock:
        _pacers.clear()
