"""What a delivery run did, part by part, and the exit code and JSON the commands report.

Exit codes (``run --once``, ``digest send``, ``retry``): 0 everything delivered; 75 (EX_TEMPFAIL)
something is still pending and will be retried; 1 something failed permanently, expired or is
uncertain (it may or may not have arrived: someone has to look).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from tracker.store.deliveries import Delivery, DeliveryStatus, parse_stamp

log = logging.getLogger("tracker.delivery")

EXIT_DELIVERED = 0
EXIT_FAILED = 1
EXIT_PENDING = 75

# Statuses that need a person: the part will not go out by itself.
NEEDS_ATTENTION = (DeliveryStatus.failed, DeliveryStatus.expired, DeliveryStatus.uncertain)
REPORTED = (DeliveryStatus.sent, DeliveryStatus.pending, *NEEDS_ATTENTION)


@dataclass(frozen=True)
class PartResult:
    """Where one part stands after a run: its status, why, and when it is tried next."""

    delivery: Delivery
    status: DeliveryStatus
    reason: str = ""
    next_attempt: datetime | None = None


@dataclass
class Outcome:
    """Every part a run touched (or found waiting), by ledger id; the latest word wins."""

    results: dict[int, PartResult] = field(default_factory=dict)
    claimed: bool = True

    def add(self, result: PartResult) -> None:
        self.results[result.delivery.id] = result

    def merge(self, other: Outcome) -> None:
        self.results.update(other.results)

    def of(self, status: DeliveryStatus) -> list[PartResult]:
        return [r for r in self.results.values() if r.status == status]

    @property
    def sent(self) -> list[PartResult]:
        return self.of(DeliveryStatus.sent)

    @property
    def pending(self) -> list[PartResult]:
        return self.of(DeliveryStatus.pending)

    @property
    def failed(self) -> list[PartResult]:
        return self.of(DeliveryStatus.failed)

    @property
    def uncertain(self) -> list[PartResult]:
        return self.of(DeliveryStatus.uncertain)

    @property
    def expired(self) -> list[PartResult]:
        return self.of(DeliveryStatus.expired)

    @property
    def ok(self) -> bool:
        return self.exit_code == EXIT_DELIVERED

    @property
    def exit_code(self) -> int:
        if any(r.status in NEEDS_ATTENTION for r in self.results.values()):
            return EXIT_FAILED
        return EXIT_PENDING if self.pending else EXIT_DELIVERED

    def counts(self) -> dict[str, int]:
        return {str(status): len(self.of(status)) for status in REPORTED}

    def summary(self) -> str:
        """``2 sent, 1 pending, 0 failed, 0 uncertain, 0 expired``."""
        return ", ".join(f"{n} {status}" for status, n in self.counts().items())

    def ordered(self) -> list[PartResult]:
        return sorted(self.results.values(), key=lambda r: _order(r.delivery))

    def to_json(self, zone: tzinfo) -> dict[str, Any]:
        """``{"exit_code", "counts", "parts": [...]}``, times in ``zone`` with their offset."""
        return {
            "exit_code": self.exit_code,
            "counts": self.counts(),
            "parts": [part_json(r.delivery, zone, r) for r in self.ordered()],
        }


def _order(delivery: Delivery) -> tuple[str, str, str, int]:
    return (delivery.digest, delivery.slot, delivery.channel, delivery.part)


def local_time(stamp: str | None, zone: tzinfo) -> str | None:
    """A stored UTC stamp as ISO-8601 in ``zone``, offset included, to the second."""
    moment = parse_stamp(stamp)
    return moment.astimezone(zone).isoformat(timespec="seconds") if moment else None


def part_json(delivery: Delivery, zone: tzinfo, result: PartResult | None = None) -> dict[str, Any]:
    """One part as ``status --json`` and the commands' ``--json`` show it."""
    status = result.status if result else delivery.status
    next_attempt = result.next_attempt if result else parse_stamp(delivery.next_attempt_at)
    if status != DeliveryStatus.pending:
        next_attempt = None
    return {
        "digest": delivery.digest_name,
        "alert": delivery.digest if delivery.is_alert else None,
        "slot": local_time(delivery.slot, zone),
        "as_of": delivery.as_of,
        "channel": delivery.channel,
        "part": delivery.part,
        "parts": delivery.parts,
        "kind": delivery.kind,
        "status": str(status),
        "attempts": delivery.attempts,
        "error": (result.reason if result else None) or delivery.last_error,
        "sent_at": local_time(delivery.sent_at, zone),
        "next_attempt": next_attempt.astimezone(zone).isoformat(timespec="seconds")
        if next_attempt
        else None,
        "uncertain_since": local_time(delivery.uncertain_at, zone),
        "expires_at": local_time(delivery.expires_at, zone),
    }


def describe(result: PartResult, zone: tzinfo) -> str:
    """One line: ``pending: hook part 1/2: why; next attempt T (weekly, slot T)``."""
    delivery = result.delivery
    line = f"{result.status}: {delivery.channel} part {delivery.part}/{delivery.parts}"
    if result.status == DeliveryStatus.sent:
        return line
    if result.reason:
        line += f": {result.reason}"
    if result.next_attempt is not None and result.status == DeliveryStatus.pending:
        line += (
            f"; next attempt {result.next_attempt.astimezone(zone).isoformat(timespec='seconds')}"
        )
    return f"{line} ({delivery.digest}, slot {local_time(delivery.slot, zone)})"


def _fields(delivery: Delivery, zone: tzinfo) -> dict[str, str]:
    local = datetime.fromisoformat(delivery.slot).astimezone(zone)
    return {
        "digest": delivery.digest,
        "slot": local.isoformat(),
        "channel": delivery.channel,
        "part": f"{delivery.part}/{delivery.parts}",
    }


_LOG = {
    DeliveryStatus.sent: (logging.INFO, "sent", "sent: %s → %s part %s/%s"),
    DeliveryStatus.pending: (logging.WARNING, "retry", "will retry: %s → %s part %s/%s: %s"),
    DeliveryStatus.failed: (logging.ERROR, "failed", "failed: %s → %s part %s/%s: %s"),
    DeliveryStatus.uncertain: (
        logging.ERROR,
        "uncertain",
        "uncertain, not sent again: %s → %s part %s/%s: %s",
    ),
    DeliveryStatus.expired: (logging.ERROR, "expired", "expired: %s → %s part %s/%s: %s"),
}


def log_result(result: PartResult, zone: tzinfo) -> None:
    """One log line per settled part, with the ledger key's fields (slot in ``zone``)."""
    level, event, message = _LOG[result.status]
    delivery = result.delivery
    args: list[object] = [delivery.digest, delivery.channel, delivery.part, delivery.parts]
    if result.status != DeliveryStatus.sent:
        args.append(result.reason)
    extra = {"event": event, **_fields(delivery, zone)}
    if result.next_attempt is not None:
        extra["next_attempt"] = result.next_attempt.astimezone(zone).isoformat(timespec="seconds")
    log.log(level, message, *args, extra=extra)
