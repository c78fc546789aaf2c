"""Stdout channel: prints the Markdown of each part."""

from __future__ import annotations

import pytest

from channels.kit import MakeChannel
from tracker.digest.document import DigestDocument


def test_prints_markdown(
    make: MakeChannel, doc: DigestDocument, capsys: pytest.CaptureFixture[str]
) -> None:
    channel = make("stdout")
    (part,) = channel.render(doc)
    channel.send(part, "weekly/slot/console/1")
    out = capsys.readouterr().out
    assert out.startswith("## 深圳市2025年目标进度周报\n\n### 经济\n- **地区生产总值**")


def test_preview_matches_what_is_printed(make: MakeChannel, doc: DigestDocument) -> None:
    (part,) = make("stdout").render(doc)
    assert part.preview == part.payload["markdown"] == doc.markdown()
