"""Reporting periods of published figures: ``2025``, ``2025-09``, ``2025-Q3``, ``2025-H1``.

Chinese statistics report cumulative (累计) figures: ``2025-09`` is January to September
(1–9月), ``2025-Q3`` runs to the end of the third quarter (前三季度), ``2025-H1`` is 上半年 and
``2025`` the whole year. Every period therefore starts at the beginning of its year (or at
the goal's start for a multi-year goal) and is identified by the month it ends with:
``2025-09`` and ``2025-Q3`` describe the same window and are the same period for revisions.

Periods are also read as Chinese statistics write them: ``2025年``, ``2025年10月`` and
``2025年1-10月`` (1–10月, also with ``—``, ``–``, ``~`` or ``至``), ``2025年一季度``,
``2025年上半年``, ``2025年前三季度``, ``2025年全年``, and ``2025/10`` or ``2025.10``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Literal

Language = Literal["zh", "en"]


class PeriodKind(StrEnum):
    year = "year"
    month = "month"
    quarter = "quarter"
    half = "half"


_GRAMMAR = re.compile(
    r"^\s*(?P<year>\d{4})(?:\s*[-/.]\s*(?P<month>\d{1,2})"
    r"|\s*[-/.]?\s*(?:[Qq](?P<quarter>[1-4])|[Hh](?P<half>[12])))?\s*$"
)
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUARTERS_ZH = {1: "一季度", 2: "上半年", 3: "前三季度", 4: "全年"}
_QUARTERS_EN = {1: "Q1", 2: "Q1–Q2", 3: "Q1–Q3", 4: "Q1–Q4"}
GRAMMAR_HINT = (
    "write YYYY, YYYY-MM, YYYY-Qn or YYYY-H1 (e.g. 2025, 2025-09, 2025-Q3, 2025-H1) "
    "or as statistics do: 2025年, 2025年1-9月, 2025年前三季度, 2025年上半年"
)
# 2025年1-10月, 2025年10月, 2025年前三季度, 2025年上半年, 2025年全年, 2025年 (NFKC first).
_CHINESE = re.compile(
    r"^\s*(?P<year>\d{4})\s*年\s*(?:(?:(?P<first>\d{1,2})\s*月?\s*[-—–~至到]\s*)?"
    r"(?P<month>\d{1,2})\s*月(?:份|末|底)?|(?:第)?(?P<part>[^\d\s]+?))?\s*(?:累计)?\s*$"
)
_PARTS: dict[str, tuple[int, PeriodKind]] = {
    "一季度": (3, PeriodKind.quarter),
    "1季度": (3, PeriodKind.quarter),
    "前一季度": (3, PeriodKind.quarter),
    "上半年": (6, PeriodKind.half),
    "前两季度": (6, PeriodKind.half),
    "前二季度": (6, PeriodKind.half),
    "二季度": (6, PeriodKind.half),
    "前三季度": (9, PeriodKind.quarter),
    "三季度": (9, PeriodKind.quarter),
    "全年": (12, PeriodKind.year),
    "四季度": (12, PeriodKind.year),
}


class PeriodError(ValueError):
    """Text that is not a period in the grammar above."""


@dataclass(frozen=True, order=True)
class Period:
    """A cumulative reporting period, from the start of its year to the end of ``end_month``.

    Ordered by (year, end_month, kind), so sorting periods sorts them by the date they end.
    """

    year: int
    end_month: int
    kind: PeriodKind

    @staticmethod
    def parse(text: str | int) -> Period:
        """Read ``2025``, ``2025-09`` (or ``2025-9``), ``2025-Q3``, ``2025-H1``."""
        return _parse(str(text))

    @property
    def text(self) -> str:
        """The canonical written form: ``2025``, ``2025-09``, ``2025-Q3``, ``2025-H1``."""
        if self.kind is PeriodKind.year:
            return str(self.year)
        if self.kind is PeriodKind.quarter:
            return f"{self.year}-Q{self.end_month // 3}"
        if self.kind is PeriodKind.half:
            return f"{self.year}-H1"
        return f"{self.year}-{self.end_month:02d}"

    @property
    def end(self) -> date:
        """The last day of the period (2025-09 -> 2025-09-30)."""
        return _month_end(self.year, self.end_month)

    @property
    def month_index(self) -> int:
        """Months since year 0 of the period's last month; equal indexes = same period."""
        return self.year * 12 + self.end_month - 1

    def months_covered(self, goal_start: date) -> int:
        """Months from ``goal_start``'s month to the period's end (9 for 2025-09 from Jan 1).

        Zero or negative when the period ends before the goal starts.
        """
        return self.month_index - (goal_start.year * 12 + goal_start.month - 1) + 1

    def within(self, start: date, deadline: date) -> bool:
        """True when the period ends in a month from ``start``'s to ``deadline``'s."""
        first = start.year * 12 + start.month - 1
        last = deadline.year * 12 + deadline.month - 1
        return first <= self.month_index <= last

    def label(self, lang: Language = "zh", *, with_year: bool = False) -> str:
        """How readers say it: ``1–9月``, ``2025年``, ``一季度`` / ``Jan–Sep``, ``2025``, ``Q1``."""
        if self.kind is PeriodKind.year:
            return f"{self.year}年" if lang == "zh" else str(self.year)
        if self.kind is PeriodKind.month:
            if lang == "zh":
                span = "1月" if self.end_month == 1 else f"1–{self.end_month}月"
            else:
                last = _MONTHS_EN[self.end_month - 1]
                span = "Jan" if self.end_month == 1 else f"Jan–{last}"
        elif self.kind is PeriodKind.quarter:
            quarter = self.end_month // 3
            span = _QUARTERS_ZH[quarter] if lang == "zh" else _QUARTERS_EN[quarter]
        else:
            span = "上半年" if lang == "zh" else "H1"
        if not with_year:
            return span
        return f"{self.year}年{span}" if lang == "zh" else f"{span} {self.year}"

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=4096)
def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=4096)
def _parse(text: str) -> Period:
    written = unicodedata.normalize("NFKC", text)
    if "年" in written:
        return _parse_chinese(text, written)
    match = _GRAMMAR.match(written)
    if not match:
        raise PeriodError(f"cannot read period {text!r}; {GRAMMAR_HINT}")
    year = _year(text, match["year"])
    if match["month"] is not None:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise PeriodError(f"period {text!r}: month {month} is not 1–12; {GRAMMAR_HINT}")
        return Period(year, month, PeriodKind.month)
    if match["quarter"] is not None:
        return Period(year, int(match["quarter"]) * 3, PeriodKind.quarter)
    if match["half"] is not None:
        if match["half"] == "2":
            raise PeriodError(
                f"period {text!r}: H2 is not cumulative; use {year} for the whole year"
            )
        return Period(year, 6, PeriodKind.half)
    return Period(year, 12, PeriodKind.year)


def _year(text: str, digits: str) -> int:
    year = int(digits)
    if not 1990 <= year <= 2100:
        raise PeriodError(f"period {text!r}: year {year} is out of range")
    return year


def _parse_chinese(text: str, written: str) -> Period:
    match = _CHINESE.match(written)
    if not match:
        raise PeriodError(f"cannot read period {text!r}; {GRAMMAR_HINT}")
    year = _year(text, match["year"])
    if match["part"] == "下半年":
        raise PeriodError(
            f"period {text!r}: 下半年 is not cumulative; use {year} for the whole year"
        )
    if match["part"] is not None:
        found = _PARTS.get(match["part"])
        if found is None:
            raise PeriodError(f"cannot read period {text!r}; {GRAMMAR_HINT}")
        end_month, kind = found
        return Period(year, end_month, kind)
    if match["month"] is None:
        return Period(year, 12, PeriodKind.year)
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise PeriodError(f"period {text!r}: month {month} is not 1–12; {GRAMMAR_HINT}")
    if match["first"] is not None and int(match["first"]) != 1:
        raise PeriodError(
            f"period {text!r}: figures are cumulative from January; "
            f"write {year}年1-{month}月 ({year}-{month:02d})"
        )
    return Period(year, month, PeriodKind.month)
