"""The delivery ledger: a slot is claimed and its parts recorded in one transaction; every part
is taken for sending by one process, and settled as sent, retried later, failed, uncertain or
expired. Never sent twice unless its first outcome was unknown (and the channel allows it).

A slot row and all its parts are inserted together: only one process can win the unique
``(digest, slot)`` key, and no crash can leave a claimed slot without parts. A part is taken
with a conditional UPDATE (``pending`` and due -> ``sending``, owner recorded), so two processes
never post the same part; a part whose owner died while it was ``sending`` is settled by
whoever notices first (see :mod:`tracker.store.workers`). All SQL is SQLAlchemy Core with
conditional UPDATEs, so it runs the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select, tuple_, update
from sqlalchemy.exc import IntegrityError

from tracker.store import destinations as dest
from tracker.store import workers
from tracker.store.alerts import insert_alert, load_seen_statuses, write_seen_statuses
from tracker.store.deliveries import (
    Delivery,
    DeliveryStatus,
    SlotState,
    delivery_from_row,
    slot_text,
    stamp,
)
from tracker.store.ledger_slots import DEFAULT_LEASE, SlotBook, SlotRecord, process_id
from tracker.store.tables import deliveries, slots

__all__ = [
    "DEFAULT_LEASE",
    "Delivery",
    "DeliveryStatus",
    "Ledger",
    "SlotRecord",
    "SlotState",
    "process_id",
    "slot_text",
]


# The parts each owner in this process is sending right now. A part the ledger says this owner
# is sending but no thread here is (its settling write failed) is as abandoned as a dead
# process's: shared by every Ledger object of one owner.
_in_flight: dict[str, set[int]] = {}
_in_flight_lock = threading.Lock()


def _flying(owner: str) -> set[int]:
    with _in_flight_lock:
        return set(_in_flight.get(owner, ()))


def _fly(owner: str, delivery_id: int, flying: bool) -> None:
    with _in_flight_lock:
        ids = _in_flight.setdefault(owner, set())
        if flying:
            ids.add(delivery_id)
        else:
            ids.discard(delivery_id)


class Ledger(SlotBook):
    """Delivery bookkeeping on the store's ledger tables (see tracker/store/tables.py)."""

    # ---- parts ---------------------------------------------------------------------------

    def parts(
        self,
        statuses: Sequence[DeliveryStatus],
        *,
        digest: str | None = None,
        slot: datetime | None = None,
        channel: str | None = None,
    ) -> list[Delivery]:
        """Parts in ``statuses`` (optionally of one digest and its alerts, slot, channel), each
        channel's in sending order: by digest, slot and part number."""
        query = _with_as_of().where(deliveries.c.status.in_(statuses))
        if digest is not None:
            query = query.where(
                or_(
                    deliveries.c.digest == digest,
                    deliveries.c.digest.startswith(f"{digest}!alert-", autoescape=True),
                )
            )
        if slot is not None:
            query = query.where(deliveries.c.slot == slot_text(slot))
        if channel is not None:
            query = query.where(deliveries.c.channel == channel)
        query = query.order_by(
            deliveries.c.channel, deliveries.c.digest, deliveries.c.slot, deliveries.c.part
        )
        with self.store.read() as conn:
            return [delivery_from_row(row) for row in conn.execute(query)]

    def take(self, delivery: Delivery, *, early: bool = False) -> bool:
        """Move a due pending part to 'sending' for this process (``early``: before its next
        attempt time); False when another process has it or it is not due."""
        now = self._now()
        due: ColumnElement[bool] = or_(
            deliveries.c.next_attempt_at.is_(None), deliveries.c.next_attempt_at <= stamp(now)
        )
        condition = and_(deliveries.c.id == delivery.id, deliveries.c.status == "pending")
        with self.store.begin() as conn:
            workers.write_beat(conn, self.owner, now)
            result = conn.execute(
                update(deliveries)
                .where(condition if early else and_(condition, due))
                .values(
                    status=DeliveryStatus.sending,
                    owner=self.owner,
                    attempts=deliveries.c.attempts + 1,
                    updated_at=stamp(now),
                )
            )
            taken = result.rowcount == 1
        if taken:
            _fly(self.owner, delivery.id, True)
        return taken

    def settle(
        self,
        delivery: Delivery,
        status: DeliveryStatus,
        error: str | None = None,
        *,
        next_attempt: datetime | None = None,
        maybe_delivered: bool = False,
    ) -> bool:
        """Record the outcome of this process's attempt; False when the part is no longer
        ours (another process judged us gone and settled it)."""
        mine = and_(deliveries.c.status == DeliveryStatus.sending, deliveries.c.owner == self.owner)
        try:
            return self._settle(delivery, mine, status, error, next_attempt, maybe_delivered)
        finally:
            _fly(self.owner, delivery.id, False)

    def drop(self, delivery: Delivery) -> None:
        """This process will not settle ``delivery`` (its write failed): leave it to recovery."""
        _fly(self.owner, delivery.id, False)

    def abandoned(self) -> list[Delivery]:
        """Parts left 'sending' by a process that is gone (or by this one, outside any send):
        their outcome is unknown."""
        sending = self.parts([DeliveryStatus.sending])
        gone = self._gone({d.owner for d in sending if d.owner})
        flying = _flying(self.owner)
        legacy = stamp(self._now() - self.lease)
        return [
            d
            for d in sending
            if d.owner in gone
            or (d.owner == self.owner and d.id not in flying)
            or (d.owner is None and d.updated_at < legacy)
        ]

    def settle_abandoned(
        self, delivery: Delivery, status: DeliveryStatus, error: str, *, maybe_delivered: bool
    ) -> bool:
        """Settle a part of a dead process, unless someone else settled it first."""
        unchanged = and_(
            deliveries.c.status == DeliveryStatus.sending,
            deliveries.c.updated_at == delivery.updated_at,
        )
        return self._settle(delivery, unchanged, status, error, None, maybe_delivered)

    def expire(self, delivery: Delivery, error: str) -> bool:
        """A pending part past its ``expires_at`` will not be sent late."""
        still = deliveries.c.status == DeliveryStatus.pending
        return self._settle(delivery, still, DeliveryStatus.expired, error, None, False)

    def requeue(self, delivery: Delivery, expires_at: datetime) -> bool:
        """Put a failed, uncertain or expired part back in the queue, due now (tracker retry)."""
        with self.store.begin() as conn:
            result = conn.execute(
                update(deliveries)
                .where(deliveries.c.id == delivery.id, deliveries.c.status == delivery.status)
                .values(
                    status=DeliveryStatus.pending,
                    next_attempt_at=None,
                    expires_at=stamp(expires_at),
                    uncertain_at=None,  # an operator decided: a fresh start
                    updated_at=stamp(self._now()),
                )
            )
            return result.rowcount == 1

    def _settle(
        self,
        delivery: Delivery,
        condition: ColumnElement[bool],
        status: DeliveryStatus,
        error: str | None,
        next_attempt: datetime | None,
        maybe_delivered: bool,
    ) -> bool:
        now = self._now()
        values: dict[str, Any] = {"status": status, "updated_at": stamp(now), "last_error": error}
        values["next_attempt_at"] = stamp(next_attempt) if next_attempt else None
        if status == DeliveryStatus.sent:
            values["sent_at"] = stamp(now)
        if maybe_delivered:
            values["uncertain_at"] = delivery.uncertain_at or stamp(now)
        with self.store.begin() as conn:
            result = conn.execute(
                update(deliveries).where(deliveries.c.id == delivery.id, condition).values(**values)
            )
            return result.rowcount == 1

    def recent(self, limit_slots: int = 5) -> list[Delivery]:
        """Every part of the newest ``limit_slots`` slots of each digest, and of its newest
        ``limit_slots`` alerts."""
        with self.store.read() as conn:
            newest = conn.execute(
                select(slots.c.digest, slots.c.slot).order_by(slots.c.slot.desc())
            )
            taken: Counter[tuple[str, bool]] = Counter()
            keys = []
            for digest, slot in newest:
                group = (digest.split("!", 1)[0], "!" in digest)  # alerts are NAME!alert-ID
                if taken[group] < limit_slots:
                    taken[group] += 1
                    keys.append((digest, slot))
            if not keys:
                return []
            query = (
                _with_as_of()
                .where(tuple_(deliveries.c.digest, deliveries.c.slot).in_(keys))
                .order_by(
                    deliveries.c.digest,
                    deliveries.c.slot.desc(),
                    deliveries.c.channel,
                    deliveries.c.part,
                )
            )
            return [delivery_from_row(row) for row in conn.execute(query)]

    # ---- destinations: see tracker.store.destinations ---------------------------------------

    def reserve_post(self, destination: str, windows: Sequence[dest.Window], now: float) -> float:
        """Record a post to ``destination`` now, or say how many seconds to wait first."""
        try:
            with self.store.begin() as conn:
                dest.ensure_destination(conn, destination)
        except IntegrityError:  # another process made the row at the same moment
            pass
        with self.store.begin() as conn:
            return dest.reserve_post(conn, destination, windows, now)

    def hold(self, destination: str, until: datetime, reason: str) -> None:
        """The service asked for no post to ``destination`` before ``until``."""
        try:
            with self.store.begin() as conn:
                dest.ensure_destination(conn, destination)
        except IntegrityError:
            pass
        with self.store.begin() as conn:
            dest.hold_destination(conn, destination, until, reason)

    def hold_of(self, destination: str) -> tuple[datetime, str] | None:
        with self.store.read() as conn:
            return dest.destination_hold(conn, destination, self._now())

    # ---- alerts: see tracker.store.alerts -------------------------------------------------

    def seen_statuses(self, digest: str) -> dict[str, str]:
        """The status ``digest`` last saw for each goal (empty the first time)."""
        with self.store.read() as conn:
            return load_seen_statuses(conn, digest)

    def save_statuses(self, digest: str, statuses: Mapping[str, str]) -> None:
        """Remember the statuses ``digest`` has now seen (insert or update)."""
        if not statuses:
            return
        for attempt in (1, 2):
            try:
                with self.store.begin() as conn:
                    write_seen_statuses(conn, digest, statuses, updated_at=stamp(self._now()))
                return
            except IntegrityError:  # another process inserted a goal first: update it now
                if attempt == 2:
                    raise

    def record_alert(self, digest: str, goal: str, status: str, since: str | None) -> int | None:
        """The new alert's id, or None when this (goal, status, figure period) was alerted."""
        try:
            with self.store.begin() as conn:
                return insert_alert(
                    conn, digest, goal, status, since, created_at=self._now().isoformat()
                )
        except IntegrityError:
            return None


def _with_as_of() -> Select[Any]:
    """Parts with the as-of day their slot reports on."""
    joined = deliveries.outerjoin(
        slots, and_(slots.c.digest == deliveries.c.digest, slots.c.slot == deliveries.c.slot)
    )
    return select(*deliveries.c, slots.c.as_of).select_from(joined)
