"""The rendered digest handed to channels: sections of Markdown lines plus the evaluated payload.

Channels turn a :class:`DigestDocument` into their service's message bodies. Sections are the
units a channel may split between; lines are the units it may split within a long section.
Lines are Markdown whose user text and mentions are marked (:mod:`tracker.digest.marks`):
:meth:`DigestDocument.markdown` and :func:`markdown_lines` resolve the marks for plain Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tracker.digest.marks import Inline, commonmark_escape

if TYPE_CHECKING:
    from tracker.config.people import Person


@dataclass(frozen=True)
class Link:
    """A button or link to a report page: ``url`` is a checked http(s) address, ``label`` marked
    text (it names the entity)."""

    label: str
    url: str


@dataclass(frozen=True)
class Section:
    """A block of a digest: optional heading, Markdown lines (``**bold**``, ``[t](url)``), and
    optionally the link to its entity's report page."""

    heading: str | None
    lines: tuple[str, ...]
    link: Link | None = None

    def markdown(self, inline: Inline | None = None) -> str:
        """Plain Markdown (marks resolved by ``inline``, CommonMark escapes by default)."""
        ink = inline or Inline(commonmark_escape)
        head = [f"### {ink(self.heading)}"] if self.heading else []
        tail = [f"[{ink(self.link.label)}]({self.link.url})"] if self.link else []
        return "\n".join([*head, *(ink(line) for line in self.lines), *tail])


def markdown_lines(
    title: str, sections: Sequence[Section], people: Mapping[str, Person] | None = None
) -> str:
    """The Markdown of a message: mentions as ``@name`` (once), user text escaped."""
    ink = Inline(commonmark_escape, people)
    return "\n\n".join([f"## {title}", *(s.markdown(ink) for s in sections)])


@dataclass(frozen=True)
class DigestDocument:
    """A digest ready for delivery.

    ``payload`` is the JSON-serialisable evaluation (as_of, goals, ...) used by the generic
    ``webhook`` channel; ``image`` an optional PNG summary chart for services that take images;
    ``people`` the people its mention marks name.
    """

    digest: str
    title: str
    language: str
    sections: tuple[Section, ...]
    payload: dict[str, Any] = field(default_factory=dict)
    image: bytes | None = None
    people: Mapping[str, Person] = field(default_factory=dict)

    def markdown(self) -> str:
        return markdown_lines(self.title, self.sections, self.people)
