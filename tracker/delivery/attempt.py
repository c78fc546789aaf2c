"""One post of one part, and what the ledger should record about it.

:func:`post` runs on a worker thread and only talks to the service; :func:`judge` turns what
happened into a :class:`Verdict` (status, reason, next attempt, whether it may have arrived,
whether the destination is held, whether it is posted once more), which the dispatcher writes
to the ledger in batches.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.channels import Channel, Part, TransportError
from tracker.config.channels import ChannelConfig
from tracker.delivery.pacing import Stopping
from tracker.delivery.schedule import next_attempt
from tracker.store.deliveries import Delivery, DeliveryStatus, parse_stamp

log = logging.getLogger("tracker.delivery")

NOT_CONFIGURED = "channel {name!r} is no longer configured"
DIED = "the process sending it stopped mid-request: it may have been delivered"
EARLIER = "waiting for an earlier part"


@dataclass(frozen=True)
class Attempt:
    """What one post did: delivered (no ``error``), or the error it ended with."""

    delivery: Delivery
    error: TransportError | None = None
    unexpected: str | None = None  # a bug after the request may have left
    missing: bool = False  # the channel is no longer configured


def post(channel: Channel | None, delivery: Delivery, budget: float) -> Attempt:
    """Post ``delivery`` through ``channel`` (retrying within ``budget`` seconds)."""
    if channel is None:
        return Attempt(delivery, missing=True)
    try:
        channel.send(
            Part.from_json(delivery.payload),
            delivery.key,
            deadline_seconds=budget,
            # The one more post an uncertain part may get: no retries around it.
            attempts=1 if delivery.maybe_delivered else None,
        )
    except TransportError as exc:
        return Attempt(delivery, exc)
    except Exception as exc:
        log.exception("unexpected error sending %s", delivery.key)
        return Attempt(delivery, unexpected=f"{type(exc).__name__}: {exc}")
    return Attempt(delivery)


@dataclass(frozen=True)
class Verdict:
    """What to record for an attempt, and what follows from it."""

    status: DeliveryStatus
    reason: str = ""
    next_attempt: datetime | None = None
    maybe_delivered: bool = False
    hold: tuple[datetime, str] | None = None  # no post to the destination before then
    resend: bool = False  # post it once more, now


def judge(
    attempt: Attempt,
    name: str,
    config: ChannelConfig | None,
    now: datetime,
    rng: random.Random,
) -> Verdict:
    """The verdict on ``attempt`` of a part for channel ``name`` (configured as ``config``)."""
    delivery, error = attempt.delivery, attempt.error
    if attempt.missing:
        return Verdict(DeliveryStatus.failed, NOT_CONFIGURED.format(name=name))
    if attempt.unexpected is not None:
        return uncertain(delivery, config, attempt.unexpected)
    if error is None:
        return Verdict(DeliveryStatus.sent)
    if isinstance(error, Stopping):
        return Verdict(DeliveryStatus.pending, str(error))
    if error.permanent:
        return Verdict(DeliveryStatus.failed, str(error))
    if error.uncertain or delivery.maybe_delivered:
        return uncertain(delivery, config, str(error))
    return later(delivery, error, now, rng)


def uncertain(delivery: Delivery, config: ChannelConfig | None, reason: str) -> Verdict:
    """The part may have arrived: post it once more where the channel allows a repeat (and
    this was not the repeat already), otherwise it is uncertain."""
    resend = config is not None and config.resends_uncertain and not delivery.maybe_delivered
    if resend:
        return Verdict(DeliveryStatus.pending, reason, maybe_delivered=True, resend=True)
    return Verdict(DeliveryStatus.uncertain, reason, maybe_delivered=True)


def later(delivery: Delivery, error: TransportError, now: datetime, rng: random.Random) -> Verdict:
    """A transient failure: the next attempt time, or expired when that is past
    ``max_delay``; the service's own wait also holds the destination."""
    hold = None
    if error.retry_after:
        hold = (now + timedelta(seconds=error.retry_after), str(error))
    when = next_attempt(now, delivery.attempts + 1, error.retry_after, rng)
    expires = parse_stamp(delivery.expires_at)
    if expires is not None and when > expires:
        why = f"{error}; the next attempt would come after max_delay"
        return Verdict(DeliveryStatus.expired, why, hold=hold)
    return Verdict(DeliveryStatus.pending, str(error), next_attempt=when, hold=hold)
