"""The delivery ledger: claim a slot once, record every part before sending, never send twice.

A slot row is claimed with a conditional write that only one process can win (the unique
``(digest, slot)`` key, or a conditional UPDATE taking over a claim abandoned by a crash).
Parts are written as ``pending`` in the same transaction that marks the slot ``rendered``; a
part is taken for sending with a conditional UPDATE (``pending`` -> ``sending``), so two
processes never post the same part, and it becomes ``sent`` only on confirmed success.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import ColumnElement, and_, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from tracker.store.alerts import insert_alert, load_seen_statuses, write_seen_statuses
from tracker.store.database import Store
from tracker.store.tables import deliveries, slots


class DeliveryStatus(StrEnum):
    """Where a part is: pending -> sending -> sent; a failed try goes back to pending (retried)
    or on to failed (permanent)."""

    pending = "pending"
    sending = "sending"
    sent = "sent"
    failed = "failed"


class SlotState(StrEnum):
    """Where a slot is: claimed (being rendered) -> rendered (parts recorded) -> done (no part
    pending or sending)."""

    claimed = "claimed"
    rendered = "rendered"
    done = "done"


# A claim or a part left 'sending' this long ago belongs to a process that died.
DEFAULT_LEASE = timedelta(minutes=10)


def process_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def slot_text(moment: datetime) -> str:
    """Slots are keyed by their UTC instant, so every process writes the same text."""
    if moment.tzinfo is None:
        raise ValueError("slot times must be timezone-aware")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


class StoredPart(Protocol):
    """What the ledger keeps of a rendered part (a ``tracker.channels.Part``)."""

    @property
    def number(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def kind(self) -> str: ...
    def to_json(self) -> str: ...


@dataclass(frozen=True)
class Delivery:
    """One part of one digest slot for one channel, as the ledger holds it."""

    id: int
    digest: str
    slot: str
    channel: str
    part: int
    parts: int
    kind: str
    status: DeliveryStatus
    attempts: int
    last_error: str | None
    updated_at: str
    sent_at: str | None
    payload: str

    @property
    def key(self) -> str:
        """Stable across retries and processes: used as the Standard Webhooks ``webhook-id``."""
        return f"{self.digest}/{self.slot}/{self.channel}/{self.part}"


class Ledger:
    """Delivery bookkeeping on the store's ``slots``, ``deliveries`` and ``alerts`` tables."""

    def __init__(self, store: Store, owner: str | None = None, lease: timedelta = DEFAULT_LEASE):
        self.store = store
        self.owner = owner or process_id()
        self.lease = lease

    def _now(self) -> datetime:
        return self.store.now()

    # ---- slots ---------------------------------------------------------------------------

    def claim_slot(self, digest: str, slot: datetime, as_of: date) -> bool:
        """Take ``slot`` for this process; False when another process has (or had) it."""
        now = self._now()
        key = slot_text(slot)
        row = {
            "digest": digest,
            "slot": key,
            "claimed_by": self.owner,
            "claimed_at": now.isoformat(),
            "as_of": as_of.isoformat(),
            "state": SlotState.claimed,
        }
        try:
            with self.store.begin() as conn:
                conn.execute(insert(slots).values(**row))
            return True
        except IntegrityError:
            pass
        # Take over a claim whose owner died before recording any part.
        with self.store.begin() as conn:
            result = conn.execute(
                update(slots)
                .where(
                    slots.c.digest == digest,
                    slots.c.slot == key,
                    slots.c.state == SlotState.claimed,
                    slots.c.claimed_at < (now - self.lease).isoformat(),
                )
                .values(claimed_by=self.owner, claimed_at=now.isoformat(), as_of=as_of.isoformat())
            )
            return result.rowcount == 1

    def record_parts(
        self,
        digest: str,
        slot: datetime,
        parts: Mapping[str, Sequence[StoredPart]],
        snapshot: Mapping[str, Any],
    ) -> None:
        """Write every part as pending and the slot as rendered, in one transaction."""
        now = self._now().isoformat()
        key = slot_text(slot)
        rows = [
            {"digest": digest, "slot": key, "channel": channel, **_pending_part(part, now)}
            for channel, channel_parts in parts.items()
            for part in channel_parts
        ]
        with self.store.begin() as conn:
            if rows:
                conn.execute(insert(deliveries), rows)
            conn.execute(
                update(slots)
                .where(slots.c.digest == digest, slots.c.slot == key)
                .values(state=SlotState.rendered, snapshot=json.dumps(snapshot, ensure_ascii=False))
            )

    def complete_slots(self) -> None:
        """Mark rendered slots done once none of their parts is pending or sending."""
        open_parts = (
            select(deliveries.c.id)
            .where(
                deliveries.c.digest == slots.c.digest,
                deliveries.c.slot == slots.c.slot,
                deliveries.c.status.in_([DeliveryStatus.pending, DeliveryStatus.sending]),
            )
            .exists()
        )
        with self.store.begin() as conn:
            conn.execute(
                update(slots)
                .where(slots.c.state == SlotState.rendered, ~open_parts)
                .values(state=SlotState.done)
            )

    def last_snapshot(
        self, digest: str, before: datetime | None = None, as_of: date | None = None
    ) -> dict[str, Any] | None:
        """The evaluation shown by the newest delivered slot of ``digest``: before the slot
        ``before`` and, so a past day replays correctly, for an as-of no later than ``as_of``."""
        query = select(slots.c.snapshot).where(
            slots.c.digest == digest,
            slots.c.state == SlotState.done,
            slots.c.snapshot.is_not(None),
        )
        if before is not None:
            query = query.where(slots.c.slot < slot_text(before))
        if as_of is not None:
            query = query.where(slots.c.as_of <= as_of.isoformat())
        with self.store.read() as conn:
            # "Last" means the latest day reported on, so a back-dated manual send does not
            # pose as the newest digest; same day: the later slot.
            newest = query.order_by(slots.c.as_of.desc(), slots.c.slot.desc()).limit(1)
            text = conn.execute(newest).scalar()
        return json.loads(text) if text else None

    # ---- parts ---------------------------------------------------------------------------

    def open_deliveries(
        self,
        digest: str | None = None,
        slot: datetime | None = None,
    ) -> list[Delivery]:
        """Parts still to send: pending ones, and 'sending' ones whose sender died."""
        query = select(*deliveries.c).where(self._to_send(self._now()))
        if digest is not None:
            query = query.where(deliveries.c.digest == digest)
        if slot is not None:
            query = query.where(deliveries.c.slot == slot_text(slot))
        query = query.order_by(deliveries.c.slot, deliveries.c.channel, deliveries.c.part)
        with self.store.read() as conn:
            return [_delivery(row) for row in conn.execute(query)]

    def _to_send(self, now: datetime) -> ColumnElement[bool]:
        """Pending parts, and parts left 'sending' longer than the lease (their sender died)."""
        return or_(
            deliveries.c.status == DeliveryStatus.pending,
            and_(
                deliveries.c.status == DeliveryStatus.sending,
                deliveries.c.updated_at < (now - self.lease).isoformat(),
            ),
        )

    def take(self, delivery: Delivery) -> bool:
        """Atomically move a part to 'sending' for this process; False if someone else has it."""
        now = self._now()
        with self.store.begin() as conn:
            result = conn.execute(
                update(deliveries)
                .where(deliveries.c.id == delivery.id, self._to_send(now))
                .values(
                    status=DeliveryStatus.sending,
                    attempts=deliveries.c.attempts + 1,
                    updated_at=now.isoformat(),
                )
            )
            return result.rowcount == 1

    def mark(self, delivery: Delivery, status: DeliveryStatus, error: str | None = None) -> None:
        """Record the outcome: sent, pending (retry next run) or failed (permanent)."""
        now = self._now().isoformat()
        values: dict[str, Any] = {"status": status, "updated_at": now, "last_error": error}
        if status == DeliveryStatus.sent:
            values["sent_at"] = now
        statement = update(deliveries).where(deliveries.c.id == delivery.id).values(**values)
        # Safe to repeat; a database restart right after the send must not leave it 'sending'.
        self.store.write(lambda conn: conn.execute(statement))

    def recent(self, limit_slots: int = 5) -> list[Delivery]:
        """Every part of the newest ``limit_slots`` slots of each digest."""
        ranked = select(
            slots.c.digest,
            slots.c.slot,
            func.row_number()
            .over(partition_by=slots.c.digest, order_by=slots.c.slot.desc())
            .label("rank"),
        ).subquery()
        query = (
            select(*deliveries.c)
            .join(
                ranked,
                and_(ranked.c.digest == deliveries.c.digest, ranked.c.slot == deliveries.c.slot),
            )
            .where(ranked.c.rank <= limit_slots)
            .order_by(
                deliveries.c.digest,
                deliveries.c.slot.desc(),
                deliveries.c.channel,
                deliveries.c.part,
            )
        )
        with self.store.read() as conn:
            return [_delivery(row) for row in conn.execute(query)]

    # ---- alerts: see tracker.store.alerts -------------------------------------------------

    def seen_statuses(self, digest: str) -> dict[str, str]:
        """The status ``digest`` last saw for each goal (empty the first time)."""
        with self.store.read() as conn:
            return load_seen_statuses(conn, digest)

    def save_statuses(self, digest: str, statuses: Mapping[str, str]) -> None:
        """Remember the statuses ``digest`` has now seen (insert or update)."""
        if not statuses:
            return
        with self.store.begin() as conn:
            write_seen_statuses(conn, digest, statuses, updated_at=self._now().isoformat())

    def record_alert(self, digest: str, goal: str, status: str, since: str | None) -> int | None:
        """The new alert's id, or None when this (goal, status, figure period) was alerted."""
        try:
            with self.store.begin() as conn:
                return insert_alert(
                    conn, digest, goal, status, since, created_at=self._now().isoformat()
                )
        except IntegrityError:
            return None


def _pending_part(part: StoredPart, now: str) -> dict[str, Any]:
    return {
        "part": part.number,
        "parts": part.total,
        "kind": part.kind,
        "payload": part.to_json(),
        "status": DeliveryStatus.pending,
        "attempts": 0,
        "created_at": now,
        "updated_at": now,
    }


_DELIVERY_FIELDS = tuple(item.name for item in fields(Delivery))


def _delivery(row: Any) -> Delivery:
    values = {name: row._mapping[name] for name in _DELIVERY_FIELDS}
    return Delivery(**{**values, "status": DeliveryStatus(values["status"])})
