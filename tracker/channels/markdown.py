"""Markdown helpers the services share: none of them renders tables, few render headings, and
each needs user text escaped its own way (the marks are explained in tracker.digest.marks)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from tracker.digest.document import Section, markdown_lines
from tracker.digest.marks import MARKED, SPAN_CLOSE, SPAN_OPEN, Inline, plain_text, same

if TYPE_CHECKING:
    from tracker.config.people import Person

TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")
# A cell separator outside user text (a goal name may contain "|").
_CELL = re.compile(f"\\|(?![^{SPAN_OPEN}]*{SPAN_CLOSE})")

Convert = Callable[[str], str]
ZWSP = "\u200b"
_ACTIVE = re.compile(r"([\\`*_~\[\]<>|&@])")
_SLACK_FORMAT = re.compile(r"([*_~`\[\]@])")


def zero_width(text: str) -> str:
    """User text for chat Markdown without reliable escapes (WeCom, DingTalk, Feishu, Discord,
    Teams): a zero-width space after each syntax character, so ``**``, ``[x](…)``, ``<@id>``,
    ``<at id=all>``, ``@everyone`` and HTML tags read as the words they are and no more."""
    return _ACTIVE.sub(rf"\1{ZWSP}", text)


def slack_escape(text: str) -> str:
    """User text for Slack mrkdwn: its three entities, and a zero-width space after ``*``,
    ``_``, ``~``, backticks, brackets and ``@``, which mrkdwn has no escape for."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SLACK_FORMAT.sub(rf"\1{ZWSP}", text)


def html_text(text: str) -> str:
    return html.escape(text, quote=True)


def flatten_tables(lines: Sequence[str]) -> list[str]:
    """Turn Markdown table rows into plain lines: none of the chat services renders tables."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if TABLE_RULE.match(stripped):
                continue
            cells = [c.strip() for c in _CELL.split(stripped[1:-1])]
            out.append(" · ".join(c for c in cells if c))
        else:
            out.append(line)
    return out


def heading_to_bold(line: str, bold: str = "**") -> str:
    """``### Title`` -> ``**Title**`` for services whose markdown has no headings."""
    match = HEADING.match(line)
    return f"{bold}{match.group(1)}{bold}" if match else line


def markdown_text(
    title: str, sections: Sequence[Section], people: Mapping[str, Person] | None = None
) -> str:
    """Plain Markdown of a part: what ``digest show`` prints and the file channel writes."""
    return markdown_lines(title, sections, people)


def section_lines(
    section: Section, ink: Inline, *, tables: bool = False, convert: Convert = same
) -> list[str]:
    """A section's lines rendered by ``ink`` (tables flattened unless ``tables``)."""
    lines = section.lines if tables else flatten_tables(section.lines)
    return [ink(line, convert) for line in lines]


def link_line(section: Section, ink: Inline) -> list[str]:
    """The section's report link as one Markdown line (``[label](url)``), if it has one."""
    if section.link is None:
        return []
    return [f"[{ink(section.link.label)}]({section.link.url})"]


def label(section: Section, limit: int) -> str:
    """The section's report-link label as plain text (buttons), at most ``limit`` characters."""
    assert section.link is not None
    text = plain_text(section.link.label)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def atomic_spans(line: str) -> list[tuple[int, int]]:
    """Where a cut must not fall: links, user text and mention marks."""
    return [m.span() for m in LINK.finditer(line)] + [m.span() for m in MARKED.finditer(line)]


def chunk_lines(lines: Sequence[str], limit: int, sep: str = "\n") -> list[str]:
    """Join lines into texts of at most ``limit`` characters, never breaking a line.

    A single line longer than ``limit`` becomes its own (oversized) chunk; the caller's size
    check then makes the splitter truncate it.
    """
    chunks: list[str] = []
    current = ""
    for line in lines:
        candidate = f"{current}{sep}{line}" if current else line
        if current and len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks
