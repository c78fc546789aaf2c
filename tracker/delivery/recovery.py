"""What every run settles before sending: parts a dead process left in flight, and parts
too old to send.

A part left ``sending`` by a process that is gone may have reached the service: it is posted
once more where its channel allows a repeat (and it was not a repeat already), otherwise it is
``uncertain``. A pending part past its ``expires_at`` (``max_delay`` after it was recorded) is
``expired``: reported, never sent late.
"""

from __future__ import annotations

from collections.abc import Mapping

from tracker.config.channels import ChannelConfig
from tracker.delivery.attempt import DIED
from tracker.delivery.outcome import PartResult
from tracker.store.deliveries import DeliveryStatus, parse_stamp
from tracker.store.ledger import Ledger


def settle_abandoned(ledger: Ledger, configs: Mapping[str, ChannelConfig]) -> list[PartResult]:
    """Settle the parts dead processes left 'sending' (those this process settles first)."""
    settled = []
    for delivery in ledger.abandoned():
        config = configs.get(delivery.channel)
        resend = config is not None and config.resends_uncertain and not delivery.maybe_delivered
        status = DeliveryStatus.pending if resend else DeliveryStatus.uncertain
        if ledger.settle_abandoned(delivery, status, DIED, maybe_delivered=True):
            settled.append(PartResult(delivery, status, DIED))
    return settled


def expire(ledger: Ledger, configs: Mapping[str, ChannelConfig]) -> list[PartResult]:
    """Expire the pending parts past their ``expires_at``."""
    now = ledger.store.now()
    expired = []
    for delivery in ledger.parts([DeliveryStatus.pending]):
        expires = parse_stamp(delivery.expires_at)
        if expires is None or expires > now:
            continue
        config = configs.get(delivery.channel)
        limit = config.max_delay if config else "max_delay"
        why = f"not delivered within {limit} of being recorded: not sent late"
        if delivery.last_error:
            why += f" (last error: {delivery.last_error})"
        if ledger.expire(delivery, why):
            expired.append(PartResult(delivery, DeliveryStatus.expired, why))
    return expired
