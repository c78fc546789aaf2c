"""WeCom group robot: markdown bodies, the chart as an image message, tables flattened.

What every service shares (answers, secrets, splitting, mentions) is in test_contract.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer

from channels.kit import PNG, LiveChannel, json_of
from tracker.channels import TransportError
from tracker.digest.document import DigestDocument, Section


def test_sends_markdown_with_chinese_title(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("wecom")
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    ((request, _),) = httpserver.log
    body = json_of(request)
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["content"].startswith("## 深圳市2025年目标进度周报")
    assert "地区生产总值" in request.get_data().decode()  # UTF-8, not \\u escapes


def test_content_over_4096_bytes_is_rejected_permanently(
    live: LiveChannel, httpserver: HTTPServer, big_doc: DigestDocument
) -> None:
    channel = live("wecom")
    channel.max_bytes = 100_000  # config cannot raise the limit; force a body the service refuses
    with pytest.raises(TransportError, match="40058") as caught:
        channel.send(channel.render(big_doc)[0], "weekly/slot/team/1")
    assert caught.value.permanent and len(httpserver.log) == 1


def test_chart_goes_as_an_image_part_with_md5(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("wecom")
    parts = channel.render(replace(doc, image=PNG))
    for part in parts:
        channel.send(part, f"weekly/slot/team/{part.number}")
    assert [(p.kind, p.number, p.total) for p in parts] == [("message", 1, 2), ("image", 2, 2)]
    image = json_of(httpserver.log[1][0])["image"]
    assert image["md5"] == hashlib.md5(PNG).hexdigest()


def test_tables_are_flattened(live: LiveChannel) -> None:
    table = Section("表", ("| 指标 | 进度 |", "|---|---:|", "| GDP | 52% |"))
    (part,) = live("wecom").render(DigestDocument("d", "t", "zh", (table,)))
    content = part.payload["markdown"]["content"]
    assert "GDP · 52%" in content
    assert "|" not in content
