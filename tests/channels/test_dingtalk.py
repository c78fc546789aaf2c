"""DingTalk custom robot against a local server that checks 加签 the way oapi.dingtalk.com does."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import time

import pytest
from channel_kit import FakeClock, MakeChannel, client_logs, json_of, respond
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.channels import Part, TransportError
from tracker.digest.document import DigestDocument

TOKEN = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2"
SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
PATH = "/robot/send"
KEYWORD = "目标"


def dingtalk(request: Request) -> Response:
    """HTTP 200 always; rejects bad tokens, signatures, stale timestamps, missing keywords."""
    if request.args.get("access_token") != TOKEN:
        return respond({"errcode": 300001, "errmsg": "token is not exist"})
    timestamp, sign = request.args.get("timestamp", ""), request.args.get("sign", "")
    if not timestamp.isdigit() or abs(int(timestamp) - time.time() * 1000) > 3_600_000:
        return respond({"errcode": 310000, "errmsg": "invalid timestamp"})
    expected = hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256)
    if not hmac.compare_digest(base64.b64encode(expected.digest()).decode(), sign):
        return respond({"errcode": 310000, "errmsg": "sign not match, more: [https://ding-doc]"})
    if len(request.get_data()) > 20_000:
        return respond({"errcode": 460101, "errmsg": "message too long"})
    if KEYWORD not in json_of(request)["markdown"]["text"]:
        return respond({"errcode": 310000, "errmsg": "keywords not in content"})
    return respond({"errcode": 0, "errmsg": "ok"})


@pytest.fixture
def url(httpserver: HTTPServer) -> str:
    httpserver.expect_request(PATH, method="POST").respond_with_handler(dingtalk)
    return httpserver.url_for(PATH) + f"?access_token={TOKEN}"


def test_signed_markdown_is_accepted(
    url: str, make: MakeChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = make("dingtalk", url=url, secret=SECRET)
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    ((request, response),) = httpserver.log
    assert response.get_json()["errcode"] == 0
    body = json_of(request)
    assert body["markdown"]["title"] == doc.title
    assert "sign" in request.args and len(request.args["timestamp"]) == 13  # milliseconds


def test_wrong_secret_is_permanent_after_one_request(
    url: str,
    make: MakeChannel,
    httpserver: HTTPServer,
    doc: DigestDocument,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    channel = make("dingtalk", url=url, secret="SECwrong-secret-value")
    with pytest.raises(TransportError, match="sign not match") as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert caught.value.permanent and len(httpserver.log) == 1
    leaked = str(caught.value) + client_logs(caplog.records)
    assert "SECwrong-secret-value" not in leaked and TOKEN not in leaked


def test_invalid_timestamp_is_retried_with_a_fresh_signature(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument
) -> None:
    answers = iter([respond({"errcode": 310000, "errmsg": "invalid timestamp"})])
    httpserver.expect_request(PATH).respond_with_handler(
        lambda r: next(answers, None) or dingtalk(r)
    )
    channel = make(
        "dingtalk", url=httpserver.url_for(PATH) + f"?access_token={TOKEN}", secret=SECRET
    )
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    (first, _), (second, second_answer) = httpserver.log
    assert second_answer.get_json()["errcode"] == 0
    assert first.args["timestamp"] != second.args["timestamp"]
    assert first.args["sign"] != second.args["sign"]


def test_stale_clock_is_a_transient_error(
    url: str, make: MakeChannel, clock: FakeClock, doc: DigestDocument
) -> None:
    clock.wall -= 2 * 3600
    channel = make("dingtalk", url=url, secret=SECRET)
    with pytest.raises(TransportError, match="invalid timestamp") as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1", deadline_seconds=0)
    assert not caught.value.permanent


def test_missing_keyword_is_permanent(url: str, make: MakeChannel) -> None:
    channel = make("dingtalk", url=url, secret=SECRET)
    doc = DigestDocument("d", "Weekly digest", "en", ())
    with pytest.raises(TransportError, match="keywords not in content") as caught:
        channel.send(channel.render(doc)[0], "d/s/team/1")
    assert caught.value.permanent


def test_throttled_robot_backs_off_a_minute(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument
) -> None:
    httpserver.expect_request(PATH).respond_with_json(
        {"errcode": 130101, "errmsg": "send too fast"}
    )
    channel = make("dingtalk", url=httpserver.url_for(PATH) + f"?access_token={TOKEN}")
    with pytest.raises(TransportError) as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1", deadline_seconds=30)
    assert not caught.value.permanent and caught.value.retry_after == 60


def test_unsigned_when_no_secret(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument
) -> None:
    httpserver.expect_request(PATH).respond_with_json({"errcode": 0, "errmsg": "ok"})
    channel = make("dingtalk", url=httpserver.url_for(PATH) + f"?access_token={TOKEN}")
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert set(httpserver.log[0][0].args) == {"access_token"}


def test_big_digest_parts_fit_and_come_back_from_the_ledger(
    url: str, make: MakeChannel, httpserver: HTTPServer, big_doc: DigestDocument
) -> None:
    channel = make("dingtalk", url=url, secret=SECRET)
    parts = channel.render(big_doc)
    for part in parts:
        channel.send(Part.from_json(part.to_json()), f"weekly/slot/team/{part.number}")
    assert len(parts) >= 2 and len(httpserver.log) == len(parts)
    assert parts[1].payload["markdown"]["title"] == f"全省目标进度 (2/{len(parts)})"


def test_mention_all_only_on_first_part(
    url: str, make: MakeChannel, big_doc: DigestDocument
) -> None:
    parts = make("dingtalk", url=url, mention_all=True).render(big_doc)
    assert [("at" in p.payload) for p in parts] == [True] + [False] * (len(parts) - 1)
