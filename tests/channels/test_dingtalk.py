"""DingTalk custom robot: signed (加签) markdown, checked by a local server like oapi.dingtalk.com.

What every service shares (answers, secrets, splitting, mentions) is in test_contract.py.
"""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from channels.emulators import SERVICES
from channels.kit import FakeClock, LiveChannel, first_then, json_of, respond
from tracker.channels import TransportError
from tracker.digest.document import DigestDocument


def test_signed_markdown_is_accepted(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("dingtalk")
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    ((request, response),) = httpserver.log
    assert response.get_json()["errcode"] == 0
    body = json_of(request)
    assert body["markdown"]["title"] == doc.title
    assert "sign" in request.args and len(request.args["timestamp"]) == 13  # milliseconds


def test_invalid_timestamp_is_retried_with_a_fresh_signature(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    stale = respond({"errcode": 310000, "errmsg": "invalid timestamp"})
    channel = live("dingtalk", first_then(stale, SERVICES["dingtalk"].handler()))
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    (first, _), (second, second_answer) = httpserver.log
    assert second_answer.get_json()["errcode"] == 0
    assert first.args["timestamp"] != second.args["timestamp"]
    assert first.args["sign"] != second.args["sign"]


def test_stale_clock_is_a_transient_error(
    live: LiveChannel, clock: FakeClock, doc: DigestDocument
) -> None:
    clock.wall -= 2 * 3600
    channel = live("dingtalk")
    with pytest.raises(TransportError, match="invalid timestamp") as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1", deadline_seconds=0)
    assert not caught.value.permanent


def test_missing_keyword_is_permanent(live: LiveChannel) -> None:
    channel = live("dingtalk")
    doc = DigestDocument("d", "Weekly digest", "en", ())
    with pytest.raises(TransportError, match="keywords not in content") as caught:
        channel.send(channel.render(doc)[0], "d/s/team/1")
    assert caught.value.permanent


def test_unsigned_when_no_secret(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("dingtalk", lambda request: respond({"errcode": 0, "errmsg": "ok"}), secret=None)
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert set(httpserver.log[0][0].args) == {"access_token"}


def test_notification_title_carries_the_part_number(
    live: LiveChannel, big_doc: DigestDocument
) -> None:
    parts = live("dingtalk").render(big_doc)
    assert len(parts) >= 2
    assert parts[1].payload["markdown"]["title"] == f"全省目标进度 (2/{len(parts)})"
