"""What extraction returns: proposed goals (:class:`Candidate`) and the article's defaults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from tracker.domain.goals import Baseline, Comparator, Measure
from tracker.domain.units import PERCENT

UNKNOWN_ENTITY = "?"  # no entity named in the article and none given; the writers refuse it

# The compact target form of config/goals (``≥ 7%``); ``between`` is written ``1-2``.
_OPS = {
    Comparator.at_least: "≥",
    Comparator.more_than: ">",
    Comparator.at_most: "≤",
    Comparator.about: "约",
}


class YearSource(StrEnum):
    """Where the year of the goals came from, most trusted first."""

    option = "option"  # given by the caller
    text = "text"  # written before the targets (2025年…力争)
    published = "published"  # the publication date (argument or Date line)
    copyright = "copyright"  # the page footer (Copyright © 2005-2023)
    mentions = "mentions"  # the year the article writes most
    reports = "reports"  # the year after those whose results it reports
    today = "today"  # nothing in the article: this year


@dataclass(frozen=True)
class Candidate:
    """A proposed goal: what ``tracker check`` needs, plus the quote it was read from."""

    entity: str
    indicator: str
    measure: Measure
    comparator: Comparator
    target: float | None
    unit: str
    year: int
    quote: str
    target_max: float | None = None
    stretch: float | None = None
    deadline: date | None = None
    tags: tuple[str, ...] = ()
    baseline: Baseline | None = None

    @property
    def target_text(self) -> str:
        """The compact form of ``config/goals``: ``≥ 7%``, ``> 300 亿元``, ``约 6%``, ``1-2 个``."""
        if self.target is None:
            return ""
        unit = self.unit if self.unit == PERCENT else f" {self.unit}"
        if self.comparator is Comparator.between and self.target_max is not None:
            return f"{_num(self.target)}-{_num(self.target_max)}{unit}"
        return f"{_OPS[self.comparator]} {_num(self.target)}{unit}"


@dataclass(frozen=True)
class Extraction:
    """The candidates of one article with the defaults they share."""

    entity: str
    year: int
    candidates: tuple[Candidate, ...]
    url: str | None = None
    published: date | None = None
    year_from: YearSource = YearSource.option
    says_this_year: bool = False  # the article writes 今年

    @property
    def has_entity(self) -> bool:
        """Whether an entity was given or found (the writers refuse an extraction without)."""
        return self.entity != UNKNOWN_ENTITY and all(
            c.entity != UNKNOWN_ENTITY for c in self.candidates
        )

    @property
    def this_year_guessed(self) -> bool:
        """今年 in the text, and neither a year nor a publication date to say which year it is."""
        given = self.year_from == YearSource.option
        return self.says_this_year and not given and self.published is None


def plain_number(value: Any) -> Any:
    """11.0 -> 11 so YAML shows what the article wrote."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _num(value: float) -> str:
    return str(plain_number(round(value, 6)))
