"""Attempts whose outcome is unknown: a read timeout or a dropped connection is ``uncertain``,
posted at most once more (only where the channel may take a repeat), never again after."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import time_machine
from werkzeug import Response

from delivery.kit import AS_OF, SLOT


def slow(request):
    time.sleep(1.0)  # longer than the channels' 0.5 s timeout
    return Response("", status=204)


def posts(httpserver, path):
    return [r for r, _ in httpserver.log if r.path == path]


def test_a_read_timeout_on_a_webhook_posts_once_more_and_then_stops(deliverer, httpserver):
    httpserver.expect_request("/slow").respond_with_handler(slow)
    digest = deliverer.project.settings.digest("slowpoke")
    outcome = deliverer.deliver_slot(digest, SLOT, AS_OF)
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=2)):
        later = deliverer.flush()
    time.sleep(1.2)  # let the receiver finish the requests it is holding
    assert len(posts(httpserver, "/slow")) == 2
    assert [r.delivery.channel for r in outcome.uncertain] == ["slow"]
    assert later.results == {} and outcome.exit_code == 1


def test_a_read_timeout_on_a_chat_service_is_never_posted_again(deliverer, httpserver):
    httpserver.expect_request("/services/T0/B0/slow").respond_with_handler(slow)
    outcome = deliverer.deliver_slot(deliverer.project.settings.digest("slowchat"), SLOT, AS_OF)
    time.sleep(1.2)
    assert len(posts(httpserver, "/services/T0/B0/slow")) == 1
    (uncertain,) = outcome.uncertain
    assert "no answer within 0.5s" in uncertain.reason


def pointed_elsewhere(configure, httpserver, url):
    """The project with the ``slowchat`` channel posting to ``url`` instead."""
    return configure(changes={httpserver.url_for("/services/T0/B0/slow"): url})


def test_a_connection_dropped_after_sending_is_uncertain(
    configure, httpserver, make_deliverer, dropping_server
):
    project = pointed_elsewhere(configure, httpserver, dropping_server)
    digest = project.settings.digest("slowchat")
    outcome = make_deliverer(project).deliver_slot(digest, SLOT, AS_OF)
    (uncertain,) = outcome.uncertain
    assert "ConnectionError" in uncertain.reason


def test_a_refused_connection_is_certain_and_retried_later(
    configure, httpserver, make_deliverer, closed_port
):
    url = f"http://127.0.0.1:{closed_port}/services/T0/B0/x"
    project = pointed_elsewhere(configure, httpserver, url)
    digest = project.settings.digest("slowchat")
    outcome = make_deliverer(project).deliver_slot(digest, SLOT, AS_OF)
    (pending,) = outcome.pending
    assert pending.next_attempt is not None and outcome.exit_code == 75
