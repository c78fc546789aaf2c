"""Splitting a digest into parts: at sections, then lines, truncating one line as a last resort."""

from __future__ import annotations

import pytest

from channels.kit import FakeClock, ScriptedChannel, goal_lines
from tracker.channels import Part
from tracker.channels.markdown import markdown_text
from tracker.channels.parts import body_size
from tracker.digest.document import DigestDocument, Section


def three_sections() -> DigestDocument:
    sections = tuple(Section(f"第{k}组", goal_lines(8, f"指标{k}-")) for k in range(3))
    return DigestDocument("d", "进度", "zh", sections)


def test_small_document_is_one_unnumbered_part(clock: FakeClock, doc: DigestDocument) -> None:
    parts = ScriptedChannel(clock).render(doc)
    assert [(p.number, p.total) for p in parts] == [(1, 1)]
    assert "(1/1)" not in parts[0].payload["text"]


def test_split_at_section_boundaries_with_numbered_titles(clock: FakeClock) -> None:
    doc = three_sections()
    one_section = body_size({"text": markdown_text("进度 (999/999)", doc.sections[:1])})
    parts = ScriptedChannel(clock, max_bytes=one_section + 50).render(doc)
    assert [p.payload["text"].splitlines()[0] for p in parts] == [
        "## 进度 (1/3)",
        "## 进度 (2/3)",
        "## 进度 (3/3)",
    ]
    assert [p.preview.count("### ") for p in parts] == [1, 1, 1]


def test_oversized_section_splits_between_lines_never_inside(clock: FakeClock) -> None:
    lines = goal_lines(40)
    doc = DigestDocument("d", "进度", "zh", (Section("全部", lines),))
    parts = ScriptedChannel(clock, max_bytes=1200).render(doc)
    assert len(parts) > 3
    assert all(body_size(p.payload) <= 1200 for p in parts)
    sent = [ln for p in parts for ln in p.payload["text"].splitlines() if ln.startswith("- ")]
    assert sent == list(lines)
    assert all("### 全部" in p.payload["text"] for p in parts)  # heading repeated per part


def test_overlong_single_line_is_truncated_with_ellipsis(clock: FakeClock) -> None:
    doc = DigestDocument("d", "进度", "zh", (Section(None, ("很长" * 400, "短行")),))
    parts = ScriptedChannel(clock, max_bytes=600).render(doc)
    first = parts[0].payload["text"].splitlines()[-1]
    assert first.endswith("…") and first.startswith("很长很长")
    assert all(body_size(p.payload) <= 600 for p in parts)
    assert parts[-1].payload["text"].endswith("短行")


def test_truncation_does_not_cut_a_link(clock: FakeClock) -> None:
    line = "说明" * 150 + " [统计公报全文链接](https://tjj.example.gov.cn/" + "a" * 300 + ")"
    doc = DigestDocument("d", "进度", "zh", (Section(None, (line,)),))
    text = ScriptedChannel(clock, max_bytes=1000).render(doc)[0].payload["text"]
    assert text.endswith("说明…")
    assert "[统计" not in text


def test_part_round_trips_through_json() -> None:
    part = Part(2, 3, {"msgtype": "markdown", "items": ("甲", 1)}, kind="message", preview="预览")
    again = Part.from_json(part.to_json())
    assert again == part
    assert again.payload["items"] == ["甲", 1]


def test_part_rejects_unserialisable_payload_and_bad_numbers() -> None:
    with pytest.raises(TypeError):
        Part(1, 1, {"when": object()})
    with pytest.raises(ValueError):
        Part(4, 3, {})
