"""Microsoft Teams via a Workflows webhook: an Adaptive Card 1.4 in a message attachment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracker.channels.http import HttpChannel
from tracker.channels.markdown import flatten_tables, heading_to_bold
from tracker.channels.parts import Part
from tracker.digest.document import DigestDocument, Section

CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"


class TeamsChannel(HttpChannel):
    """Teams Workflows webhook ("When a Teams webhook request is received"; ``sig=`` in the URL).

    The flow accepts with 202 (or 200) and never reports later failures, so every limit is
    enforced here: bodies stay under 20,000 bytes (documented 28 KB, but cards from about 21 KB
    have been seen dropped silently). Cards are full width (``msteams.width``).
    """

    type_name = "teams"
    url_template = (
        "https://prod.westus.logic.azure.com/workflows/0a1b2c/triggers/manual/paths/invoke"
        "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={token}"
    )
    max_bytes = 20000
    per_minute = 240
    per_second = 4

    def body(self, title: str, sections: Sequence[Section], mention: bool) -> dict[str, Any]:
        card: list[dict[str, Any]] = [
            {"type": "TextBlock", "text": title, "size": "Large", "weight": "Bolder", "wrap": True}
        ]
        for section in sections:
            if section.heading:
                card.append(
                    {
                        "type": "TextBlock",
                        "text": section.heading,
                        "weight": "Bolder",
                        "spacing": "Medium",
                        "wrap": True,
                    }
                )
            lines = [heading_to_bold(line) for line in flatten_tables(section.lines)]
            if lines:
                # TextBlock markdown needs a blank line to break lines.
                card.append({"type": "TextBlock", "text": "\n\n".join(lines), "wrap": True})
        return {
            "type": "message",
            "attachments": [
                {
                    "contentType": "application/vnd.microsoft.card.adaptive",
                    "contentUrl": None,
                    "content": {
                        "$schema": CARD_SCHEMA,
                        "type": "AdaptiveCard",
                        "version": "1.4",
                        "body": card,
                        "msteams": {"width": "Full"},
                    },
                }
            ],
        }

    def render(self, doc: DigestDocument) -> list[Part]:
        return self.split(doc, self.body)
