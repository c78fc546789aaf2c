"""Dates as people write them, one reader for files, goals and the command line."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain.dates import DateError, parse_date


@pytest.mark.parametrize(
    "text",
    ["2025-10-20", "2025/10/20", "2025.10.20", "2025年10月20日", "20251020", "２０２５年10月20日"],
)
def test_every_common_form_reads_as_the_same_day(text: str) -> None:
    assert parse_date(text) == date(2025, 10, 20)


@pytest.mark.parametrize(
    ("text", "says"),
    [("2025-02-30", "month 2 has no day 30"), ("2025/13/01", "month 13"), ("上周", "such as")],
)
def test_an_impossible_date_says_why(text: str, says: str) -> None:
    with pytest.raises(DateError, match=says):
        parse_date(text)
