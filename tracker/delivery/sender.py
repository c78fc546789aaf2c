"""Deliver digests: evaluate, render, claim the slot with all its parts, then send each once.

Used by ``tracker digest send``, ``tracker retry``, ``tracker run`` and ``run --once`` alike.
A slot is rendered first and claimed together with every part in one transaction, so no crash
strands a claimed slot. Each run also settles what dead processes left ``sending`` (uncertain:
posted once more where the channel allows it), expires parts older than ``max_delay`` and
reports parts still waiting for their next attempt.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import requests
import requests.adapters

from tracker.channels import Channel, Part, make_channel
from tracker.config.channels import ChannelConfig
from tracker.config.project import Project
from tracker.config.settings import DigestConfig
from tracker.delivery.dispatch import Dispatcher, SendSettings
from tracker.delivery.heartbeat import Heartbeat
from tracker.delivery.outcome import Outcome, PartResult, log_result
from tracker.delivery.pacing import LedgerPaceGate, StopClock
from tracker.delivery.recovery import expire, settle_abandoned
from tracker.digest.document import DigestDocument
from tracker.pipeline import compose_digest
from tracker.store.database import Store
from tracker.store.deliveries import Delivery, DeliveryStatus, parse_stamp, slot_text
from tracker.store.ledger import Ledger, SlotRecord, SlotState

log = logging.getLogger("tracker.delivery.sender")

ChannelFactory = Callable[[str, ChannelConfig], Channel]


def pooled_session(workers: int) -> requests.Session:
    """A session with one connection pool per host, as large as the posts sent at once, so
    hundreds of channels on one service reuse their connections instead of opening new ones."""
    session = requests.Session()
    adapter = requests.adapters.HTTPAdapter(pool_connections=32, pool_maxsize=workers)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class Deliverer:
    """Turns digest configs into sent messages, through the ledger."""

    def __init__(
        self,
        project: Project,
        store: Store,
        *,
        ledger: Ledger | None = None,
        session: requests.Session | None = None,
        channel_factory: ChannelFactory | None = None,
        retry_budget: float = 60.0,
        stop: threading.Event | None = None,
        workers: int | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.project = project
        self.store = store
        self.ledger = ledger or Ledger(store)
        self.workers = workers or project.settings.send_workers
        self.session = session or pooled_session(self.workers)
        self.retry_budget = retry_budget
        self.stop = stop or threading.Event()
        self.rng = rng or random.Random()
        clock = StopClock(self.stop)
        self._factory = channel_factory or (
            lambda n, c: make_channel(n, c, self.session, clock=clock)
        )
        self._channels: dict[str, Channel] = {}
        self._pace_gate = LedgerPaceGate(self.ledger)
        self.heartbeat = Heartbeat(self.ledger)

    @property
    def zone(self) -> Any:
        return self.project.settings.zone

    def channel(self, name: str) -> Channel | None:
        """The configured channel ``name`` (built once), or None if no longer configured."""
        if name not in self._channels:
            config = self.project.settings.channels.get(name)
            if config is None:
                return None
            channel = self._factory(name, config)
            channel.pace_gate = self._pace_gate  # pacing shared with every other process
            self._channels[name] = channel
        return self._channels[name]

    # ---- composing -----------------------------------------------------------------------

    def compose(
        self,
        digest: DigestConfig,
        as_of: date,
        *,
        slot: datetime | None = None,
        previous: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> tuple[DigestDocument, dict[str, Any]]:
        """The digest document and the snapshot it shows."""
        return compose_digest(self.project, self.store, digest, as_of, slot=slot, previous=previous)

    def render_parts(
        self, digest: DigestConfig, document: DigestDocument, only: Sequence[str] | None = None
    ) -> dict[str, list[Part]]:
        parts: dict[str, list[Part]] = {}
        for name in digest.channels if only is None else only:
            channel = self.channel(name)
            if channel is None:
                raise KeyError(name)
            parts[name] = channel.render(document)
        return parts

    def _expiry(self, channels: Sequence[str]) -> dict[str, datetime]:
        now = self.store.now()
        settings = self.project.settings.channels
        return {c: now + settings[c].max_delay_delta for c in channels}

    # ---- delivering ----------------------------------------------------------------------

    def deliver_slot(self, digest: DigestConfig, slot: datetime, as_of: date) -> Outcome:
        """Render ``slot`` and claim it with all its parts, then send them. A slot already
        claimed is not rendered again: its open parts are sent, and channels added to the
        digest since get their parts now."""
        record = self.ledger.slot(digest.name, slot)
        if record is not None:
            self._add_channels(digest, slot, record)
            return self._unclaimed(digest.name, slot)
        previous = self.ledger.last_snapshot(digest.name, before=slot, as_of=as_of)
        document, shown = self.compose(digest, as_of, slot=slot, previous=previous)
        parts = self.render_parts(digest, document)
        if not self.ledger.record_slot(
            digest.name, slot, as_of, parts, shown, self._expiry(list(parts))
        ):
            return self._unclaimed(digest.name, slot)
        log.info(
            "slot claimed: %s %s",
            digest.name,
            slot.isoformat(),
            extra={"event": "slot_claimed", "digest": digest.name, "slot": slot.isoformat()},
        )
        return self.flush(digest.name, slot)

    def _unclaimed(self, name: str, slot: datetime) -> Outcome:
        outcome = self.flush(name, slot)
        outcome.claimed = False
        return outcome

    def _add_channels(self, digest: DigestConfig, slot: datetime, record: SlotRecord) -> None:
        """Parts for channels the slot has none for: added to the digest after the slot went
        out, or every channel of a claim an earlier version left unrendered."""
        stranded = record.state == SlotState.claimed
        if stranded and not self.ledger.owner_gone(record.claimed_by):
            return  # still being rendered by its (older) owner
        missing = [c for c in digest.channels if c not in record.channels]
        if not missing:
            return
        previous = self.ledger.last_snapshot(digest.name, before=slot, as_of=record.as_of)
        document, shown = self.compose(digest, record.as_of, slot=slot, previous=previous)
        parts = self.render_parts(digest, document, only=missing)
        snapshot = shown if stranded else None
        if self.ledger.add_parts(digest.name, slot, parts, self._expiry(missing), snapshot):
            log.info(
                "slot %s %s: parts recorded for %s",
                digest.name,
                slot.isoformat(),
                ", ".join(missing),
                extra={"event": "slot_resumed" if stranded else "channels_added"},
            )

    def deliver_document(
        self,
        name: str,
        slot: datetime,
        as_of: date,
        channels: Sequence[str],
        document: DigestDocument,
    ) -> Outcome:
        """Deliver a ready document (alerts) under its own ledger key."""
        if self.ledger.slot(name, slot) is not None:
            return self._unclaimed(name, slot)
        parts = {c: ch.render(document) for c in channels if (ch := self.channel(c))}
        if not self.ledger.record_slot(name, slot, as_of, parts, {}, self._expiry(list(parts))):
            return self._unclaimed(name, slot)
        return self.flush(name, slot)

    def resume_stranded(self) -> Outcome:
        """Finish claims an earlier version left unrendered by a process that is gone."""
        outcome = Outcome()
        for record in self.ledger.stranded_slots():
            digest = self.project.settings.digest(record.digest)
            if digest is None:
                continue
            slot = datetime.fromisoformat(record.slot).astimezone(self.zone)
            self._add_channels(digest, slot, record)
            outcome.merge(self.flush(record.digest, slot))
        return outcome

    def flush(
        self,
        digest: str | None = None,
        slot: datetime | None = None,
        *,
        channel: str | None = None,
        early: bool = False,
    ) -> Outcome:
        """Send every due open part (optionally of one digest, slot or channel; ``early``:
        before its next attempt time too). Channels run side by side, each in order."""
        outcome = Outcome()
        scope = _Scope(digest, slot, channel)
        with self.heartbeat:
            configs = self.project.settings.channels
            for result in [*settle_abandoned(self.ledger, configs), *expire(self.ledger, configs)]:
                log_result(result, self.zone)
                if result.status != DeliveryStatus.pending and scope.holds(result.delivery):
                    outcome.add(result)
            queues: dict[str, list[Delivery]] = {}
            for delivery in self.ledger.parts([DeliveryStatus.pending], **scope.filters()):
                queues.setdefault(delivery.channel, []).append(delivery)
            if queues:
                size = max(1, min(self.workers, len(queues)))
                settings = SendSettings(
                    self.retry_budget, early, self.zone, self.stop, self.rng, size
                )
                channels = {name: self.channel(name) for name in queues}
                dispatcher = Dispatcher(self.ledger, channels, configs, settings)
                outcome.merge(dispatcher.run(queues))
        # What is left waits for its next attempt: pending, and retried by a later run.
        for delivery in self.ledger.parts([DeliveryStatus.pending], **scope.filters()):
            if delivery.id not in outcome.results:
                outcome.add(_waiting(delivery))
        self.ledger.complete_slots()
        return outcome

    # ---- re-queueing (tracker retry) -------------------------------------------------------

    def requeue(
        self,
        statuses: Sequence[DeliveryStatus],
        *,
        digest: str | None = None,
        channel: str | None = None,
    ) -> list[Delivery]:
        """Put failed/uncertain/expired parts (of a digest, a channel) back in the queue."""
        requeued = []
        for delivery in self.ledger.parts(statuses, digest=digest, channel=channel):
            config = self.project.settings.channels.get(delivery.channel)
            if config is None:
                continue
            if self.ledger.requeue(delivery, self.store.now() + config.max_delay_delta):
                requeued.append(delivery)
        return requeued


@dataclass(frozen=True)
class _Scope:
    """Which parts a run reports on: one digest (with its alerts), slot, channel, or all."""

    digest: str | None
    slot: datetime | None
    channel: str | None

    def filters(self) -> dict[str, Any]:
        return {"digest": self.digest, "slot": self.slot, "channel": self.channel}

    def holds(self, delivery: Delivery) -> bool:
        return (
            (self.digest is None or delivery.digest_name == self.digest)
            and (self.slot is None or delivery.slot == slot_text(self.slot))
            and (self.channel is None or delivery.channel == self.channel)
        )


def _waiting(delivery: Delivery) -> PartResult:
    return PartResult(
        delivery,
        DeliveryStatus.pending,
        delivery.last_error or "waiting for its turn",
        parse_stamp(delivery.next_attempt_at),
    )
