"""Goal names reach chat groups as words: no link, mention, @all or HTML of theirs is live.

A real digest of goals named with every service's syntax (``hostile_doc``) is rendered by each
channel and, for the services, posted to its emulator; what arrives must hold none of the
sequences the service would act on, nobody must be notified, and the words must still read.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from channels.emulators import SERVICES
from channels.kit import LiveChannel, json_of, registered_types
from channels.mentions import notified
from tracker.channels.markdown import ZWSP
from tracker.digest.document import DigestDocument

LIVE = [
    "<at id=all>",
    "](javascript:",
    "<@U999AAA>",
    "<!channel>",
    "@everyone",
    "<@80351110224678999>",
    "<script>",
    "<at>Boss</at>",
    "**粗**",
]
BACKSLASHED = re.compile(r"\\.")


def texts(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def delivered(type_name: str, any_channel: LiveChannel, doc: DigestDocument, server: Any) -> str:
    """Everything the service (or file, terminal, mailbox) received, as one text."""
    channel = any_channel(type_name)
    parts = channel.render(doc)
    for part in parts:
        channel.send(part, f"weekly/slot/team/{part.number}")
    if type_name in SERVICES and type_name != "webhook":
        return "\n".join(texts(json_of(request)) for request, _ in server.log)
    # The webhook posts the evaluation as JSON data: its Markdown is the preview; apprise, file
    # and stdout write Markdown.
    return "\n".join(str(p.payload.get("body", p.preview)) for p in parts)


@pytest.mark.parametrize("type_name", [t for t in registered_types() if t != "email"])
def test_nothing_in_a_goal_name_is_live(
    type_name: str, any_channel: LiveChannel, hostile_doc: DigestDocument, httpserver: HTTPServer
) -> None:
    received = delivered(type_name, any_channel, hostile_doc, httpserver)
    shown = BACKSLASHED.sub("", received)  # CommonMark escapes: \< is a plain "<"
    assert [s for s in LIVE if s in shown] == []
    readable = html.unescape(received.replace(ZWSP, "")).replace("\\", "")
    assert "点我" in readable and "javascript:alert(1)" in readable


@pytest.mark.parametrize("type_name", sorted(SERVICES))
def test_a_goal_name_notifies_nobody(
    type_name: str, live: LiveChannel, hostile_doc: DigestDocument, httpserver: HTTPServer
) -> None:
    channel = live(type_name)
    for part in channel.render(hostile_doc):
        channel.send(part, f"weekly/slot/team/{part.number}")
    assert [notified(type_name, json_of(r)) for r, _ in httpserver.log] == [[]] * len(
        httpserver.log
    )


def test_discord_allows_no_mention_from_text(
    live: LiveChannel, hostile_doc: DigestDocument
) -> None:
    (part,) = live("discord").render(hostile_doc)
    assert part.payload["allowed_mentions"] == {"parse": []}


def test_the_template_s_own_markdown_stays_live(
    live: LiveChannel, hostile_doc: DigestDocument
) -> None:
    content = live("wecom").render(hostile_doc)[0].payload["markdown"]["content"]
    assert "**GDP*\u200b*\u200b粗*\u200b*\u200b " in content  # the template's bold around the name
