"""The ledger's slots: claimed and rendered in one transaction, completed, and the snapshot a
delivered slot showed; and which owners are still alive to finish what they started."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from tracker.store import workers
from tracker.store.database import Store
from tracker.store.deliveries import (
    OPEN_STATUSES,
    DeliveryStatus,
    SlotState,
    StoredPart,
    slot_text,
    stamp,
)
from tracker.store.destinations import Destinations
from tracker.store.tables import deliveries, slots

# Rows written before owners were recorded: 'sending' this long ago means the sender died.
DEFAULT_LEASE = timedelta(minutes=10)

process_id = workers.process_id


@dataclass(frozen=True)
class SlotRecord:
    """A slot row: its state, the day it reports on, who claimed it, which channels it has."""

    digest: str
    slot: str
    state: SlotState
    as_of: date
    claimed_by: str
    channels: frozenset[str]


class SlotBook:
    """The ledger's slots and its owner's liveness; :class:`~tracker.store.ledger.Ledger` adds
    the parts."""

    def __init__(self, store: Store, owner: str | None = None, lease: timedelta = DEFAULT_LEASE):
        self.store = store
        self.owner = owner or process_id()
        self.lease = lease
        self.destinations = Destinations(store)  # pacing and holds, across processes

    def _now(self) -> datetime:
        return self.store.now()

    # ---- liveness ------------------------------------------------------------------------

    def beat(self) -> None:
        """Say this owner is alive (the delivery loop beats while it sends)."""
        with self.store.begin() as conn:
            workers.write_beat(conn, self.owner, self._now())

    def forget(self) -> None:
        """This owner is done (a clean exit): nothing of its is sending any more."""
        with self.store.begin() as conn:
            workers.forget(conn, self.owner)
            workers.prune(conn, self._now())

    def owner_gone(self, owner: str) -> bool:
        """Whether ``owner`` has stopped (see :mod:`tracker.store.workers`)."""
        return bool(self._gone({owner}))

    def _gone(self, owners: set[str]) -> set[str]:
        now = self._now()
        with self.store.read() as conn:
            beats = workers.last_beats(conn, owners)
        return {o for o in owners if o != self.owner and workers.gone(o, beats.get(o), now)}

    # ---- slots ---------------------------------------------------------------------------

    def slot(self, digest: str, slot: datetime) -> SlotRecord | None:
        """The slot's row and the channels it has parts for; None when nobody claimed it."""
        key = slot_text(slot)
        with self.store.read() as conn:
            row = conn.execute(
                select(slots).where(slots.c.digest == digest, slots.c.slot == key)
            ).first()
            names = conn.execute(
                select(deliveries.c.channel)
                .where(deliveries.c.digest == digest, deliveries.c.slot == key)
                .distinct()
            ).scalars()
            channels = frozenset(names)
        return _slot_record(row, channels) if row is not None else None

    def record_slot(
        self,
        digest: str,
        slot: datetime,
        as_of: date,
        parts: Mapping[str, Sequence[StoredPart]],
        snapshot: Mapping[str, Any],
        expires: Mapping[str, datetime],
    ) -> bool:
        """Claim ``slot`` and record every part as pending, in one transaction; False when
        another process has (or had) the slot."""
        now = self._now()
        row = {
            "digest": digest,
            "slot": slot_text(slot),
            "claimed_by": self.owner,
            "claimed_at": stamp(now),
            "as_of": as_of.isoformat(),
            "state": SlotState.rendered,
            "snapshot": json.dumps(snapshot, ensure_ascii=False),
        }
        try:
            with self.store.begin() as conn:
                conn.execute(insert(slots).values(**row))
                self._insert_parts(conn, digest, slot, parts, expires, now)
        except IntegrityError:
            return False
        return True

    def add_parts(
        self,
        digest: str,
        slot: datetime,
        parts: Mapping[str, Sequence[StoredPart]],
        expires: Mapping[str, datetime],
        snapshot: Mapping[str, Any] | None = None,
    ) -> bool:
        """Record parts for channels a slot has none for yet (a channel added later, or a claim
        an earlier version left unrendered: then ``snapshot`` completes the slot too)."""
        now = self._now()
        key = slot_text(slot)
        try:
            with self.store.begin() as conn:
                self._insert_parts(conn, digest, slot, parts, expires, now)
                if snapshot is not None:
                    conn.execute(
                        update(slots)
                        .where(
                            slots.c.digest == digest,
                            slots.c.slot == key,
                            slots.c.state == SlotState.claimed,
                        )
                        .values(
                            state=SlotState.rendered,
                            claimed_by=self.owner,
                            claimed_at=stamp(now),
                            snapshot=json.dumps(snapshot, ensure_ascii=False),
                        )
                    )
        except IntegrityError:  # another process recorded them first
            return False
        return True

    def _insert_parts(
        self,
        conn: Connection,
        digest: str,
        slot: datetime,
        parts: Mapping[str, Sequence[StoredPart]],
        expires: Mapping[str, datetime],
        now: datetime,
    ) -> None:
        rows = [
            {"digest": digest, "slot": slot_text(slot), "channel": channel}
            | _pending_part(part, now, expires[channel])
            for channel, channel_parts in parts.items()
            for part in channel_parts
        ]
        if rows:
            conn.execute(insert(deliveries), rows)

    def stranded_slots(self) -> list[SlotRecord]:
        """Claims an earlier version left unrendered whose owner is gone."""
        with self.store.read() as conn:
            rows = list(conn.execute(select(slots).where(slots.c.state == SlotState.claimed)))
        gone = self._gone({row.claimed_by for row in rows})
        return [_slot_record(row, frozenset()) for row in rows if row.claimed_by in gone]

    def complete_slots(self) -> None:
        """Mark rendered slots done once none of their parts is pending or sending."""
        open_parts = (
            select(deliveries.c.id)
            .where(
                deliveries.c.digest == slots.c.digest,
                deliveries.c.slot == slots.c.slot,
                deliveries.c.status.in_(OPEN_STATUSES),
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


def _slot_record(row: Any, channels: frozenset[str]) -> SlotRecord:
    return SlotRecord(
        digest=row.digest,
        slot=row.slot,
        state=SlotState(row.state),
        as_of=date.fromisoformat(row.as_of),
        claimed_by=row.claimed_by,
        channels=channels,
    )


def _pending_part(part: StoredPart, now: datetime, expires_at: datetime) -> dict[str, Any]:
    return {
        "part": part.number,
        "parts": part.total,
        "kind": part.kind,
        "payload": part.to_json(),
        "status": DeliveryStatus.pending,
        "attempts": 0,
        "created_at": stamp(now),
        "updated_at": stamp(now),
        "expires_at": stamp(expires_at),
    }
