"""One channel's open parts, sent in order: take, post, settle, and decide what comes next.

The parts of one message (digest, slot, channel) go out in order: a part that must wait holds
back the rest of its message. A service's "wait until" (Retry-After, throttle codes) holds
back everything to that destination and is kept in the ledger, so other runs and replicas
wait too. A part whose attempt may have reached the service is ``uncertain``: posted at most
once more, and only when the channel's ``resend_uncertain`` allows it.
"""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo

from tracker.channels import Channel, Part, TransportError
from tracker.config.channels import ChannelConfig
from tracker.delivery.outcome import Outcome, PartResult
from tracker.delivery.pacing import Stopping
from tracker.delivery.schedule import next_attempt
from tracker.store.deliveries import Delivery, DeliveryStatus, parse_stamp, stamp
from tracker.store.ledger import Ledger

log = logging.getLogger("tracker.delivery")

NOT_CONFIGURED = "channel {name!r} is no longer configured"
DIED = "the process sending it stopped mid-request: it may have been delivered"


@dataclass(frozen=True)
class QueueSettings:
    """How a run sends: the in-run retry budget, whether to go before the next attempt time
    (``tracker retry``), what stops it, and the zone logs show times in."""

    budget: float
    early: bool
    zone: tzinfo
    stopping: threading.Event
    rng: random.Random


class ChannelQueue:
    """Sends one channel's parts, in order, through the ledger."""

    def __init__(
        self,
        ledger: Ledger,
        name: str,
        channel: Channel | None,
        config: ChannelConfig | None,
        settings: QueueSettings,
    ) -> None:
        self.ledger = ledger
        self.name = name
        self.channel = channel
        self.config = config
        self.settings = settings

    def run(self, parts: list[Delivery]) -> Outcome:
        outcome = Outcome()
        held = self._held()
        waiting: set[tuple[str, str, str]] = set()
        for delivery in parts:
            if held is not None:
                outcome.add(held(delivery))
                continue
            if self.settings.stopping.is_set():
                outcome.add(PartResult(delivery, DeliveryStatus.pending, "stopping"))
                continue
            if delivery.message in waiting:
                outcome.add(PartResult(delivery, DeliveryStatus.pending, _EARLIER))
                continue
            if not self.ledger.take(delivery, early=self.settings.early):
                waiting.add(delivery.message)  # not due yet, or another process has it
                continue
            result = self._attempt(delivery)
            outcome.add(result)
            if result.status == DeliveryStatus.pending:
                waiting.add(delivery.message)
                held = self._held()
        return outcome

    def _held(self) -> _Held | None:
        if self.channel is None:
            return None
        hold = self.ledger.hold_of(self.channel.pace_key())
        return _Held(*hold, zone=self.settings.zone) if hold else None

    # ---- one part ------------------------------------------------------------------------

    def _attempt(self, delivery: Delivery) -> PartResult:
        if self.channel is None:
            return self._settle(
                delivery, DeliveryStatus.failed, NOT_CONFIGURED.format(name=self.name)
            )
        try:
            self.channel.send(
                Part.from_json(delivery.payload),
                delivery.key,
                deadline_seconds=self.settings.budget,
                # The one more post an uncertain part may get: no retries around it.
                attempts=1 if delivery.maybe_delivered else None,
            )
        except Stopping as exc:
            return self._settle(delivery, DeliveryStatus.pending, str(exc))
        except TransportError as exc:
            if exc.permanent:
                return self._settle(delivery, DeliveryStatus.failed, str(exc))
            if exc.uncertain or delivery.maybe_delivered:
                return self._uncertain(delivery, str(exc))
            return self._later(delivery, exc)
        except Exception as exc:  # a bug after the request left: it may have arrived
            log.exception("unexpected error sending %s", delivery.key)
            return self._uncertain(delivery, f"{type(exc).__name__}: {exc}")
        return self._settle(delivery, DeliveryStatus.sent)

    def _uncertain(self, delivery: Delivery, error: str) -> PartResult:
        """The attempt may have delivered the part: post it once more, or leave it uncertain."""
        resend = self.config is not None and self.config.resends_uncertain
        if delivery.maybe_delivered or not resend:
            return self._settle(delivery, DeliveryStatus.uncertain, error, maybe_delivered=True)
        self._settle(delivery, DeliveryStatus.pending, error, maybe_delivered=True)
        again = replace(delivery, uncertain_at=stamp(self.ledger.store.now()))
        if not self.ledger.take(again):
            return PartResult(again, DeliveryStatus.pending, error)
        log.warning(
            "resending once: %s → %s part %s/%s: %s",
            delivery.digest,
            delivery.channel,
            delivery.part,
            delivery.parts,
            error,
            extra={"event": "resend_uncertain", **_fields(delivery, self.settings.zone)},
        )
        return self._attempt(again)

    def _later(self, delivery: Delivery, exc: TransportError) -> PartResult:
        """A transient failure: schedule the next attempt, or expire past ``max_delay``."""
        now = self.ledger.store.now()
        if exc.retry_after and self.channel is not None:
            until = now + timedelta(seconds=exc.retry_after)
            self.ledger.hold(self.channel.pace_key(), until, str(exc))
        when = next_attempt(now, delivery.attempts + 1, exc.retry_after, self.settings.rng)
        expires = parse_stamp(delivery.expires_at)
        if expires is not None and when > expires:
            why = f"{exc}; the next attempt would come after max_delay"
            return self._settle(delivery, DeliveryStatus.expired, why)
        return self._settle(delivery, DeliveryStatus.pending, str(exc), next_attempt_at=when)

    def _settle(
        self,
        delivery: Delivery,
        status: DeliveryStatus,
        error: str | None = None,
        *,
        next_attempt_at: datetime | None = None,
        maybe_delivered: bool = False,
    ) -> PartResult:
        try:
            mine = self.ledger.settle(
                delivery,
                status,
                error,
                next_attempt=next_attempt_at,
                maybe_delivered=maybe_delivered,
            )
        except Exception:  # the store refused the write: recovery settles it as uncertain
            log.exception("could not record the outcome of %s", delivery.key)
            self.ledger.drop(delivery)
            return PartResult(delivery, DeliveryStatus.uncertain, "its outcome was not recorded")
        if not mine:
            log.warning("%s was settled by another process meanwhile", delivery.key)
        result = PartResult(delivery, status, error or "", next_attempt_at)
        log_result(result, self.settings.zone)
        return result


_EARLIER = "waiting for an earlier part"


@dataclass(frozen=True)
class _Held:
    """The service asked for no post before ``until``."""

    until: datetime
    reason: str
    zone: tzinfo

    def __call__(self, delivery: Delivery) -> PartResult:
        until = self.until.astimezone(self.zone).isoformat(timespec="seconds")
        why = f"the service asked to wait until {until} ({self.reason})"
        return PartResult(delivery, DeliveryStatus.pending, why, self.until)


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
