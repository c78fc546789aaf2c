"""The steps of reading one at a time: splitting, quoting back, figures, names, tense, ids."""

from __future__ import annotations

import pytest

from extract.kit import AT_LEAST
from tracker.domain.goals import Measure
from tracker.extract import Candidate, Extraction
from tracker.extract.article import Line
from tracker.extract.hits import HitKind, find_hits
from tracker.extract.ids import goal_ids
from tracker.extract.indicators import canonical_indicator
from tracker.extract.numerals import number_value
from tracker.extract.split import items
from tracker.extract.tense import Tense


def test_list_items_split_on_the_comma_outside_brackets_only():
    s = "高企、培育年产值(集团、企业)"
    assert [s[a:b] for a, b in items(s, 0, len(s))] == ["高企", "培育年产值(集团、企业)"]


def test_a_compact_span_quotes_the_text_with_its_inner_spaces():
    line = Line.of("力争GDP增长6 . 5%以上")
    start = line.compact.index("6.5%")
    assert line.quote(start, start + 4) == "6 . 5%"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("实现两位数增长", HitKind.two_digit),
        ("上市企业实现零突破", HitKind.zero),
        ("争创全国高新区50强", HitKind.rank),
        ("项目在3月底前动工", HitKind.milestone),
        ("南湾片区GDP超千亿", HitKind.magnitude),
        ("引进项目不少于80个", HitKind.figure),
    ],
)
def test_each_way_of_writing_a_figure_is_its_own_kind(sentence, kind):
    assert [h.kind for h in find_hits(sentence)] == [kind]


def test_indicator_names_are_spelt_out_without_lead_words():
    assert canonical_indicator("力争全年GDP") == "地区生产总值"
    assert canonical_indicator("规上工业增加值") == "规模以上工业增加值"


def test_a_review_stays_in_the_past_until_a_plan_word():
    tense = Tense(plan_year=2025)
    for sentence, past in [
        ("2024年是开局之年", True),
        ("全年共签约项目72个", True),
        ("今年经开区将力争引进项目不少于80个", False),
    ]:
        tense.update(sentence, find_hits(sentence))
        assert tense.past is past, sentence


def test_repeated_ids_get_a_number():
    goal = Candidate("香洲区", "地区生产总值", Measure.growth, AT_LEAST, 6, "%", 2025, "增长6%")
    extraction = Extraction("香洲区", 2025, (goal, goal))
    assert goal_ids(extraction, "seeds/p.txt") == ["p-2025-gdp", "p-2025-gdp-2"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("6.5", 6.5), ("1,200", 1200), ("十", 10), ("一千两百", 1200), ("四点五", 4.5), ("百", 100)],
)
def test_numbers_are_read_from_digits_or_chinese_numerals(text, value):
    assert number_value(text) == value
