"""Whose goals and which year: subjects, section headers, options, dates and footers."""

from __future__ import annotations

from datetime import date

import pytest

from extract.kit import only
from tracker.extract import extract, extract_targets


def test_entity_from_the_sentence_and_section_header():
    text = (
        "2025年,江海区力争地区生产总值增长9%左右。\n"
        "新会区委副书记、区长刘兵:\n"
        "力争高企增至490家。\n"
    )
    found = extract_targets(text)
    assert [(c.entity, c.target) for c in found] == [("江海区", 9), ("新会区", 490)]


def test_entity_option_overrides_the_article():
    goal = only("2025年,江海区力争地区生产总值增长9%左右。", entity="江门市江海区")
    assert goal.entity == "江门市江海区"


def test_bare_zone_word_stands_for_the_named_zone():
    text = "珠海经开区召开会议。\n会上,经开区明确了2025年目标:固定资产投资增长11%。\n"
    result = extract(text)
    assert result.entity == "珠海经开区"
    assert [c.entity for c in result.candidates] == ["珠海经开区"]


@pytest.mark.parametrize(
    ("text", "options", "year"),
    [
        ("力争2025年引进项目不少于80个。", {}, 2025),
        ("今年力争引进项目不少于80个。", {"published": date(2024, 2, 1)}, 2024),
        ("Date: 2023-01-17\n今年力争引进项目不少于80个。", {}, 2023),
        ("今年力争引进项目不少于80个。", {"year": 2026, "published": date(2024, 2, 1)}, 2026),
        ("今年力争引进项目不少于80个。\nCopyright © 2005-2023 某网", {}, 2023),
    ],
)
def test_year_of_the_goals(text, options, year):
    result = extract(text, **options)
    assert result.year == year
    assert [c.year for c in result.candidates] == [year]


def test_metadata_lines_give_url_and_published_date():
    text = "Title: 标题\nDate: 2025-01-17\nURL: https://example.org/a.html\n今年力争GDP增长6%。\n"
    result = extract(text)
    assert (result.url, result.published) == ("https://example.org/a.html", date(2025, 1, 17))
    assert [c.quote for c in result.candidates] == ["今年力争GDP增长6%"]
