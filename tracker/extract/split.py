"""Cutting a compact line into sentences (。；;！？), clauses (，,：:) and list items (、)."""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[int, int]  # [start, end) positions in a line or sentence

SENTENCE_SPLIT = re.compile(r"[。;；!！?？]")
# A comma or colon between two digits is part of a number (1,000), not a clause break.
CLAUSE_SPLIT = re.compile(r"(?<!\d)[,，:：]|[,，:：](?!\d)")

_OPENERS = "“‘《(（「【"
_CLOSERS = "”’》)）」】"


def spans(text: str, pattern: re.Pattern[str], start: int = 0) -> Iterator[Span]:
    """The non-empty stretches of ``text`` between matches of ``pattern``, offset by ``start``."""
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            yield start + pos, start + m.start()
        pos = m.end()
    if pos < len(text):
        yield start + pos, start + len(text)


def sentences(compact: str) -> Iterator[str]:
    """The sentences of a compact line."""
    for a, b in spans(compact, SENTENCE_SPLIT):
        yield compact[a:b]


def items(s: str, a: int, b: int) -> list[Span]:
    """Split s[a:b] on 、 outside quotes and brackets."""
    found = []
    depth = 0
    start = a
    for i in range(a, b):
        ch = s[i]
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            found.append((start, i))
            start = i + 1
    found.append((start, b))
    return [(x, y) for x, y in found if y > x]


def quoted(s: str) -> list[bool]:
    """Whether each position of s is inside “…” or 《…》 (a name, not a figure of the text)."""
    inside = []
    depth = 0
    for ch in s:
        if ch in "“《「":
            depth += 1
        inside.append(depth > 0)
        if ch in "”》」":
            depth = max(0, depth - 1)
    return inside
