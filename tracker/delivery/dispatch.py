"""Sending many channels' parts at once: one part per channel in flight, in order, at most
``workers`` posts at a time, with the ledger written in batches.

The parts of one message (digest, slot, channel) go out in order: a part that must wait holds
back the rest of its message. A service's "wait until" (Retry-After, throttle codes) holds
back everything to that destination and is kept in the ledger, so other runs and replicas
wait too. Parts are taken just before they are posted and their outcomes recorded as they
come back, each a handful at a time in one transaction, so the database is not the
bottleneck when hundreds of channels are sent.
"""

from __future__ import annotations

import logging
import random
import threading
from collections import deque
from collections.abc import Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from tracker.channels import Channel
from tracker.config.channels import ChannelConfig
from tracker.delivery.attempt import EARLIER, Attempt, Verdict, judge, post
from tracker.delivery.outcome import Outcome, PartResult, log_result
from tracker.store.deliveries import Delivery, DeliveryStatus, stamp
from tracker.store.ledger import Ledger, Settlement

log = logging.getLogger("tracker.delivery")

BATCH_SECONDS = 0.02  # how long to gather outcomes coming back together before recording them


@dataclass(frozen=True)
class SendSettings:
    """How a run sends: the in-run retry budget, whether to go before the next attempt time
    (``tracker retry``), what stops it, the zone logs show times in, and how many posts may
    be out at once."""

    budget: float
    early: bool
    zone: tzinfo
    stopping: threading.Event
    rng: random.Random
    workers: int


class Dispatcher:
    """Sends the open parts of several channels through the ledger (see the module's doc)."""

    def __init__(
        self,
        ledger: Ledger,
        channels: Mapping[str, Channel | None],
        configs: Mapping[str, ChannelConfig],
        settings: SendSettings,
    ) -> None:
        self.ledger = ledger
        self.channels = channels
        self.configs = configs
        self.settings = settings
        self.outcome = Outcome()
        self._lines: dict[str, deque[Delivery]] = {}
        self._waiting: set[tuple[str, str, str]] = set()  # messages held back this run

    def run(self, queues: Mapping[str, list[Delivery]]) -> Outcome:
        self._lines = {name: deque(parts) for name, parts in queues.items() if parts}
        self._hold_back(self._holds())
        flying: dict[Future[Attempt], str] = {}
        with ThreadPoolExecutor(self.settings.workers, thread_name_prefix="send") as pool:
            while self._lines or flying:
                if self.settings.stopping.is_set():
                    self._stop_all()
                else:
                    for name, delivery in self._take(set(flying.values()), len(flying)):
                        channel = self.channels.get(name)
                        job = pool.submit(post, channel, delivery, self.settings.budget)
                        flying[job] = name
                if not flying:
                    continue
                done, _ = wait(flying, return_when=FIRST_COMPLETED)
                more, _ = wait(set(flying) - done, timeout=BATCH_SECONDS)
                self._record([(flying.pop(job), job.result()) for job in done | more])
        return self.outcome

    # ---- taking ----------------------------------------------------------------------------

    def _take(self, busy: set[str], in_flight: int) -> list[tuple[str, Delivery]]:
        """The next part of each idle channel, taken in one transaction."""
        heads: list[tuple[str, Delivery]] = []
        for name in list(self._lines):
            if len(heads) + in_flight >= self.settings.workers:
                break
            if name in busy:
                continue
            head = self._next(name)
            if head is not None:
                heads.append((name, head))
        taken = self.ledger.take_many([d for _, d in heads], early=self.settings.early)
        for _, delivery in heads:
            if delivery.id not in taken:  # not due yet, or another process has it
                self._waiting.add(delivery.message)
        return [(name, d) for name, d in heads if d.id in taken]

    def _next(self, name: str) -> Delivery | None:
        line = self._lines[name]
        while line:
            delivery = line.popleft()
            if delivery.message not in self._waiting:
                break
            self.outcome.add(PartResult(delivery, DeliveryStatus.pending, EARLIER))
        else:
            del self._lines[name]
            return None
        if not line:
            del self._lines[name]
        return delivery

    # ---- recording -------------------------------------------------------------------------

    def _record(self, attempts: list[tuple[str, Attempt]]) -> None:
        """Judge what came back and record it all in one transaction."""
        now, rng = self.ledger.store.now(), self.settings.rng
        judged = [
            (name, attempt.delivery, judge(attempt, name, self.configs.get(name), now, rng))
            for name, attempt in attempts
        ]
        settlements = [
            Settlement(d, v.status, v.reason or None, v.next_attempt, v.maybe_delivered)
            for _, d, v in judged
        ]
        try:
            self.ledger.settle_many(settlements)
        except Exception:  # the store refused the write: recovery settles them as uncertain
            log.exception("could not record the outcome of %d part(s)", len(settlements))
            for _, delivery, _verdict in judged:
                why = "its outcome could not be recorded"
                self.outcome.add(PartResult(delivery, DeliveryStatus.uncertain, why))
            return
        for name, delivery, verdict in judged:
            self._follow(name, delivery, verdict, now)

    def _follow(self, name: str, delivery: Delivery, verdict: Verdict, now: datetime) -> None:
        result = PartResult(delivery, verdict.status, verdict.reason, verdict.next_attempt)
        log_result(result, self.settings.zone)
        self.outcome.add(result)
        if verdict.resend:  # posted once more, first in its line
            again = replace(delivery, uncertain_at=delivery.uncertain_at or stamp(now))
            self._lines.setdefault(name, deque()).appendleft(again)
            log.warning("resending once: %s", delivery.key, extra={"event": "resend_uncertain"})
        elif verdict.status == DeliveryStatus.pending:
            self._waiting.add(delivery.message)
        channel = self.channels.get(name)
        if verdict.hold is not None and channel is not None:
            self.ledger.destinations.hold(channel.pace_key(), *verdict.hold)
            self._hold_back({name: verdict.hold})

    # ---- waiting ---------------------------------------------------------------------------

    def _holds(self) -> dict[str, tuple[datetime, str]]:
        """The channels whose destination the service asked to wait, with until when."""
        keys = {n: c.pace_key() for n in self._lines if (c := self.channels.get(n)) is not None}
        found = self.ledger.destinations.holds(list(set(keys.values())))
        return {name: found[key] for name, key in keys.items() if key in found}

    def _hold_back(self, holds: Mapping[str, tuple[datetime, str]]) -> None:
        for name, (until, reason) in holds.items():
            local = until.astimezone(self.settings.zone).isoformat(timespec="seconds")
            why = f"the service asked to wait until {local} ({reason})"
            for delivery in self._lines.pop(name, ()):
                self.outcome.add(PartResult(delivery, DeliveryStatus.pending, why, until))

    def _stop_all(self) -> None:
        for line in self._lines.values():
            for delivery in line:
                self.outcome.add(PartResult(delivery, DeliveryStatus.pending, "stopping"))
        self._lines.clear()
