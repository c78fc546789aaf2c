"""Pacing in the ledger: recent posts per destination, and the service's "wait until"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tracker.store.destinations import Destinations

NOW = 1_760_000_000.0


def test_posts_within_the_window_are_counted_across_processes(store):
    a, b = Destinations(store), Destinations(store)
    assert a.reserve_post("dest", [(2, 60.0)], NOW) == 0
    assert b.reserve_post("dest", [(2, 60.0)], NOW + 1) == 0
    assert a.reserve_post("dest", [(2, 60.0)], NOW + 2) == 58.0
    assert b.reserve_post("dest", [(2, 60.0)], NOW + 60.5) == 0


def test_destinations_are_paced_apart(store):
    ledger = Destinations(store)
    assert ledger.reserve_post("one", [(1, 60.0)], NOW) == 0
    assert ledger.reserve_post("two", [(1, 60.0)], NOW) == 0


def test_a_hold_lasts_until_its_time_and_only_grows(store):
    ledger = Destinations(store)
    soon = datetime.now(UTC) + timedelta(minutes=10)
    ledger.hold("dest", soon, "errcode 130101: send too fast")
    ledger.hold("dest", soon - timedelta(minutes=5), "shorter")
    until, reason = ledger.hold_of("dest")
    assert until == soon and "130101" in reason
    store.clock = lambda: soon + timedelta(seconds=1)
    assert ledger.hold_of("dest") is None
