"""Pacing from the ledger: replicas posting to one robot together stay within its limit."""

from __future__ import annotations

from delivery.kit import AS_OF, SLOT, FakeClock
from tracker.channels import make_channel
from tracker.delivery.sender import Deliverer
from tracker.store.ledger import Ledger


def replica(project, store, owner):
    clock = FakeClock()

    def factory(name, config):
        return make_channel(name, config, clock=clock)

    ledger = Ledger(store, owner=owner)
    return Deliverer(project, store, ledger=ledger, channel_factory=factory), clock


def test_a_second_replica_waits_for_the_first_ones_posts(configure, with_figures, httpserver):
    project = configure(changes={"wecom: {type: wecom,": "wecom: {type: wecom, per_minute: 1,"})
    httpserver.expect_request("/cgi-bin/webhook/send").respond_with_json(
        {"errcode": 0, "errmsg": "ok"}
    )
    first, _ = replica(project, with_figures, "a")
    second, second_clock = replica(project, with_figures, "b")
    pair = project.settings.digest("pair")
    first.deliver_slot(pair, SLOT, AS_OF)
    second.deliver_slot(pair, SLOT.replace(hour=10), AS_OF)
    assert second_clock.sleeps and sum(second_clock.sleeps) >= 59  # it never posted before
