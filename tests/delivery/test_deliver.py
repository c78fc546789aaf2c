"""Delivery end to end against a local receiver: once, retried, failed, never twice."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import time_machine

from delivery.kit import AS_OF, SLOT, WECOM_KEY
from tracker.delivery.sender import Deliverer
from tracker.store.ledger import Ledger


def hook_requests(httpserver, path="/hook"):
    return [request for request, _ in httpserver.log if request.path == path]


def test_slot_is_delivered_once_even_if_asked_twice(deliverer, httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("", status=204)
    weekly = deliverer.project.settings.digest("weekly")
    first = deliverer.deliver_slot(weekly, SLOT, AS_OF)
    second = deliverer.deliver_slot(weekly, SLOT, AS_OF)
    assert (len(first.sent), first.claimed, len(second.sent), second.claimed) == (1, True, 0, False)
    assert len(hook_requests(httpserver)) == 1


def test_webhook_body_carries_slot_part_and_evaluation(deliverer, httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("", status=204)
    deliverer.deliver_slot(deliverer.project.settings.digest("weekly"), SLOT, AS_OF)
    body = json.loads(hook_requests(httpserver)[0].data)
    assert (body["digest"], body["slot"], body["as_of"]) == (
        "weekly",
        SLOT.isoformat(),
        "2025-10-20",
    )
    assert (body["part"], body["parts"]) == (1, 1)
    assert {g["id"]: g["status"] for g in body["goals"]}["demo-2025-gdp"] == "at_risk"


def test_retryable_failure_stays_pending_then_goes_out_once(deliverer, httpserver):
    httpserver.expect_request("/hook").respond_with_data("busy", status=503)
    outcome = deliverer.deliver_slot(deliverer.project.settings.digest("weekly"), SLOT, AS_OF)
    assert len(outcome.pending) == 1 and "503" in outcome.pending[0].reason
    httpserver.clear_all_handlers()
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=2)):
        assert len(deliverer.flush().sent) == 1
        assert len(deliverer.flush().sent) == 0
    ids = {r.headers["webhook-id"] for r in hook_requests(httpserver)}
    assert len(ids) == 1  # the same id on every attempt: receivers can drop repeats


def test_retry_after_is_honoured(deliverer, httpserver, clock):
    httpserver.expect_oneshot_request("/hook").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3"}
    )
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    outcome = deliverer.deliver_slot(deliverer.project.settings.digest("weekly"), SLOT, AS_OF)
    assert len(outcome.sent) == 1
    assert clock.sleeps and clock.sleeps[0] >= 3


def test_permanent_failure_is_recorded_with_the_service_message(deliverer, httpserver):
    httpserver.expect_request("/cgi-bin/webhook/send").respond_with_json(
        {"errcode": 93000, "errmsg": "invalid webhook url, hint: [1700000000]"}
    )
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    outcome = deliverer.deliver_slot(deliverer.project.settings.digest("pair"), SLOT, AS_OF)
    assert [r.delivery.channel for r in outcome.sent] == ["hook"]  # the failure blocks nothing
    (failed,) = outcome.failed
    assert failed.delivery.channel == "wecom" and "93000" in failed.reason
    assert WECOM_KEY not in failed.reason
    assert len(hook_requests(httpserver, "/cgi-bin/webhook/send")) == 1  # not retried


def test_two_processes_racing_for_a_slot_send_it_once(deliverer, httpserver, with_figures):
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    other = Deliverer(deliverer.project, with_figures, ledger=Ledger(with_figures, owner="other"))
    weekly = deliverer.project.settings.digest("weekly")
    threads = [
        threading.Thread(target=d.deliver_slot, args=(weekly, SLOT, AS_OF))
        for d in (deliverer, other)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(hook_requests(httpserver)) == 1
