"""The retry schedule in the ledger: Retry-After and throttles across runs and processes,
backoff with jitter, parts kept in order, ``max_delay`` then ``expired``."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import time_machine

from delivery.kit import AS_OF, DING_TOKEN, SLOT
from tracker.delivery.schedule import backoff
from tracker.delivery.sender import Deliverer
from tracker.store.ledger import Ledger

T0 = datetime(2025, 10, 20, 1, 0, tzinfo=UTC)


def posts(httpserver, path):
    return [r for r, _ in httpserver.log if r.path == path]


def at(minutes: float):
    return time_machine.travel(T0 + timedelta(minutes=minutes), tick=False)


def test_retry_after_an_hour_means_no_post_for_an_hour_from_any_process(
    deliverer, httpserver, with_figures
):
    httpserver.expect_oneshot_request("/hook").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3600"}
    )
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    other = Deliverer(deliverer.project, with_figures, ledger=Ledger(with_figures, owner="b"))
    with at(0):
        deliverer.deliver_slot(deliverer.project.settings.digest("weekly"), SLOT, AS_OF)
    with at(30):
        assert other.flush().pending and deliverer.flush().pending
    assert len(posts(httpserver, "/hook")) == 1
    with at(61):
        assert len(other.flush().sent) == 1
    assert len(posts(httpserver, "/hook")) == 2


def test_dingtalk_throttle_waits_ten_minutes(deliverer, httpserver):
    httpserver.expect_oneshot_request("/robot/send").respond_with_json(
        {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}
    )
    httpserver.expect_request("/robot/send").respond_with_json({"errcode": 0, "errmsg": "ok"})
    with at(0):
        outcome = deliverer.deliver_slot(deliverer.project.settings.digest("robot"), SLOT, AS_OF)
    (pending,) = outcome.pending
    assert pending.next_attempt >= T0 + timedelta(minutes=10)
    with at(9):
        assert deliverer.flush().sent == []
    with at(11):
        assert len(deliverer.flush().sent) == 1
    assert DING_TOKEN not in pending.reason


def test_backoff_grows_with_jitter_and_never_comes_sooner_than_half():
    rng = random.Random(7)
    waits = [backoff(n, rng).total_seconds() for n in (1, 2, 3, 4, 12)]
    assert 15 <= waits[0] <= 30 and 30 <= waits[1] <= 60 and 60 <= waits[2] <= 120
    assert waits[-1] <= 3600  # capped at an hour
    assert len({backoff(3, random.Random(s)) for s in range(5)}) == 5  # jittered


def test_a_part_still_failing_after_max_delay_expires_and_is_reported(deliverer, httpserver):
    httpserver.expect_request("/hook").respond_with_data("down", status=503)
    with at(0):
        deliverer.deliver_slot(deliverer.project.settings.digest("weekly"), SLOT, AS_OF)
    sent_before = len(posts(httpserver, "/hook"))
    with at(25 * 60):
        outcome = deliverer.flush()
    (expired,) = outcome.expired
    assert "within 24h" in expired.reason and "503" in expired.reason
    assert len(posts(httpserver, "/hook")) == sent_before and outcome.exit_code == 1


def test_a_waiting_part_holds_back_the_rest_of_its_message(configure, with_figures, httpserver):
    project = configure(changes={"wecom: {type: wecom,": "wecom: {type: wecom, max_bytes: 600,"})
    calls = []

    def fail_first(request):
        from werkzeug import Response

        calls.append(request)
        return Response("busy", status=503)

    httpserver.expect_request("/cgi-bin/webhook/send").respond_with_handler(fail_first)
    deliverer = Deliverer(project, with_figures, retry_budget=0)
    with at(0):
        outcome = deliverer.deliver_slot(project.settings.digest("pair"), SLOT, AS_OF)
    wecom = sorted(
        (r.delivery.part, r.reason) for r in outcome.pending if r.delivery.channel == "wecom"
    )
    assert wecom[0][0] == 1 and "503" in wecom[0][1]
    assert len(wecom) > 1 and all(why == "waiting for an earlier part" for _, why in wecom[1:])
    assert len(calls) == 1
