"""Feishu and Lark bots against a local server that checks signatures like open.feishu.cn."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import time

import pytest
from channel_kit import MakeChannel, client_logs, json_of, respond
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.channels import TransportError
from tracker.digest.document import DigestDocument

TOKEN = "2d8f0c5e-1b7a-4c3d-9e8f-0a1b2c3d4e5f"
SECRET = "yH9xQ2mZ7pK4"
PATH = f"/open-apis/bot/v2/hook/{TOKEN}"
OK = {"StatusCode": 0, "StatusMessage": "success", "code": 0, "data": {}, "msg": "success"}


def feishu(request: Request) -> Response:
    """Verifies timestamp + sign in the body (key = "ts\\nsecret", empty message)."""
    if len(request.get_data()) > 20 * 1024:
        return respond({"code": 9499, "msg": "Bad Request", "data": {}}, status=400)
    body = json_of(request)
    timestamp, sign = body.get("timestamp"), body.get("sign")
    if not isinstance(timestamp, str) or abs(int(timestamp) - time.time()) > 3600:
        return respond(
            {"code": 19021, "msg": "sign match fail or timestamp is not within one hour"}
        )
    key = f"{timestamp}\n{SECRET}".encode()
    expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    if not hmac.compare_digest(expected, str(sign)):
        return respond(
            {"code": 19021, "msg": "sign match fail or timestamp is not within one hour"}
        )
    if body.get("msg_type") != "interactive" or not body["card"]["elements"]:
        return respond({"code": 9499, "msg": "Bad Request", "data": {}}, status=400)
    return respond(OK)


@pytest.fixture
def url(httpserver: HTTPServer) -> str:
    httpserver.expect_request(PATH, method="POST").respond_with_handler(feishu)
    return httpserver.url_for(PATH)


def test_signed_card_is_accepted(
    url: str, make: MakeChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = make("feishu", url=url, secret=SECRET)
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    ((request, response),) = httpserver.log
    assert response.get_json()["code"] == 0
    card = json_of(request)["card"]
    assert card["header"]["title"]["content"] == doc.title
    assert card["elements"][0]["content"].startswith("**经济**")


def test_wrong_secret_is_permanent_and_not_logged(
    url: str,
    make: MakeChannel,
    httpserver: HTTPServer,
    doc: DigestDocument,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    channel = make("feishu", url=url, secret="not-the-secret")
    with pytest.raises(TransportError, match="19021") as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert caught.value.permanent and len(httpserver.log) == 1
    leaked = str(caught.value) + client_logs(caplog.records)
    assert TOKEN not in leaked and "not-the-secret" not in leaked


def test_rate_limit_code_is_retried(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument
) -> None:
    answers = iter(
        [respond({"code": 11232, "msg": "frequency limited psm[lark.oapi.app_platform_runtime]"})]
    )
    httpserver.expect_request(PATH).respond_with_handler(lambda r: next(answers, None) or feishu(r))
    channel = make("feishu", url=httpserver.url_for(PATH), secret=SECRET)
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert len(httpserver.log) == 2


def test_legacy_status_code_answer_counts_as_success(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument
) -> None:
    httpserver.expect_request(PATH).respond_with_json({"StatusCode": 0, "StatusMessage": "success"})
    channel = make("feishu", url=httpserver.url_for(PATH))
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert "timestamp" not in json_of(httpserver.log[0][0])  # no secret: unsigned


def test_bad_request_9499_is_permanent(
    url: str, make: MakeChannel, httpserver: HTTPServer, big_doc: DigestDocument
) -> None:
    channel = make("feishu", url=url, secret=SECRET)
    channel.max_bytes = 100_000  # config cannot raise the limit; force a body the service refuses
    with pytest.raises(TransportError, match="9499") as caught:
        channel.send(channel.render(big_doc)[0], "weekly/slot/team/1")
    assert caught.value.permanent and len(httpserver.log) == 1


def test_big_digest_splits_under_20_kb(
    url: str, make: MakeChannel, httpserver: HTTPServer, big_doc: DigestDocument
) -> None:
    channel = make("feishu", url=url, secret=SECRET)
    parts = channel.render(big_doc)
    for part in parts:
        channel.send(part, f"weekly/slot/team/{part.number}")
    assert len(parts) >= 2 and len(httpserver.log) == len(parts)
    assert parts[0].payload["card"]["header"]["title"]["content"].endswith(f"(1/{len(parts)})")


def test_headings_become_bold_and_mention_goes_first(url: str, make: MakeChannel) -> None:
    from tracker.digest.document import Section

    doc = DigestDocument("d", "目标", "zh", (Section(None, ("### 小结", "正文")),))
    elements = make("feishu", url=url, mention_all=True).render(doc)[0].payload["card"]["elements"]
    assert elements[0]["content"] == "<at id=all></at>"
    assert "**小结**\n正文" in elements[-1]["content"]


def test_lark_uses_the_same_protocol(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument
) -> None:
    httpserver.expect_request(PATH).respond_with_handler(feishu)
    channel = make("lark", url=httpserver.url_for(PATH), secret=SECRET)
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert channel.type_name == "lark" and httpserver.log[0][1].get_json()["code"] == 0
