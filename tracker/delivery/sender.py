"""Deliver digests: evaluate, render, record every part in the ledger, then send each once.

Used by ``tracker digest send``, ``tracker run`` and ``tracker run --once`` alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import requests

from tracker.channels import Channel, Part, TransportError, make_channel
from tracker.config.channels import ChannelConfig
from tracker.config.project import Project
from tracker.config.settings import DigestConfig
from tracker.digest.document import DigestDocument
from tracker.pipeline import compose_digest
from tracker.store.database import Store
from tracker.store.ledger import Delivery, DeliveryStatus, Ledger

log = logging.getLogger("tracker.delivery.sender")

ChannelFactory = Callable[[str, ChannelConfig], Channel]


@dataclass
class Outcome:
    """What one delivery run did; ``ok`` when nothing is left pending or failed."""

    sent: list[Delivery] = field(default_factory=list)
    pending: list[tuple[Delivery, str]] = field(default_factory=list)
    failed: list[tuple[Delivery, str]] = field(default_factory=list)
    claimed: bool = True

    @property
    def ok(self) -> bool:
        return not self.pending and not self.failed

    def merge(self, other: Outcome) -> None:
        self.sent += other.sent
        self.pending += other.pending
        self.failed += other.failed


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
    ) -> None:
        self.project = project
        self.store = store
        self.ledger = ledger or Ledger(store)
        self.session = session or requests.Session()
        self.retry_budget = retry_budget
        self._factory = channel_factory or (lambda n, c: make_channel(n, c, self.session))
        self._channels: dict[str, Channel] = {}

    def channel(self, name: str) -> Channel | None:
        """The configured channel ``name`` (built once), or None if no longer configured."""
        if name not in self._channels:
            config = self.project.settings.channels.get(name)
            if config is None:
                return None
            self._channels[name] = self._factory(name, config)
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
        self, digest: DigestConfig, document: DigestDocument, only: str | None = None
    ) -> dict[str, list[Part]]:
        names = [only] if only else digest.channels
        parts: dict[str, list[Part]] = {}
        for name in names:
            channel = self.channel(name)
            if channel is None:
                raise KeyError(name)
            parts[name] = channel.render(document)
        return parts

    # ---- delivering ----------------------------------------------------------------------

    def deliver_slot(self, digest: DigestConfig, slot: datetime, as_of: date) -> Outcome:
        """Claim ``slot``, record its parts and send them; a slot already claimed is left alone
        except for its open parts, which are retried."""
        if not self.ledger.claim_slot(digest.name, slot, as_of):
            outcome = self.flush(digest.name, slot)
            outcome.claimed = False
            return outcome
        log.info(
            "slot claimed: %s %s",
            digest.name,
            slot.isoformat(),
            extra={"event": "slot_claimed", "digest": digest.name, "slot": slot.isoformat()},
        )
        previous = self.ledger.last_snapshot(digest.name, before=slot, as_of=as_of)
        document, shown = self.compose(digest, as_of, slot=slot, previous=previous)
        self.ledger.record_parts(digest.name, slot, self.render_parts(digest, document), shown)
        return self.flush(digest.name, slot)

    def deliver_document(
        self,
        name: str,
        slot: datetime,
        as_of: date,
        channels: Sequence[str],
        document: DigestDocument,
    ) -> Outcome:
        """Deliver a ready document (alerts) under its own ledger key."""
        if not self.ledger.claim_slot(name, slot, as_of):
            return Outcome(claimed=False)
        parts = {c: ch.render(document) for c in channels if (ch := self.channel(c))}
        self.ledger.record_parts(name, slot, parts, {})
        return self.flush(name, slot)

    def flush(self, digest: str | None = None, slot: datetime | None = None) -> Outcome:
        """Send every open part (optionally of one digest/slot); channels run side by side."""
        by_channel: dict[str, list[Delivery]] = {}
        for delivery in self.ledger.open_deliveries(digest, slot):
            by_channel.setdefault(delivery.channel, []).append(delivery)
        outcome = Outcome()
        if by_channel:
            with ThreadPoolExecutor(max_workers=min(8, len(by_channel))) as pool:
                for result in pool.map(self._send_channel, by_channel.items()):
                    outcome.merge(result)
        self.ledger.complete_slots()
        return outcome

    def _send_channel(self, item: tuple[str, list[Delivery]]) -> Outcome:
        name, queue = item
        outcome = Outcome()
        channel = self.channel(name)
        for index, delivery in enumerate(queue):
            if channel is None:
                self._finish(
                    delivery,
                    DeliveryStatus.failed,
                    f"channel {name!r} is no longer configured",
                    outcome,
                )
                continue
            if not self.ledger.take(delivery):
                continue  # another process is sending it
            try:
                channel.send(
                    Part.from_json(delivery.payload),
                    delivery.key,
                    deadline_seconds=self.retry_budget,
                )
            except TransportError as exc:
                if exc.permanent:
                    self._finish(delivery, DeliveryStatus.failed, str(exc), outcome)
                    continue
                self._finish(delivery, DeliveryStatus.pending, str(exc), outcome)
                # Keep parts in order: the rest of this channel waits for the next run.
                for later in queue[index + 1 :]:
                    outcome.pending.append((later, "waiting for an earlier part"))
                break
            except Exception as exc:  # a bug must not lose the part: leave it for a retry
                log.exception("unexpected error sending %s", delivery.key)
                self._finish(
                    delivery, DeliveryStatus.pending, f"{type(exc).__name__}: {exc}", outcome
                )
                break
            else:
                self._finish(delivery, DeliveryStatus.sent, None, outcome)
        return outcome

    def _finish(
        self, delivery: Delivery, status: DeliveryStatus, error: str | None, outcome: Outcome
    ) -> None:
        self.ledger.mark(delivery, status, error)
        # The ledger keys slots in UTC; people read them in the configured zone.
        local = datetime.fromisoformat(delivery.slot).astimezone(self.project.settings.zone)
        fields = {
            "digest": delivery.digest,
            "slot": local.isoformat(),
            "channel": delivery.channel,
            "part": f"{delivery.part}/{delivery.parts}",
        }
        if status == DeliveryStatus.sent:
            outcome.sent.append(delivery)
            log.info(
                "sent: %s → %s part %s/%s",
                delivery.digest,
                delivery.channel,
                delivery.part,
                delivery.parts,
                extra={"event": "sent", **fields},
            )
        elif status == DeliveryStatus.pending:
            outcome.pending.append((delivery, error or ""))
            log.warning(
                "will retry: %s → %s part %s/%s: %s",
                delivery.digest,
                delivery.channel,
                delivery.part,
                delivery.parts,
                error,
                extra={"event": "retry", **fields},
            )
        else:
            outcome.failed.append((delivery, error or ""))
            log.error(
                "failed: %s → %s part %s/%s: %s",
                delivery.digest,
                delivery.channel,
                delivery.part,
                delivery.parts,
                error,
                extra={"event": "failed", **fields},
            )
