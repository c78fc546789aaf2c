"""Markdown helpers the services share: none of them renders tables, few render headings."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.digest.document import Section

TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")


def flatten_tables(lines: Sequence[str]) -> list[str]:
    """Turn Markdown table rows into plain lines: none of the chat services renders tables."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if TABLE_RULE.match(stripped):
                continue
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            out.append(" · ".join(c for c in cells if c))
        else:
            out.append(line)
    return out


def heading_to_bold(line: str, bold: str = "**") -> str:
    """``### Title`` -> ``**Title**`` for services whose markdown has no headings."""
    match = HEADING.match(line)
    return f"{bold}{match.group(1)}{bold}" if match else line


def markdown_text(title: str, sections: Sequence[Section]) -> str:
    """Plain Markdown of a part: what ``digest show`` prints and the file channel writes."""
    return "\n\n".join([f"## {title}", *(s.markdown() for s in sections)])


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
