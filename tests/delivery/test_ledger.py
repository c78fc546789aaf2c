"""Sending through the ledger: parts recorded before the request leaves, crash recovery.

These run on every store back end (tests/store/backends.py), like the ledger's own tests.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from store import backends
from werkzeug import Response

from delivery.kit import AS_OF, SLOT
from tracker.store.ledger import Ledger

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


def test_part_left_sending_by_a_dead_process_is_retried(deliverer, httpserver, with_figures):
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    ledger = Ledger(with_figures, owner="dead")
    ledger.claim_slot("weekly", SLOT, AS_OF)
    document, shown = deliverer.compose(deliverer.project.settings.digest("weekly"), AS_OF)
    ledger.record_parts("weekly", SLOT, {"hook": deliverer.channel("hook").render(document)}, shown)
    assert ledger.take(ledger.open_deliveries()[0])  # ...and then the process died
    assert deliverer.flush().sent == []  # still within the lease: hands off
    recovered = Ledger(with_figures, lease=timedelta(0))
    assert [d.channel for d in recovered.open_deliveries()] == ["hook"]
