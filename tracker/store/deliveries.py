"""What the delivery ledger holds: part and slot states, a part as read back, time stamps.

The SQL lives in :mod:`tracker.store.ledger`; this module is the vocabulary it shares with the
delivery loop and the commands that show deliveries.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol


class DeliveryStatus(StrEnum):
    """Where a part is.

    ``pending`` -> ``sending`` -> ``sent``. A failed attempt goes back to ``pending`` with a
    next-attempt time, or on to ``failed`` (permanent: the message or the configuration is at
    fault). ``uncertain``: an attempt may have reached the service and its answer never came
    (the process died mid-request, a read timeout); it is not posted again automatically.
    ``expired``: still unsent ``max_delay`` after it was recorded; reported, never sent late.
    """

    pending = "pending"
    sending = "sending"
    sent = "sent"
    failed = "failed"
    uncertain = "uncertain"
    expired = "expired"


# Parts the ledger still has to send (or is sending); every other status is final until
# ``tracker retry`` re-queues it.
OPEN_STATUSES = (DeliveryStatus.pending, DeliveryStatus.sending)


class SlotState(StrEnum):
    """Where a slot is: rendered (parts recorded, in the claim's own transaction) -> done (no
    part pending or sending). ``claimed`` (claimed, not yet rendered) is only found in stores
    written by earlier versions; such a claim is taken over once its owner is gone."""

    claimed = "claimed"
    rendered = "rendered"
    done = "done"


def stamp(moment: datetime) -> str:
    """A UTC ISO-8601 time stamp with microseconds, so stamps compare correctly as text."""
    if moment.tzinfo is None:
        raise ValueError("ledger times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_stamp(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


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
    """One part of one digest slot for one channel, as the ledger holds it.

    Times are UTC ISO-8601 text as stored; ``as_of`` is the day the slot reported on.
    """

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
    created_at: str
    updated_at: str
    sent_at: str | None
    payload: str
    owner: str | None = None
    next_attempt_at: str | None = None
    expires_at: str | None = None
    uncertain_at: str | None = None
    as_of: str | None = None

    @property
    def key(self) -> str:
        """Stable across retries and processes: used as the Standard Webhooks ``webhook-id``."""
        return f"{self.digest}/{self.slot}/{self.channel}/{self.part}"

    @property
    def message(self) -> tuple[str, str, str]:
        """The message this part belongs to: its parts go out in order."""
        return (self.digest, self.slot, self.channel)

    @property
    def maybe_delivered(self) -> bool:
        """An earlier attempt's outcome is unknown: the service may already have it."""
        return self.uncertain_at is not None

    @property
    def is_alert(self) -> bool:
        return "!alert-" in self.digest

    @property
    def digest_name(self) -> str:
        """The configured digest this part is for (alerts are keyed ``NAME!alert-ID``)."""
        return self.digest.split("!", 1)[0]


_DELIVERY_FIELDS = tuple(item.name for item in fields(Delivery))


def delivery_from_row(row: Any) -> Delivery:
    mapping = row._mapping
    values = {name: mapping[name] for name in _DELIVERY_FIELDS if name in mapping}
    return Delivery(**{**values, "status": DeliveryStatus(values["status"])})
