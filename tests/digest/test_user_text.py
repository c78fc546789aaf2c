"""Every value a digest template prints is user text: only the template's Markdown is live."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tracker.config.settings import DigestConfig
from tracker.digest.compose import build_digest
from tracker.digest.document import DigestDocument
from tracker.digest.marks import plain_text, user_text
from tracker.domain.goals import Goal
from tracker.evaluate import evaluate_all

OCT = date(2025, 10, 31)


@pytest.fixture
def digest_of(make_goal: Callable[..., Goal]) -> Callable[..., DigestDocument]:
    def build(**fields: object) -> DigestDocument:
        results = evaluate_all([make_goal(**fields)], {}, OCT)
        return build_digest(DigestConfig(name="t", channels=["x"]), results, as_of=OCT)

    return build


def test_markup_in_a_name_is_escaped_in_the_markdown(
    digest_of: Callable[..., DigestDocument],
) -> None:
    text = digest_of(indicator="**粗体** [点我](https://evil.example) <b>").markdown()
    assert r"\*\*粗体\*\* \[点我\](https://evil.example) \<b\>" in text


def test_the_lines_keep_the_name_as_written(digest_of: Callable[..., DigestDocument]) -> None:
    doc = digest_of(indicator="A|B <注>")
    assert any("A|B <注>" in plain_text(line) for s in doc.sections for line in s.lines)


def test_a_line_break_in_a_name_cannot_start_a_section(
    digest_of: Callable[..., DigestDocument],
) -> None:
    doc = digest_of(entity="示范区\n### 伪造的一节")
    assert [s.heading for s in doc.sections][1:] == ["示范区 ### 伪造的一节"]


def test_only_web_addresses_become_source_links(digest_of: Callable[..., DigestDocument]) -> None:
    text = digest_of(source={"quote": "示范目标", "url": "javascript:alert(1)"}).markdown()
    assert "javascript" not in text


def test_a_source_address_cannot_end_its_link_early(
    digest_of: Callable[..., DigestDocument],
) -> None:
    text = digest_of(source={"quote": "示范目标", "url": "https://a.example/x) [y](z"}).markdown()
    assert "(https://a.example/x%29%20%5By%5D%28z)" in text


def test_plain_names_are_printed_unmarked() -> None:
    assert user_text("珠海经济技术开发区") == "珠海经济技术开发区"
    assert user_text("\ue000forged\ue001") == "forged"  # no name can forge a mark
