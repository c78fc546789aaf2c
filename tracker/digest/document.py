"""The rendered digest handed to channels: sections of Markdown lines plus the evaluated payload.

Channels turn a :class:`DigestDocument` into their service's message bodies. Sections are the
units a channel may split between; lines are the units it may split within a long section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """A block of a digest: optional heading, Markdown lines (``**bold**``, ``[t](url)``)."""

    heading: str | None
    lines: tuple[str, ...]

    def markdown(self) -> str:
        head = [f"### {self.heading}"] if self.heading else []
        return "\n".join([*head, *self.lines])


@dataclass(frozen=True)
class DigestDocument:
    """A digest ready for delivery.

    ``payload`` is the JSON-serialisable evaluation (as_of, goals, ...) used by the generic
    ``webhook`` channel; ``image`` an optional PNG summary chart for services that take images.
    """

    digest: str
    title: str
    language: str
    sections: tuple[Section, ...]
    payload: dict[str, Any] = field(default_factory=dict)
    image: bytes | None = None

    def markdown(self) -> str:
        return "\n\n".join([f"## {self.title}", *(s.markdown() for s in self.sections)])
