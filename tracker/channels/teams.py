"""Microsoft Teams via a Workflows webhook: an Adaptive Card 1.4 in a message attachment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracker.channels.base import HttpChannel, Part, encode_body, flatten_tables, heading_to_bold
from tracker.digest.document import DigestDocument, Section

CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"


class TeamsChannel(HttpChannel):
    """Teams Workflows webhook ("When a Teams webhook request is received"; ``sig=`` in the URL).

    The flow accepts with 202 and never reports later failures, so every limit is enforced here:
    bodies stay under 26 KB (the service takes 28 KB).
    """

    type_name = "teams"
    max_bytes = 26000
    per_minute = 240
    per_second = 4

    def body(self, title: str, sections: Sequence[Section], first: bool) -> dict[str, Any]:
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
                    },
                }
            ],
        }

    def render(self, doc: DigestDocument) -> list[Part]:
        return self.split(doc, self.body)

    def post(self, part: Part, key: str) -> None:
        response = self.http_post(encode_body(part.payload))
        self.check_status(response)  # 202 Accepted (or 200): all the flow ever tells us
