"""Stdout channel: print the digest's Markdown (dry runs, cron mail, debugging)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tracker.channels.base import Channel
from tracker.channels.markdown import markdown_text
from tracker.channels.parts import Body, Part, People
from tracker.digest.document import DigestDocument, Section


class StdoutChannel(Channel):
    """Prints each part's Markdown to standard output; never split unless ``max_bytes`` is set."""

    type_name = "stdout"
    max_bytes = None

    def render(self, doc: DigestDocument) -> list[Part]:
        def build(title: str, sections: Sequence[Section], mention: bool, people: People) -> Body:
            return {"markdown": markdown_text(title, sections, people)}

        return self.split(doc, build)

    def post(self, part: Part, key: str) -> None:
        try:
            # Looked up per call so redirection (and pytest's capsys) is honoured.
            sys.stdout.write(str(part.payload.get("markdown", "")) + "\n\n")
            sys.stdout.flush()
        except OSError as exc:
            raise self.error(
                f"cannot write to stdout: {exc.strerror or exc}", permanent=False
            ) from None
