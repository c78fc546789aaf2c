"""Sending through the ledger: parts recorded before the request leaves, crash recovery.

These run on every store back end (tests/store/backends.py), like the ledger's own tests.
"""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime

import pytest
from store import backends
from werkzeug import Response

from delivery.kit import AS_OF, SLOT
from tracker.store.ledger import Ledger

FAR = datetime(2099, 1, 1, tzinfo=UTC)
database = backends.database  # the back-end fixture; dstore opens the store it names
pytestmark = pytest.mark.usefixtures("database")


def test_part_is_in_the_ledger_before_the_request_leaves(deliverer, httpserver, with_figures):
    seen = []

    def receiver(request):
        rows = Ledger(with_figures).recent()
        seen.extend((row.channel, row.status) for row in rows)
        return Response("", status=204)

    httpserver.expect_request("/hook").respond_with_handler(receiver)
    deliverer.deliver_slot(deliverer.project.settings.digest("weekly"), SLOT, AS_OF)
    assert seen == [("hook", "sending")]
    assert [row.status for row in Ledger(with_figures).recent()] == ["sent"]


def left_in_flight(deliverer, store, digest="weekly"):
    """The slot recorded and its parts taken by a process on this host that then died."""
    dead = f"{socket.gethostname()}:{2**22 + os.getpid()}:dead"  # a pid that does not exist
    ledger = Ledger(store, owner=dead)
    config = deliverer.project.settings.digest(digest)
    document, shown = deliverer.compose(config, AS_OF)
    parts = deliverer.render_parts(config, document)
    ledger.record_slot(digest, SLOT, AS_OF, parts, shown, dict.fromkeys(parts, FAR))
    for delivery in ledger.parts(["pending"]):
        assert ledger.take(delivery)


def test_a_webhook_part_left_in_flight_by_a_dead_process_is_posted_once_more(
    deliverer, httpserver, with_figures
):
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    left_in_flight(deliverer, with_figures)
    assert [r.delivery.channel for r in deliverer.flush().sent] == ["hook"]
    (part,) = Ledger(with_figures).parts(["sent"])
    assert part.maybe_delivered  # listed as a possible repeat: webhook-id lets receivers drop it


def test_a_chat_part_left_in_flight_is_uncertain_and_not_posted_again(
    deliverer, httpserver, with_figures
):
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    left_in_flight(deliverer, with_figures, digest="pair")
    outcome = deliverer.flush()
    assert [r.delivery.channel for r in outcome.uncertain] == ["wecom"]
    assert outcome.exit_code == 1
    assert not [r for r, _ in httpserver.log if r.path.startswith("/cgi-bin")]


def test_a_part_of_a_live_remote_sender_is_left_alone(deliverer, httpserver, with_figures):
    ledger = Ledger(with_figures, owner="elsewhere:1:alive")
    config = deliverer.project.settings.digest("weekly")
    document, shown = deliverer.compose(config, AS_OF)
    parts = deliverer.render_parts(config, document)
    ledger.record_slot("weekly", SLOT, AS_OF, parts, shown, dict.fromkeys(parts, FAR))
    ledger.take(ledger.parts(["pending"])[0])
    assert deliverer.flush().results == {}
    assert httpserver.log == []
