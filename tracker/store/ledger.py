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

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, or_, select, tuple_, update

from tracker.store import workers
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
        return delivery.id in self.take_many([delivery], early=early)

    def take_many(self, wanted: Sequence[Delivery], *, early: bool = False) -> set[int]:
        """:meth:`take` for several parts in one transaction: the ids this process now has."""
        now = self._now()
        at = stamp(now)
        due = or_(deliveries.c.next_attempt_at.is_(None), deliveries.c.next_attempt_at <= at)
        taken: set[int] = set()
        with self.store.begin() as conn:
            workers.write_beat(conn, self.owner, now)
            for chunk in _chunks([d.id for d in wanted]):
                condition = and_(deliveries.c.id.in_(chunk), deliveries.c.status == "pending")
                conn.execute(
                    update(deliveries)
                    .where(condition if early else and_(condition, due))
                    .values(
                        status=DeliveryStatus.sending,
                        owner=self.owner,
                        attempts=deliveries.c.attempts + 1,
                        updated_at=at,
                    )
                )
                mine = select(deliveries.c.id).where(
                    deliveries.c.id.in_(chunk),
                    deliveries.c.status == DeliveryStatus.sending,
                    deliveries.c.owner == self.owner,
                    deliveries.c.updated_at == at,
                )
                taken.update(conn.execute(mine).scalars())
        for delivery_id in taken:
            workers.fly(self.owner, delivery_id, True)
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
            workers.fly(self.owner, delivery.id, False)

    def settle_many(self, settlements: Sequence[Settlement]) -> None:
        """:meth:`settle` for several parts in one transaction (one statement, many rows)."""
        if not settlements:
            return
        at = stamp(self._now())
        statement = (
            update(deliveries)
            .where(
                deliveries.c.id == bindparam("b_id"),
                deliveries.c.status == DeliveryStatus.sending,
                deliveries.c.owner == self.owner,
            )
            .values(
                {
                    name: bindparam(f"b_{name}")
                    for name in ("status", "updated_at", "last_error", "next_attempt_at")
                }
                | {"sent_at": bindparam("b_sent_at"), "uncertain_at": bindparam("b_uncertain_at")}
            )
        )
        rows = [
            {f"b_{k}": v for k, v in _settled(s.delivery, s.status, s.error, s.next_attempt,
                                              s.maybe_delivered, at).items()}
            | {"b_id": s.delivery.id}
            for s in settlements
        ]  # fmt: skip
        try:
            with self.store.begin() as conn:
                conn.execute(statement, rows)
        finally:
            for settlement in settlements:
                self.drop(settlement.delivery)

    def drop(self, delivery: Delivery) -> None:
        """This process no longer sends ``delivery``: it was settled, or its settling write
        failed and recovery (of this process or another) settles it as abandoned."""
        workers.fly(self.owner, delivery.id, False)

    def abandoned(self) -> list[Delivery]:
        """Parts left 'sending' by a process that is gone (or by this one, outside any send):
        their outcome is unknown."""
        sending = self.parts([DeliveryStatus.sending])
        gone = self._gone({d.owner for d in sending if d.owner})
        flying = workers.flying(self.owner)
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
        values = _settled(
            delivery, status, error, next_attempt, maybe_delivered, stamp(self._now())
        )
        statement = (
            update(deliveries).where(deliveries.c.id == delivery.id, condition).values(**values)
        )
        # Recorded through store.write: a database restart right after the send must not lose
        # the outcome (the update is conditional, so running it again changes nothing).
        return self.store.write(lambda conn: conn.execute(statement).rowcount == 1)

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


def _with_as_of() -> Select[Any]:
    """Parts with the as-of day their slot reports on."""
    joined = deliveries.outerjoin(
        slots, and_(slots.c.digest == deliveries.c.digest, slots.c.slot == deliveries.c.slot)
    )
    return select(*deliveries.c, slots.c.as_of).select_from(joined)


@dataclass(frozen=True)
class Settlement:
    """One outcome for :meth:`Ledger.settle_many`."""

    delivery: Delivery
    status: DeliveryStatus
    error: str | None = None
    next_attempt: datetime | None = None
    maybe_delivered: bool = False


def _settled(
    delivery: Delivery,
    status: DeliveryStatus,
    error: str | None,
    next_attempt: datetime | None,
    maybe_delivered: bool,
    at: str,
) -> dict[str, Any]:
    """The columns an outcome writes (every one, so rows of a batch share one statement)."""
    return {
        "status": status,
        "updated_at": at,
        "last_error": error,
        "next_attempt_at": stamp(next_attempt) if next_attempt else None,
        "sent_at": at if status == DeliveryStatus.sent else delivery.sent_at,
        "uncertain_at": (delivery.uncertain_at or at) if maybe_delivered else delivery.uncertain_at,
    }


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    """Bound each IN (...) list: SQLite limits bound parameters."""
    return [ids[start : start + size] for start in range(0, len(ids), size)]
