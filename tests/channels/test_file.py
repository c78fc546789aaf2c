"""File channel: Markdown files per part, written atomically, chart beside them."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from channels.kit import MakeChannel
from tracker.channels import Channel, TransportError
from tracker.digest.document import DigestDocument


def deliver(channel: Channel, doc: DigestDocument) -> None:
    for part in channel.render(doc):
        channel.send(part, f"weekly/slot/archive/{part.number}")


def test_writes_one_markdown_file(tmp_path: Path, make: MakeChannel, doc: DigestDocument) -> None:
    deliver(make("file", path=str(tmp_path / "out")), doc)
    written = tmp_path / "out" / "weekly-2025-07-07T09_00-1of1.md"
    assert [p.name for p in (tmp_path / "out").iterdir()] == [written.name]
    assert written.read_text(encoding="utf-8").startswith("## 深圳市2025年目标进度周报\n\n### 经济")


def test_split_when_max_bytes_is_set(
    tmp_path: Path, make: MakeChannel, big_doc: DigestDocument
) -> None:
    deliver(make("file", path=str(tmp_path), max_bytes=8000), big_doc)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) >= 4 and names[0] == f"weekly-2025-07-07T09_00-1of{len(names)}.md"
    assert all(len(p.read_bytes()) < 8000 for p in tmp_path.iterdir())


def test_chart_is_saved_beside_as_png(
    tmp_path: Path, make: MakeChannel, doc: DigestDocument
) -> None:
    png = b"\x89PNG\r\n\x1a\nchart"
    deliver(make("file", path=str(tmp_path)), replace(doc, image=png))
    assert (tmp_path / "weekly-2025-07-07T09_00.png").read_bytes() == png


def test_rewrite_replaces_atomically_without_leftovers(
    tmp_path: Path, make: MakeChannel, doc: DigestDocument
) -> None:
    channel = make("file", path=str(tmp_path))
    deliver(channel, doc)
    deliver(channel, replace(doc, title="更新后的标题"))
    (only,) = tmp_path.iterdir()
    assert "更新后的标题" in only.read_text(encoding="utf-8")


def test_unsafe_names_are_sanitised(tmp_path: Path, make: MakeChannel, doc: DigestDocument) -> None:
    evil = replace(doc, digest="../../etc/passwd", payload={"slot": "a/b c"})
    deliver(make("file", path=str(tmp_path)), evil)
    assert [p.name for p in tmp_path.iterdir()] == ["etc_passwd-a_b_c-1of1.md"]


def test_unwritable_folder_is_a_permanent_error(
    tmp_path: Path, make: MakeChannel, doc: DigestDocument
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    channel = make("file", path=str(blocker / "sub"))
    with pytest.raises(TransportError) as caught:
        deliver(channel, doc)
    assert caught.value.permanent


def test_outbox_files_are_readable_by_others(
    make: MakeChannel, doc: DigestDocument, tmp_path: Path
) -> None:
    deliver(make("file", path=str(tmp_path / "out")), doc)
    (written,) = (tmp_path / "out").glob("*.md")
    mode = stat.S_IMODE(os.stat(written).st_mode)
    assert mode & stat.S_IRGRP and mode & stat.S_IROTH
