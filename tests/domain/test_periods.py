"""Period grammar: YYYY, YYYY-MM, YYYY-Qn, YYYY-H1, all cumulative from January."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.periods import Period, PeriodError


@pytest.mark.parametrize(
    ("text", "canonical", "end"),
    [
        ("2025", "2025", date(2025, 12, 31)),
        ("2025-09", "2025-09", date(2025, 9, 30)),
        ("2025-9", "2025-09", date(2025, 9, 30)),
        ("2024-02", "2024-02", date(2024, 2, 29)),
        ("2025-Q1", "2025-Q1", date(2025, 3, 31)),
        ("2025q3", "2025-Q3", date(2025, 9, 30)),
        ("2025-H1", "2025-H1", date(2025, 6, 30)),
    ],
)
def test_parse_gives_canonical_text_and_end(text: str, canonical: str, end: date) -> None:
    period = Period.parse(text)
    assert (period.text, period.end) == (canonical, end)


@pytest.mark.parametrize(
    "text", ["2025-13", "2025-00", "2025-Q5", "25-09", "2025-H2", "2025-09-30", "Q3", ""]
)
def test_parse_rejects_text_outside_the_grammar(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_a_quarter_and_its_last_month_are_the_same_window() -> None:
    assert Period.parse("2025-Q3").month_index == Period.parse("2025-09").month_index
    assert Period.parse("2025").month_index == Period.parse("2025-12").month_index


def test_months_covered_count_from_the_goal_start() -> None:
    assert Period.parse("2025-02").months_covered(date(2025, 1, 1)) == 2
    assert Period.parse("2026").months_covered(date(2025, 1, 1)) == 24
    assert Period.parse("2025-Q1").months_covered(date(2025, 3, 1)) == 1


def test_within_compares_months_of_start_and_deadline() -> None:
    start, deadline = date(2025, 1, 1), date(2025, 6, 15)
    assert Period.parse("2025-06").within(start, deadline)
    assert not Period.parse("2025-07").within(start, deadline)
    assert not Period.parse("2024").within(start, deadline)


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("2025", "2025年", "2025"),
        ("2025-01", "1月", "Jan"),
        ("2025-09", "1–9月", "Jan–Sep"),
        ("2025-Q1", "一季度", "Q1"),
        ("2025-Q3", "前三季度", "Q1–Q3"),
        ("2025-H1", "上半年", "H1"),
    ],
)
def test_labels_read_the_way_reports_say_them(text: str, zh: str, en: str) -> None:
    period = Period.parse(text)
    assert (period.label("zh"), period.label("en")) == (zh, en)


def test_label_with_year_for_multi_year_goals() -> None:
    period = Period.parse("2026-06")
    assert period.label("zh", with_year=True) == "2026年1–6月"
    assert period.label("en", with_year=True) == "Jan–Jun 2026"


def test_periods_sort_by_the_month_they_end() -> None:
    periods = [Period.parse(t) for t in ("2025", "2025-Q1", "2024-11", "2025-H1")]
    assert [p.text for p in sorted(periods)] == ["2024-11", "2025-Q1", "2025-H1", "2025"]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("2025年10月", "2025-10"),
        ("2025年1-10月", "2025-10"),
        ("2025年1—10月", "2025-10"),
        ("２０２５年１－９月", "2025-09"),
        ("2025年前三季度", "2025-Q3"),
        ("2025年一季度", "2025-Q1"),
        ("2025年上半年", "2025-H1"),
        ("2025年", "2025"),
        ("2025年全年", "2025"),
        ("2025/10", "2025-10"),
        ("2025.10", "2025-10"),
    ],
)
def test_periods_as_statistics_write_them(text: str, canonical: str) -> None:
    assert Period.parse(text).text == canonical


@pytest.mark.parametrize(
    ("text", "says"),
    [("2025年3-10月", "cumulative from January"), ("2025年下半年", "not cumulative")],
)
def test_a_period_that_is_not_cumulative_says_how_to_write_it(text: str, says: str) -> None:
    with pytest.raises(PeriodError, match=says):
        Period.parse(text)
