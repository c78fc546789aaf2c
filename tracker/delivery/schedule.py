"""When a part that failed for a passing reason is tried again: the ledger's retry schedule.

The service's own word comes first (``Retry-After``, DingTalk's ten-minute throttle); otherwise
exponential backoff with jitter from the number of attempts made, so a part failing for hours
is tried less and less often, and parts of many channels failing together do not return in
step. A part is tried until ``max_delay`` after it was recorded, then it is ``expired``.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)


def backoff(attempts: int, rng: random.Random) -> timedelta:
    """ "Equal jitter": half of ``min(cap, base * 2^(attempts-1))`` plus a random share of the
    other half, so a retry never comes sooner than half the nominal wait."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (1 << min(20, max(0, attempts - 1))))
    return ceiling / 2 + ceiling / 2 * rng.random()


def next_attempt(
    now: datetime, attempts: int, retry_after: float | None, rng: random.Random
) -> datetime:
    """When to try a part again after its ``attempts``-th attempt failed transiently."""
    wait = backoff(attempts, rng)
    if retry_after is not None:
        wait = max(wait, timedelta(seconds=retry_after))
    return now + wait
