"""Richer native formats, opt-in per channel; the formats every client renders stay default."""

from __future__ import annotations

import pydantic
import pytest
from pytest_httpserver import HTTPServer

from channels.kit import LiveChannel, json_of
from tracker.channels import ChannelConfig
from tracker.digest.document import DigestDocument, Section

TABLE = Section("表", ("| 指标 | 进度 |", "|---|---:|", "| GDP | 52% |", "#### 小结"))
TABLED = DigestDocument("d", "目标", "zh", (TABLE,))


def test_wecom_markdown_v2_keeps_tables(live: LiveChannel, httpserver: HTTPServer) -> None:
    channel = live("wecom", format="markdown_v2")
    (part,) = channel.render(TABLED)
    channel.send(part, "d/s/team/1")
    content = json_of(httpserver.log[0][0])["markdown_v2"]["content"]
    assert "| GDP | 52% |" in content and httpserver.log[0][1].get_json()["errcode"] == 0


def test_feishu_card_v2_keeps_headings_and_tables(
    live: LiveChannel, httpserver: HTTPServer
) -> None:
    channel = live("feishu", card="v2")
    (part,) = channel.render(TABLED)
    channel.send(part, "d/s/team/1")
    (element,) = part.payload["card"]["body"]["elements"]
    assert element["content"].startswith("#### 表\n| 指标 | 进度 |")
    assert httpserver.log[0][1].get_json()["code"] == 0


def test_slack_markdown_block_takes_standard_markdown(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("slack", format="markdown")
    (part,) = channel.render(doc)
    channel.send(part, "d/s/team/1")
    blocks = part.payload["blocks"]
    assert [b["type"] for b in blocks] == ["header", "markdown", "markdown"]
    assert blocks[1]["text"].startswith("### 经济\n- **地区生产总值**：")  # no mrkdwn conversion
    assert httpserver.log[0][1].get_data() == b"ok"


def test_slack_markdown_blocks_stay_within_12000_characters(
    live: LiveChannel, httpserver: HTTPServer, big_doc: DigestDocument
) -> None:
    channel = live("slack", format="markdown")
    parts = channel.render(big_doc)
    for part in parts:
        channel.send(part, f"d/s/team/{part.number}")
    sizes = [
        sum(len(b["text"]) for b in p.payload["blocks"] if b["type"] == "markdown") for p in parts
    ]
    assert len(parts) > 1 and max(sizes) <= 12000


@pytest.mark.parametrize(
    ("type_name", "option", "value", "says"),
    [
        ("wecom", "format", "markdown_v3", "not one of markdown, markdown_v2"),
        ("dingtalk", "format", "markdown_v2", "only for channel types slack, wecom"),
        ("slack", "card", "v2", "only for channel types feishu, lark"),
    ],
)
def test_format_options_are_checked(type_name: str, option: str, value: str, says: str) -> None:
    with pytest.raises(pydantic.ValidationError, match=says):
        ChannelConfig(type=type_name, url="https://h.example/x", **{option: value})  # type: ignore[arg-type]


def test_the_defaults_are_the_formats_every_client_renders(live: LiveChannel) -> None:
    assert live("wecom").render(TABLED)[0].payload["msgtype"] == "markdown"
    assert "schema" not in live("feishu").render(TABLED)[0].payload["card"]
    assert live("slack").render(TABLED)[0].payload["blocks"][1]["type"] == "section"
