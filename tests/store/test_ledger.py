"""The ledger: a conditional claim per slot, taken over only after the lease."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tracker.store.ledger import Ledger

SLOT = datetime(2025, 10, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
AS_OF = date(2025, 10, 20)


def test_only_one_claim_wins(store):
    first, second = Ledger(store, owner="a"), Ledger(store, owner="b")
    assert first.claim_slot("weekly", SLOT, AS_OF) is True
    assert second.claim_slot("weekly", SLOT, AS_OF) is False


def test_claim_abandoned_before_rendering_is_taken_over_after_the_lease(store):
    Ledger(store, owner="crashed").claim_slot("weekly", SLOT, AS_OF)
    assert Ledger(store, owner="b").claim_slot("weekly", SLOT, AS_OF) is False
    assert Ledger(store, owner="b", lease=timedelta(0)).claim_slot("weekly", SLOT, AS_OF)
