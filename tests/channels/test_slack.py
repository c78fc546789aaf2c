"""Slack incoming webhook against a local server that validates blocks like hooks.slack.com."""

from __future__ import annotations

import logging

import pytest
from channel_kit import FakeClock, MakeChannel, client_logs, json_of, respond
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.channels import TransportError
from tracker.channels.slack import to_mrkdwn
from tracker.digest.document import DigestDocument, Section

PATH = "/services/T0001/B0001/XXXXXXXXXXXXXXXXXXXXXXXX"


def slack(request: Request) -> Response:
    """200 ``ok``, or 400 with Slack's error words when the payload breaks a limit."""
    body = json_of(request)
    if not body.get("text"):
        return respond("no_text", status=400)
    blocks = body.get("blocks", [])
    too_long = any(len(b["text"]["text"]) > 3000 for b in blocks if b["type"] == "section")
    if len(blocks) > 50 or too_long:
        return respond("invalid_blocks", status=400)
    return respond("ok")


@pytest.fixture
def url(httpserver: HTTPServer) -> str:
    httpserver.expect_request(PATH, method="POST").respond_with_handler(slack)
    return httpserver.url_for(PATH)


def test_markdown_becomes_mrkdwn() -> None:
    line = "- **GDP** 增长 5.2% [统计局](https://tjj.example.gov.cn/a?x=1&y=2) <注>"
    assert to_mrkdwn(line) == (
        "- *GDP* 增长 5.2% <https://tjj.example.gov.cn/a?x=1&amp;y=2|统计局> &lt;注&gt;"
    )
    assert to_mrkdwn("### 小结") == "*小结*"
    assert to_mrkdwn("> 引用 <注>") == "> 引用 &lt;注&gt;"  # the quote marker survives escaping


def test_sends_header_sections_and_fallback_text(
    url: str, make: MakeChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = make("slack", url=url)
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    body = json_of(httpserver.log[0][0])
    assert body["text"] == doc.title
    assert [b["type"] for b in body["blocks"]] == ["header", "section", "section"]
    assert body["blocks"][1]["text"]["text"].startswith("*经济*\n- *地区生产总值*")


def test_long_section_continues_in_more_blocks(
    url: str, make: MakeChannel, httpserver: HTTPServer
) -> None:
    from channel_kit import goal_lines

    doc = DigestDocument("d", "目标", "zh", (Section("全部", goal_lines(80)),))
    parts = make("slack", url=url).render(doc)
    assert len(parts) == 1 and len(parts[0].payload["blocks"]) > 3
    make("slack", url=url).send(parts[0], "d/s/team/1")
    assert httpserver.log[0][1].get_data() == b"ok"


def test_more_than_50_blocks_are_split_into_messages(
    url: str, make: MakeChannel, httpserver: HTTPServer
) -> None:
    doc = DigestDocument("d", "目标", "zh", tuple(Section(f"节{i}", ("一行",)) for i in range(120)))
    channel = make("slack", url=url)
    parts = channel.render(doc)
    for part in parts:
        channel.send(part, f"d/s/team/{part.number}")
    assert len(parts) == 3 and all(len(p.payload["blocks"]) <= 50 for p in parts)
    assert parts[2].payload["text"] == "目标 (3/3)"


def test_429_waits_retry_after(
    httpserver: HTTPServer, make: MakeChannel, clock: FakeClock, doc: DigestDocument
) -> None:
    answers = iter([respond("rate_limited", status=429, **{"Retry-After": "3"})])
    httpserver.expect_request(PATH).respond_with_handler(lambda r: next(answers, None) or slack(r))
    channel = make("slack", url=httpserver.url_for(PATH))
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert len(httpserver.log) == 2 and clock.sleeps[0] >= 3


def test_no_service_is_permanent_and_masked(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    httpserver.expect_request(PATH).respond_with_data("no_service", status=404)
    channel = make("slack", url=httpserver.url_for(PATH))
    with pytest.raises(TransportError, match="no_service") as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert caught.value.permanent and len(httpserver.log) == 1
    assert "XXXXXXXXXXXXXXXXXXXXXXXX" not in str(caught.value) + client_logs(caplog.records)


def test_rollup_error_500_is_retried(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument
) -> None:
    answers = iter([respond("rollup_error", status=500)])
    httpserver.expect_request(PATH).respond_with_handler(lambda r: next(answers, None) or slack(r))
    channel = make("slack", url=httpserver.url_for(PATH))
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert [resp.status_code for _, resp in httpserver.log] == [500, 200]


def test_mention_all_pings_channel_in_first_part_only(url: str, make: MakeChannel) -> None:
    doc = DigestDocument("d", "目标", "zh", tuple(Section(f"节{i}", ("一行",)) for i in range(60)))
    parts = make("slack", url=url, mention_all=True).render(doc)
    assert [p.payload["text"].startswith("<!channel>") for p in parts] == [True, False]


def test_an_empty_error_body_still_says_something(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument
) -> None:
    httpserver.expect_request("/services/T/B/x").respond_with_data("", status=404)
    channel = make("slack", url=httpserver.url_for("/services/T/B/x"))
    with pytest.raises(TransportError) as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert str(caught.value).rstrip().endswith("NOT FOUND")
