"""Tables flattened into text: ``| 指标 | 2024年完成 | 2025年目标 |`` then one row per indicator.

The header says which column holds the plan year's targets (目标, 预期, 计划; a column of an
earlier year is a review, 完成/实际 a result); a row's first cell names the indicator and may
give the unit (``地区生产总值增长(%)``, ``固定资产投资(亿元)``), or a 单位 column does."""

from __future__ import annotations

import re
from dataclasses import dataclass

import tracker.extract.cues as cues
from tracker.domain.goals import Comparator
from tracker.extract.article import Line
from tracker.extract.classify import growth_of, measure_of
from tracker.extract.hits import HitKind, find_hits
from tracker.extract.indicators import canonical_indicator
from tracker.extract.model import Candidate
from tracker.extract.patterns import years_at
from tracker.extract.split import Span

_CELL_SPLIT = re.compile(r"\|")
_TARGET_COLUMN = re.compile(r"目标|预期|计划")
_RESULT_COLUMN = re.compile(r"完成|实际|实绩|增长情况")
_UNIT_COLUMN = re.compile(r"^单位$")
_LABEL_UNIT = re.compile(r"[(（](?P<unit>[^()（）]{1,5})[)）]$")
_NUMBER = re.compile(r"\d")
_BARE_NUMBER = re.compile(r"(?P<n>\d+(?:\.\d+)?)(?![\d.%])")


def is_row(line: Line) -> bool:
    """Whether the line is a row of a table (two cell borders or more)."""
    return line.compact.count("|") >= 2


@dataclass
class Table:
    """The header of the table being read: where the plan year's targets and the units are."""

    plan_year: int
    target_column: int | None = None
    unit_column: int | None = None

    def read(self, line: Line, entity: str) -> list[Candidate]:
        """The targets of one row; a header row sets the columns and gives none."""
        cells = _cells(line.compact)
        texts = [line.compact[a:b] for a, b in cells]
        if len(cells) < 2:
            return []
        if not any(_NUMBER.search(t) and not _only_years(t) for t in texts[1:]):
            self._header(texts)
            return []
        if self.target_column is None or self.target_column >= len(cells):
            return []
        return self._row(line, cells, texts, entity)

    def _header(self, texts: list[str]) -> None:
        self.target_column = self.unit_column = None
        for i, text in enumerate(texts):
            if _UNIT_COLUMN.match(text):
                self.unit_column = i
            years = [y for _, y in years_at(text)]
            earlier = bool(years) and max(years) < self.plan_year
            if _TARGET_COLUMN.search(text) and not earlier and not _RESULT_COLUMN.search(text):
                self.target_column = i  # the last such column: 2025年目标 after 2024年目标
            elif years and min(years) >= self.plan_year and not _RESULT_COLUMN.search(text):
                self.target_column = i

    def _row(self, line: Line, cells: list[Span], texts: list[str], entity: str) -> list[Candidate]:
        label = texts[0]
        unit_match = _LABEL_UNIT.search(label)
        unit = unit_match.group("unit") if unit_match else ""
        if self.unit_column is not None and self.unit_column < len(texts):
            unit = texts[self.unit_column] or unit
        name = label[: unit_match.start()] if unit_match else label
        assert self.target_column is not None  # checked by read
        value = texts[self.target_column]
        if not unit or not _BARE_NUMBER.search(value):
            hits = find_hits(value)
        else:
            hits = find_hits(_BARE_NUMBER.sub(rf"\g<n>{unit}", value, count=1))
        hits = [h for h in hits if h.kind is HitKind.figure and h.target is not None]
        if not hits or not canonical_indicator(name):
            return []
        hit = hits[0]
        growth, grows = growth_of(hit, name, "")
        if cues.CONTROL.search(name) and hit.comparator is Comparator.about:
            hit.comparator = Comparator.at_most
        start, end = cells[0][0], cells[self.target_column][1]
        return [
            Candidate(
                entity=entity,
                indicator=canonical_indicator(grows if growth else name),
                measure=measure_of(hit, growth, name),
                comparator=hit.comparator or Comparator.at_least,
                target=hit.target,
                target_max=hit.target_max,
                unit=hit.unit,
                year=self.plan_year,
                quote=line.quote(start, end),
            )
        ]


def _cells(compact: str) -> list[Span]:
    """Where the non-empty cells of a row are."""
    spans, start = [], 0
    for m in _CELL_SPLIT.finditer(compact + "|"):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    return spans


def _only_years(text: str) -> bool:
    return bool(years_at(text)) and not _NUMBER.search(re.sub(r"(?:19|20)\d{2}年", "", text))
