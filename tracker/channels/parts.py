"""Parts: the bodies a digest becomes, how their size is measured, and how a digest is split.

A service's limit is measured in UTF-8 bytes of exactly the bytes posted (:func:`encode_body`),
plus whatever count limits the service adds (the channel's ``fits``). Splitting happens at
section boundaries, then at line boundaries, and only as a last resort inside one line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tracker.channels.markdown import atomic_spans, markdown_text
from tracker.digest.document import DigestDocument, Section

if TYPE_CHECKING:
    from tracker.config.people import Person


class PartKind(StrEnum):
    """What a part carries; stored in the ledger as its value."""

    MESSAGE = "message"
    IMAGE = "image"  # the digest's chart
    MENTION = "mention"  # a separate "@all" message, for services whose markdown cannot mention


@dataclass(frozen=True)
class Part:
    """One message to deliver: the unsigned body exactly as it will be posted.

    Parts are stored in the delivery ledger and re-sent verbatim later, so ``payload`` is plain
    JSON (it is normalised through ``json`` on creation) and ``to_json``/``from_json`` round-trip.
    ``number``/``total`` index all parts of a delivery, extra ``image`` parts included.
    """

    number: int
    total: int
    payload: dict[str, Any]
    kind: PartKind = PartKind.MESSAGE
    preview: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.number <= self.total:
            raise ValueError(f"part number {self.number} is outside 1..{self.total}")
        # Normalising now (tuples -> lists, key order kept) guarantees that what the ledger reads
        # back is equal to what was rendered, and fails early on anything not JSON-serialisable.
        object.__setattr__(self, "payload", json.loads(json.dumps(self.payload)))
        object.__setattr__(self, "kind", PartKind(self.kind))

    def to_json(self) -> str:
        return json.dumps(
            {
                "number": self.number,
                "total": self.total,
                "kind": self.kind,
                "preview": self.preview,
                "payload": self.payload,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Part:
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("payload"), dict):
            raise ValueError("not a serialised Part")
        return cls(
            number=int(data["number"]),
            total=int(data["total"]),
            payload=data["payload"],
            kind=PartKind(str(data.get("kind", PartKind.MESSAGE))),
            preview=str(data.get("preview", "")),
        )

    def with_position(self, number: int, total: int) -> Part:
        return Part(number, total, self.payload, self.kind, self.preview)


def encode_body(body: dict[str, Any]) -> bytes:
    """The bytes posted for ``body``; size limits are measured on exactly these bytes."""
    return json.dumps(body, ensure_ascii=False).encode()


def body_size(body: dict[str, Any]) -> int:
    return len(encode_body(body))


def number_parts(parts: Sequence[Part]) -> list[Part]:
    """Renumber ``parts`` 1..n after extra parts (chart, mention) were appended."""
    total = len(parts)
    return [part.with_position(n, total) for n, part in enumerate(parts, start=1)]


# build(title, sections, mention, people) -> body; ``people`` are those the document's mention
# marks name (tracker.digest.marks); ``mention`` is true for the part that carries the
# "@all" (the first), and while sizing, so every part fits with the mention included.
People = Mapping[str, "Person"]
Body = dict[str, Any]
BodyBuilder = Callable[[str, Sequence[Section], bool, People], Body]
Fits = Callable[[dict[str, Any]], bool]
SectionsFit = Callable[[Sequence[Section]], bool]


def split_document(
    doc: DigestDocument, build: BodyBuilder, fits: Fits, *, mention: bool = False
) -> list[Part]:
    """Split ``doc`` into as few bodies as ``fits``, numbering titles "(1/3)" when split.

    Splits at section boundaries; a section too large for a part of its own is split at line
    boundaries (continuing under its heading); a single line too large even alone is truncated
    with "…" as a last resort. With ``mention`` the first part carries the mention.
    """
    if fits(build(doc.title, doc.sections, mention, doc.people)):
        groups: list[list[Section]] = [list(doc.sections)]
    else:
        # Size every part with the widest numbering it could get so the final titles always fit.
        probe = f"{doc.title} (999/999)"
        people = doc.people
        groups = pack_sections(
            doc.sections, lambda group: fits(build(probe, group, mention, people))
        )
    total = len(groups)
    parts: list[Part] = []
    for number, group in enumerate(groups, start=1):
        title = doc.title if total == 1 else f"{doc.title} ({number}/{total})"
        body = build(title, group, mention and number == 1, doc.people)
        preview = markdown_text(title, group, doc.people)
        parts.append(Part(number, total, body, preview=preview))
    return parts


def pack_sections(sections: Sequence[Section], fits: SectionsFit) -> list[list[Section]]:
    """Group ``sections`` into as few parts as ``fits``, splitting oversized ones by lines."""
    groups: list[list[Section]] = []
    current: list[Section] = []

    def flush() -> None:
        nonlocal current
        if current:
            groups.append(current)
        current = []

    for section in sections:
        if fits([*current, section]):
            current.append(section)
            continue
        if fits([section]):
            flush()
            current = [section]
            continue
        # Oversized section: fill parts line by line, repeating its heading (and link) in each.
        lines: list[str] = []
        for line in section.lines:
            if fits([*current, replace(section, lines=(*lines, line))]):
                lines.append(line)
                continue
            if lines:
                current.append(replace(section, lines=tuple(lines)))
            flush()
            lines = [line]
            if not fits([replace(section, lines=(line,))]):
                lines = [truncate_line(line, section, fits)]
        if lines or not section.lines:
            current.append(replace(section, lines=tuple(lines)))
    flush()
    return groups or [[]]


def truncate_line(line: str, section: Section, fits: SectionsFit) -> str:
    """The longest prefix of ``line`` plus "…" that fits alone in ``section``.

    Never cuts inside a Markdown link, a user's text or a mention: the cut moves before it.
    """

    def ok(n: int) -> bool:
        return fits([replace(section, lines=(line[:n] + "…",))])

    if not ok(0):
        raise ValueError("max_bytes is too small to hold the title and a heading")
    low, high = 0, len(line)  # invariant: ok(low); the answer is < high
    while high - low > 1:
        mid = (low + high) // 2
        if ok(mid):
            low = mid
        else:
            high = mid
    cut = low
    for start, end in sorted(atomic_spans(line)):
        if start < cut < end:
            cut = start
            break
    return line[:cut].rstrip() + "…"
