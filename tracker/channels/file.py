"""File channel: one Markdown file per part in a folder (and the chart as a PNG beside it)."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from pathlib import Path

from tracker.channels.base import Channel
from tracker.channels.markdown import markdown_text
from tracker.channels.parts import Body, Part, PartKind, People, number_parts
from tracker.digest.document import DigestDocument, Section
from tracker.files import write_atomically

_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_name(text: str) -> str:
    """A file-name fragment: word characters (Chinese included), dots and dashes only."""
    name = _UNSAFE.sub("_", text).strip("._")
    return name or "_"


class FileChannel(Channel):
    """Writes ``{digest}-{slot}-{part}of{total}.md`` into ``config.path``, atomically.

    Useful for archiving and for testing templates without a chat service. Not split unless
    ``max_bytes`` is configured.
    """

    type_name = "file"
    max_bytes = None

    @property
    def folder(self) -> Path:
        if not self.config.path:
            raise self.error("no path configured", permanent=True)
        return Path(self.config.path)

    def render(self, doc: DigestDocument) -> list[Part]:
        stem = f"{safe_name(doc.digest)}-{safe_name(str(doc.payload.get('slot') or 'noslot'))}"

        def build(title: str, sections: Sequence[Section], mention: bool, people: People) -> Body:
            return {"markdown": markdown_text(title, sections, people) + "\n"}

        parts = [
            Part(
                p.number,
                p.total,
                {"filename": f"{stem}-{p.number}of{p.total}.md", **p.payload},
                preview=p.preview,
            )
            for p in self.split(doc, build)
        ]
        if doc.image is not None:
            image = {"filename": f"{stem}.png", "base64": base64.b64encode(doc.image).decode()}
            parts.append(Part(1, 1, image, kind=PartKind.IMAGE, preview=f"[chart] {stem}.png"))
        return number_parts(parts)

    def post(self, part: Part, key: str) -> None:
        filename = safe_name(str(part.payload.get("filename", "")))
        if "base64" in part.payload:
            data = base64.b64decode(part.payload["base64"])
        else:
            data = str(part.payload.get("markdown", "")).encode()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.folder / filename, data)
        except OSError as exc:
            # A missing permission will not fix itself; a full disk or busy share might.
            permanent = isinstance(exc, PermissionError | NotADirectoryError | IsADirectoryError)
            raise self.error(
                f"cannot write {filename}: {exc.strerror or exc}", permanent=permanent
            ) from None
