"""Microsoft Teams via a Workflows webhook: an Adaptive Card 1.4 in a message attachment.

Owners are mentioned with ``<at>Name</at>`` in the text plus an ``msteams.entities`` entry
naming their Teams sign-in address (UPN) or object id; an entity section with a report page
gets an ``Action.OpenUrl`` button.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tracker.channels.http import HttpChannel
from tracker.channels.markdown import heading_to_bold, label, section_lines, zero_width
from tracker.channels.parts import Body, Part, People
from tracker.digest.document import DigestDocument, Section
from tracker.digest.marks import Inline

if TYPE_CHECKING:
    from tracker.config.people import Person

CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"


def at_text(person: Person) -> str:
    name = (person.name or person.teams or person.email or "").replace("<", "").replace(">", "")
    return f"<at>{name}</at>"


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

    def mention_of(self, person: Person) -> str | None:
        return at_text(person) if person.teams or person.email else None

    def body(self, title: str, sections: Sequence[Section], mention: bool, people: People) -> Body:
        ink = Inline(zero_width, people, self.mention_of)
        card: list[dict[str, Any]] = [
            {"type": "TextBlock", "text": title, "size": "Large", "weight": "Bolder", "wrap": True}
        ]
        for section in sections:
            if section.heading:
                card.append(
                    {
                        "type": "TextBlock",
                        "text": ink(section.heading),
                        "weight": "Bolder",
                        "spacing": "Medium",
                        "wrap": True,
                    }
                )
            lines = section_lines(section, ink, convert=heading_to_bold)
            if lines:
                # TextBlock markdown needs a blank line to break lines.
                card.append({"type": "TextBlock", "text": "\n\n".join(lines), "wrap": True})
            if section.link:
                action = {"type": "Action.OpenUrl", "title": label(section, 60)}
                card.append({"type": "ActionSet", "actions": [{**action, "url": section.link.url}]})
        entities = [
            {
                "type": "mention",
                "text": at_text(p),
                "mentioned": {"id": p.teams or p.email, "name": p.name or p.teams or p.email},
            }
            for p in ink.mentioned
        ]
        msteams: dict[str, Any] = {"width": "Full"}
        if entities:
            msteams["entities"] = entities
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
                        "msteams": msteams,
                    },
                }
            ],
        }

    def render(self, doc: DigestDocument) -> list[Part]:
        return self.split(doc, self.body)
