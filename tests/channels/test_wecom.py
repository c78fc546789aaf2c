"""WeCom group robot against a local server that answers like qyapi.weixin.qq.com."""

from __future__ import annotations

import base64
import hashlib
import logging

import pytest
from channel_kit import FakeClock, MakeChannel, client_logs, json_of, respond, sequence
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.channels import Channel, Part, TransportError
from tracker.digest.document import DigestDocument

KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
PATH = "/cgi-bin/webhook/send"


def wecom(request: Request) -> Response:
    """Always HTTP 200; the verdict is in errcode, as the real robot does."""
    if request.args.get("key") != KEY:
        return respond({"errcode": 93000, "errmsg": "invalid webhook url, hint: [1720] from ip"})
    body = json_of(request)
    if body.get("msgtype") == "markdown":
        if len(body["markdown"]["content"].encode()) > 4096:
            return respond({"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"})
    elif body.get("msgtype") == "image":
        raw = base64.b64decode(body["image"]["base64"])
        if hashlib.md5(raw).hexdigest() != body["image"]["md5"]:
            return respond({"errcode": 40009, "errmsg": "invalid image size"})
    elif body.get("msgtype") != "text":
        return respond({"errcode": 40008, "errmsg": "invalid message type"})
    return respond({"errcode": 0, "errmsg": "ok"})


@pytest.fixture
def channel(httpserver: HTTPServer, make: MakeChannel) -> Channel:
    httpserver.expect_request(PATH, method="POST").respond_with_handler(wecom)
    return make("wecom", url=httpserver.url_for(PATH) + f"?key={KEY}")


def send_all(channel: Channel, doc: DigestDocument) -> list[Part]:
    parts = channel.render(doc)
    for part in parts:
        channel.send(part, f"weekly/slot/team/{part.number}")
    return parts


def test_sends_markdown_with_chinese_title(
    channel: Channel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    send_all(channel, doc)
    ((request, _),) = httpserver.log
    body = json_of(request)
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["content"].startswith("## 深圳市2025年目标进度周报")
    assert "地区生产总值" in request.get_data().decode()  # UTF-8, not \\u escapes


def test_big_digest_is_split_into_accepted_numbered_parts(
    channel: Channel, httpserver: HTTPServer, big_doc: DigestDocument
) -> None:
    parts = send_all(channel, big_doc)
    assert len(parts) > 5 and len(httpserver.log) == len(parts)
    first = json_of(httpserver.log[0][0])["markdown"]["content"]
    assert first.startswith(f"## 全省目标进度 (1/{len(parts)})")


def test_invalid_key_is_permanent_and_never_leaks(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request(PATH).respond_with_handler(wecom)
    channel = make("wecom", url=httpserver.url_for(PATH) + "?key=WRONG-KEY-123")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(TransportError) as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert caught.value.permanent and "93000" in str(caught.value)
    assert len(httpserver.log) == 1
    assert "WRONG-KEY-123" not in str(caught.value) + client_logs(caplog.records)


def test_content_over_4096_bytes_is_rejected_permanently(
    httpserver: HTTPServer, make: MakeChannel, big_doc: DigestDocument
) -> None:
    httpserver.expect_request(PATH).respond_with_handler(wecom)
    channel = make("wecom", url=httpserver.url_for(PATH) + f"?key={KEY}")
    channel.max_bytes = 100_000  # config cannot raise the limit; force a body the service refuses
    with pytest.raises(TransportError, match="40058") as caught:
        channel.send(channel.render(big_doc)[0], "weekly/slot/team/1")
    assert caught.value.permanent and len(httpserver.log) == 1


def test_busy_errcode_is_retried(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument, clock: FakeClock
) -> None:
    httpserver.expect_request(PATH).respond_with_handler(
        sequence(
            respond({"errcode": -1, "errmsg": "system busy"}),
            respond({"errcode": 0, "errmsg": "ok"}),
        )
    )
    channel = make("wecom", url=httpserver.url_for(PATH) + f"?key={KEY}")
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert len(httpserver.log) == 2 and len(clock.sleeps) == 1


def test_frequency_limit_reports_retry_after_when_budget_is_short(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument
) -> None:
    httpserver.expect_request(PATH).respond_with_data(
        '{"errcode":45009,"errmsg":"api freq out of limit"}'
    )
    channel = make("wecom", url=httpserver.url_for(PATH) + f"?key={KEY}")
    with pytest.raises(TransportError) as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1", deadline_seconds=30)
    assert not caught.value.permanent and caught.value.retry_after == 60
    assert len(httpserver.log) == 1


def test_unparseable_200_is_not_taken_as_success(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument
) -> None:
    httpserver.expect_request(PATH).respond_with_data(
        "<html>portal</html>", content_type="text/html"
    )
    channel = make("wecom", url=httpserver.url_for(PATH) + f"?key={KEY}")
    with pytest.raises(TransportError, match="unexpected answer") as caught:
        channel.post(channel.render(doc)[0], "weekly/slot/team/1")
    assert not caught.value.permanent


def test_chart_goes_as_an_image_part_with_md5(
    channel: Channel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    parts = send_all(channel, DigestDocument(**{**doc.__dict__, "image": png}))
    assert [(p.kind, p.number, p.total) for p in parts] == [("message", 1, 2), ("image", 2, 2)]
    image = json_of(httpserver.log[1][0])["image"]
    assert image["md5"] == hashlib.md5(png).hexdigest()


def test_tables_are_flattened(channel: Channel, doc: DigestDocument) -> None:
    from tracker.digest.document import Section

    table = Section("表", ("| 指标 | 进度 |", "|---|---:|", "| GDP | 52% |"))
    content = channel.render(DigestDocument("d", "t", "zh", (table,)))[0].payload["markdown"][
        "content"
    ]
    assert "GDP · 52%" in content
    assert "|" not in content
