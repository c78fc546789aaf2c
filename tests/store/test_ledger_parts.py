"""The ledger's parts: taken by one process, due by their next attempt, settled only by their
sender; abandoned ones found; expiry and re-queueing."""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime, timedelta

from store.test_ledger import LATER, record
from tracker.store.ledger import Ledger
from tracker.store.workers import STALE_AFTER


def first(ledger):
    return ledger.parts(["pending", "sending"])[0]


def test_a_part_is_taken_once(store):
    record(Ledger(store, owner="a"))
    a, b = Ledger(store, owner="a"), Ledger(store, owner="b")
    part = first(a)
    assert (a.take(part), b.take(part)) == (True, False)


def test_a_part_waits_for_its_next_attempt_unless_taken_early(store):
    ledger = Ledger(store)
    record(ledger)
    part = first(ledger)
    ledger.take(part)
    ledger.settle(part, "pending", "busy", next_attempt=store.now() + timedelta(hours=1))
    assert ledger.take(part) is False
    assert ledger.take(part, early=True) is True


def test_only_the_sender_settles_its_part(store):
    record(Ledger(store))
    sender, other = Ledger(store, owner="sender"), Ledger(store, owner="other")
    part = first(sender)
    sender.take(part)
    assert other.settle(part, "sent") is False
    assert sender.settle(part, "sent") is True


def test_a_part_of_a_process_gone_from_this_host_is_abandoned_at_once(store):
    dead = f"{socket.gethostname()}:{2**22 + os.getpid()}:cafe"  # no such pid
    record(Ledger(store))
    Ledger(store, owner=dead).take(first(Ledger(store)))
    assert [d.owner for d in Ledger(store).abandoned()] == [dead]


def test_a_remote_sender_is_trusted_until_it_stops_beating(store):
    record(Ledger(store))
    remote = Ledger(store, owner="elsewhere:42:beef")
    remote.take(first(remote))
    assert Ledger(store).abandoned() == []
    store.clock = lambda: datetime.now(UTC) + STALE_AFTER + timedelta(seconds=1)
    assert len(Ledger(store).abandoned()) == 1


def test_an_own_part_no_thread_is_sending_is_abandoned(store):
    ledger = Ledger(store)
    record(ledger)
    part = first(ledger)
    ledger.take(part)
    assert ledger.abandoned() == []
    ledger.drop(part)  # its settling write failed
    assert [d.id for d in ledger.abandoned()] == [part.id]


def test_settling_an_abandoned_part_marks_it_maybe_delivered_once(store):
    record(Ledger(store))
    remote = Ledger(store, owner="elsewhere:42:beef")
    remote.take(first(remote))
    part = first(remote)
    mine, theirs = Ledger(store, owner="x"), Ledger(store, owner="y")
    assert mine.settle_abandoned(part, "uncertain", "died", maybe_delivered=True) is True
    assert theirs.settle_abandoned(part, "pending", "died", maybe_delivered=True) is False
    (uncertain,) = mine.parts(["uncertain"])
    assert uncertain.maybe_delivered and uncertain.last_error == "died"


def test_expired_and_requeued(store):
    ledger = Ledger(store)
    record(ledger)
    part = first(ledger)
    assert ledger.expire(part, "too late") is True
    (expired,) = ledger.parts(["expired"])
    assert ledger.requeue(expired, LATER) is True
    assert ledger.parts(["pending"])[0].expires_at.startswith("2025-10-21")
