"""Messy articles: Traditional characters, pinyin, full-width digits, junk, repeats, GB18030."""

from __future__ import annotations

import pytest

from extract.kit import AT_LEAST, ROOT, TRADITIONAL, figures, messy_copy
from tracker.domain.text import contains_quote
from tracker.extract import decode_article, extract_targets


def test_traditional_with_pinyin_is_read_and_quoted_cleaned():
    found = extract_targets(TRADITIONAL)
    assert [(c.entity, c.indicator, c.target) for c in found] == [
        ("火炬开发区", "地区生产总值", 6.5),
        ("火炬开发区", "规模以上工业增加值", 7),
    ]
    assert found[0].quote == "火炬开发区力争全年GDP增长6.5%以上"
    assert all(contains_quote(TRADITIONAL, c.quote) for c in found)


def test_repeated_body_reports_each_target_once():
    body = "2025年,香洲区力争新增高企100家,新增学位1.1万个。\n"
    assert len(extract_targets(body * 2)) == 2


def test_stray_spaces_and_full_width_digits():
    text = "2025年,力争GDP增长6 . 5%以上,引进项目不少于８０个。"
    found = extract_targets(text)
    assert [(c.target, c.unit) for c in found] == [(6.5, "%"), (80, "个")]
    assert found[0].quote == "力争GDP增长6 . 5%以上"
    assert all(contains_quote(text, c.quote) for c in found)


def test_navigation_junk_lines_are_skipped():
    text = (
        "首页 > 新闻 > 正文\n上一篇:某县GDP增长12%\n~~~金额共500万元 今年6月底前可用\n"
        "2025年,香洲区力争GDP增长6%。\n相关阅读:某市工业增加值增长10%\n第A1版:头版\n"
    )
    assert figures(text) == [("地区生产总值", AT_LEAST, 6, "%")]


def test_messy_copy_of_a_seed_gives_the_same_goals():
    plain = (ROOT / "seeds" / "002_218b60f8d8bbf3c4.txt").read_text(encoding="utf-8")
    messy = messy_copy(plain)
    expected = [(c.indicator, c.target, c.unit) for c in extract_targets(plain)]
    found = extract_targets(messy)
    assert [(c.indicator, c.target, c.unit) for c in found] == expected
    assert len(expected) == 10
    assert all(contains_quote(messy, c.quote) for c in found)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("增长7%".encode("utf-8-sig"), "增长7%"),
        ("增長7%".encode("gb18030"), "增長7%"),
    ],
)
def test_decode_article(data, text):
    assert decode_article(data) == text
