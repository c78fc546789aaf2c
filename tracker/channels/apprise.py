"""Apprise: the long tail of services (ServerChan, PushPlus, WxPusher, Telegram, Matrix, ntfy…)
through one Apprise URL, sent as Markdown.

Apprise judges success from the HTTP status alone, so a service that answers its errors inside
an HTTP 200 (the Chinese chat robots) would be logged as delivered when it was not: those keep
their own channels. A failed notify is retried (Apprise does not say whether it was the
message's fault); what Apprise logged about it, scrubbed, is the error's message.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracker.channels.base import Channel
from tracker.channels.markdown import section_lines
from tracker.channels.parts import Body, Part, People
from tracker.digest.document import DigestDocument, Section
from tracker.digest.marks import Inline, commonmark_escape

if TYPE_CHECKING:
    pass

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def markdown_escape(text: str) -> str:
    """User text for Markdown that Apprise may turn into HTML: escapes plus HTML entities."""
    return commonmark_escape(text.translate(_ENTITIES))


class _Scrubbing(logging.Filter):
    """Keeps the Apprise URL's tokens out of Apprise's own log lines."""

    def __init__(self, channel: Channel) -> None:
        super().__init__()
        self.channel = channel

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.channel.scrub(record.getMessage()), None
        return True


class AppriseChannel(Channel):
    """``url`` is any Apprise URL (``pushplus://TOKEN``, ``tgram://BOT/CHAT``, ``json://…``)."""

    type_name = "apprise"
    max_bytes = None  # Apprise splits or truncates for each service itself

    def body(self, title: str, sections: Sequence[Section], mention: bool, people: People) -> Body:
        ink = Inline(markdown_escape, people)
        blocks = []
        for section in sections:
            head = [f"### {ink(section.heading)}"] if section.heading else []
            tail = [f"[{ink(section.link.label)}]({section.link.url})"] if section.link else []
            blocks.append("\n".join([*head, *section_lines(section, ink), *tail]))
        return {"title": title, "body": "\n\n".join(blocks)}

    def render(self, doc: DigestDocument) -> list[Part]:
        return self.split(doc, self.body)

    def post(self, part: Part, key: str) -> None:
        try:
            import apprise
        except ImportError:
            raise self.error(
                "Apprise is not installed: pip install 'target-tracker[apprise]'", permanent=True
            ) from None
        notifier = apprise.Apprise()
        if not notifier.add(self.url):
            raise self.error(f"Apprise does not know the URL {self.display_url}", permanent=True)
        logger = logging.getLogger("apprise")
        scrubbing = _Scrubbing(self)
        logger.addFilter(scrubbing)
        try:
            with apprise.LogCapture(level=logging.WARNING) as captured:  # type: ignore[no-untyped-call]
                sent = notifier.notify(
                    body=part.payload["body"],
                    title=part.payload["title"],
                    body_format=apprise.NotifyFormat.MARKDOWN,
                )
        finally:
            logger.removeFilter(scrubbing)
        if not sent:
            said = " ".join(captured.getvalue().split()) or "no reason given"
            raise self.error(
                f"Apprise could not notify {self.display_url}: {said}", permanent=False
            )
