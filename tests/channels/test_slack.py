"""Slack incoming webhook: mrkdwn, Block Kit sections and the 50-block limit.

What every service shares (answers, secrets, splitting, mentions) is in test_contract.py.
"""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from channels.kit import LiveChannel, goal_lines, json_of, respond
from tracker.channels import TransportError
from tracker.channels.slack import to_mrkdwn
from tracker.digest.document import DigestDocument, Section


def test_markdown_becomes_mrkdwn() -> None:
    line = "- **GDP** 增长 5.2% [统计局](https://tjj.example.gov.cn/a?x=1&y=2) <注>"
    assert to_mrkdwn(line) == (
        "- \u200b*GDP*\u200b 增长 5.2% <https://tjj.example.gov.cn/a?x=1&amp;y=2|统计局> &lt;注&gt;"
    )
    assert to_mrkdwn("### 小结") == "\u200b*小结*\u200b"
    assert to_mrkdwn("> 引用 <注>") == "> 引用 &lt;注&gt;"  # the quote marker survives escaping


def test_sends_header_sections_and_fallback_text(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("slack")
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    body = json_of(httpserver.log[0][0])
    assert body["text"] == doc.title
    assert [b["type"] for b in body["blocks"]] == ["header", "section", "section"]
    assert body["blocks"][1]["text"]["text"].startswith(
        "\u200b*经济*\u200b\n- \u200b*地区生产总值*"
    )


def test_bold_next_to_cjk_punctuation_has_zero_width_boundaries() -> None:
    # "*完成*：" shows its asterisks in Slack; a zero-width space on each side is a boundary.
    assert to_mrkdwn("**完成**：80%") == "\u200b*完成*\u200b：80%"


def test_channel_mention_is_in_the_message_not_only_the_notification(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("slack", mention_all=True)
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    body = json_of(httpserver.log[0][0])
    assert body["blocks"][1]["text"]["text"].startswith("<!channel>\n")
    assert body["text"].startswith("<!channel>") and httpserver.log[0][1].get_data() == b"ok"


def test_long_section_continues_in_more_blocks(live: LiveChannel, httpserver: HTTPServer) -> None:
    doc = DigestDocument("d", "目标", "zh", (Section("全部", goal_lines(80)),))
    channel = live("slack")
    parts = channel.render(doc)
    assert len(parts) == 1 and len(parts[0].payload["blocks"]) > 3
    channel.send(parts[0], "d/s/team/1")
    assert httpserver.log[0][1].get_data() == b"ok"


def test_more_than_50_blocks_are_split_into_messages(
    live: LiveChannel, httpserver: HTTPServer
) -> None:
    doc = DigestDocument("d", "目标", "zh", tuple(Section(f"节{i}", ("一行",)) for i in range(120)))
    channel = live("slack")
    parts = channel.render(doc)
    for part in parts:
        channel.send(part, f"d/s/team/{part.number}")
    assert len(parts) == 3 and all(len(p.payload["blocks"]) <= 50 for p in parts)
    assert parts[2].payload["text"] == "目标 (3/3)"


def test_an_empty_error_body_still_says_something(live: LiveChannel, doc: DigestDocument) -> None:
    channel = live("slack", lambda request: respond("", status=404))
    with pytest.raises(TransportError) as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert str(caught.value).rstrip().endswith("NOT FOUND")
