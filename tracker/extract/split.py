"""Cutting a compact line into sentences (。；;！？), clauses (，,：:) and list items (、)."""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[int, int]  # [start, end) positions in a line or sentence

# Bullets (◆ ● ▶ ■) start an item of a list, so they end the sentence before.
SENTENCE_SPLIT = re.compile(r"[。;；!！?？◆◇●○▶►■□▪•★☆※]")
# A list item's number: 1.  1、  (1)  （一）  一、  一是  ①.
_ITEM_NUMBER = re.compile(
    r"(?:[(（]?[一二三四五六七八九十]{1,3}[)）、]|[(（]\d{1,2}[)）]|\d{1,2}(?:、|[.．](?!\d))|"
    r"[①-⑳*＊]|[一二三四五六七八九十]是)"
)
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


def sentence_spans(compact: str) -> Iterator[Span]:
    """Where the sentences of a compact line are, a list item's number left out."""
    for a, b in spans(compact, SENTENCE_SPLIT):
        number = _ITEM_NUMBER.match(compact, a, b)
        if number and number.end() < b:
            a = number.end()
        yield a, b


def sentences(compact: str) -> Iterator[str]:
    """The sentences of a compact line."""
    for a, b in sentence_spans(compact):
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
