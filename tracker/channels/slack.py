"""Slack incoming webhook: Block Kit sections in mrkdwn with a plain ``text`` fallback.

``format: markdown`` sends Slack's ``markdown`` block instead (standard Markdown, no mrkdwn
conversion; 12,000 characters per message). Owners are mentioned as ``<@U…>``; an entity
section with a report page gets an ``actions`` block with a button.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import requests

from tracker.channels.base import Mention
from tracker.channels.http import HttpChannel
from tracker.channels.markdown import (
    HEADING,
    LINK,
    chunk_lines,
    label,
    section_lines,
    slack_escape,
    zero_width,
)
from tracker.channels.parts import Body, Part, People
from tracker.digest.document import DigestDocument, Section
from tracker.digest.marks import Inline

if TYPE_CHECKING:
    from tracker.config.people import Person

SECTION_CHARS = 3000
MAX_BLOCKS = 50
HEADER_CHARS = 150
TEXT_CHARS = 40000
MARKDOWN_CHARS = 12000  # all markdown blocks of one message together
BUTTON_CHARS = 75

_BOLD = re.compile(r"\*\*(.+?)\*\*")
# mrkdwn bold needs a space or an ASCII boundary around each ``*``; next to CJK text or
# punctuation (``*加粗*：``) the asterisks show literally. A zero-width space is a boundary.
ZWSP = "\u200b"


def escape(text: str) -> str:
    """Slack's three control characters; everything else is sent as is."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(line: str) -> str:
    """Markdown -> Slack mrkdwn: ``**b**`` -> ``*b*``, ``[t](u)`` -> ``<u|t>``, headings bold."""
    quote = ""
    if line.startswith(">"):  # keep Markdown quotes, which mrkdwn shares
        quote, line = ">", line[1:]
    heading = HEADING.match(line)
    if heading:
        line = f"**{heading.group(1)}**"
    line = escape(line)
    line = _BOLD.sub(rf"{ZWSP}*\1*{ZWSP}", line)
    line = LINK.sub(lambda m: f"<{m.group(2)}|{m.group(1).replace('|', '¦')}>", line)
    return quote + line


class SlackChannel(HttpChannel):
    """Slack incoming webhook (``hooks.slack.com/services/...``).

    A header block with the title, then section blocks of at most 3,000 characters (a long
    section continues in further blocks), at most 50 blocks; ``text`` carries the title for
    notifications. Success is HTTP 200 with the body ``ok``.
    """

    type_name = "slack"
    url_template = "https://hooks.slack.com/services/T0001/B0001/{token}"
    mention = Mention.FIRST_PART
    max_bytes = 36000  # no documented byte limit; keeps bodies well under the 40,000 text limit
    per_minute = 60
    per_second = 1

    @property
    def markdown_block(self) -> bool:
        return self.config.format == "markdown"

    def mention_of(self, person: Person) -> str | None:
        return f"<@{person.slack}>" if person.slack else None

    def body(self, title: str, sections: Sequence[Section], mention: bool, people: People) -> Body:
        header = title if len(title) <= HEADER_CHARS else title[: HEADER_CHARS - 1] + "…"
        blocks: list[dict[str, Any]] = [
            {"type": "header", "text": {"type": "plain_text", "text": header, "emoji": True}}
        ]
        for section in sections:
            lines = self.section_text(section, Inline(*self.escaping(people)))
            if mention and len(blocks) == 1:
                # Shown in the message itself: with blocks, ``text`` is only the notification.
                lines.insert(0, "<!channel>")
            blocks.extend(self.text_blocks(lines))
            if section.link:
                button = {
                    "type": "button",
                    "text": {"type": "plain_text", "text": label(section, BUTTON_CHARS)},
                    "url": section.link.url,
                }
                blocks.append({"type": "actions", "elements": [button]})
        text = escape(title)
        if mention:
            text = f"<!channel> {text}"
        return {"text": text, "blocks": blocks}

    def escaping(self, people: Mapping[str, Person] | None) -> tuple[Any, ...]:
        return (zero_width if self.markdown_block else slack_escape, people, self.mention_of)

    def section_text(self, section: Section, ink: Inline) -> list[str]:
        if self.markdown_block:
            head = [f"### {ink(section.heading)}"] if section.heading else []
            return [*head, *section_lines(section, ink, tables=True)]
        lines = section_lines(section, ink, convert=to_mrkdwn)
        if section.heading:
            lines.insert(0, f"{ZWSP}*{ink(section.heading)}*{ZWSP}")
        return lines

    def text_blocks(self, lines: list[str]) -> list[dict[str, Any]]:
        if self.markdown_block:
            return [{"type": "markdown", "text": "\n".join(lines)}]
        # Margin under 3,000 because Slack counts after its own entity handling.
        return [
            {"type": "section", "text": {"type": "mrkdwn", "text": chunk}}
            for chunk in chunk_lines(lines, SECTION_CHARS - 100)
        ]

    def fits(self, body: dict[str, Any]) -> bool:
        blocks: list[dict[str, Any]] = body.get("blocks", [])
        sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
        markdown = sum(len(b["text"]) for b in blocks if b["type"] == "markdown")
        return (
            super().fits(body)
            and len(blocks) <= MAX_BLOCKS
            and len(body.get("text", "")) <= TEXT_CHARS
            and all(len(text) <= SECTION_CHARS for text in sections)
            and markdown <= MARKDOWN_CHARS - 500
        )

    def render(self, doc: DigestDocument) -> list[Part]:
        return self.split(doc, self.body)

    def check(self, response: requests.Response) -> None:
        """The status as declared, then the body: success is exactly ``ok``."""
        super().check(response)
        if response.text.strip() != "ok":
            # Slack reports failures with 4xx/5xx; a 200 that is not "ok" is not ours to trust,
            # and re-posting might duplicate a message that did arrive.
            raise self.error(f"unexpected answer: {response.text[:200]}", permanent=True)
