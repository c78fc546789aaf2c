"""What reading and validating share: the fields of a figure record, a row as read, problems.

A figure is one published number for one goal and period (``goal,period,value[,unit,source,
published,note]``). Every bad row (or unreadable file) is reported as ``ORIGIN:LINE: field:
message``, like config problems.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from tracker.errors import did_you_mean

FIELDS = ("goal", "period", "value", "unit", "source", "published", "note")
REQUIRED = ("goal", "period", "value")
# Column names as spreadsheets write them (README "Figures"), compared NFKC-folded, lower case.
ALIASES: dict[str, str] = {
    name: field
    for field, names in {
        "goal": "指标 目标 目标id 指标id 目标编号 指标编号 goal_id goal-id id",
        "period": "期间 时期 周期 报告期 统计期 统计周期 期别",
        "value": "数值 值 数据 数 累计值 累计数 完成值",
        "unit": "单位 计量单位",
        "source": "来源 数据来源 出处 链接",
        "published": "发布日期 发布时间 公布日期 发布 日期 published_at date",
        "note": "备注 说明 注释 附注 notes",
    }.items()
    for name in names.split()
}


def field_name(written: object) -> str:
    """The record field a column or key names: ``指标`` and ``Goal`` are ``goal``."""
    name = unicodedata.normalize("NFKC", str(written)).strip().lower()
    return ALIASES.get(name, name)


# A key readers put in RawRow.values when a record is malformed as a whole; its value says why.
MALFORMED = "__extra__"


@dataclass(frozen=True)
class RowProblem:
    """One bad row (or file), printed ``ORIGIN:LINE: field: message`` like config problems."""

    origin: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.origin if self.line is None else f"{self.origin}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


@dataclass
class RawRow:
    """One record as read, before validation; ``lines`` has the line of each field (YAML)."""

    line: int | None
    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int | None:
        return self.lines.get(name, self.line)


class FileProblem(Exception):
    """The file as a whole cannot be read (encoding, header, malformed YAML)."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def unknown_column(name: str) -> str:
    """``unknown column 'x'`` with the closest field, or the list of fields."""
    hint = did_you_mean(name, FIELDS) or f"; known: {', '.join(FIELDS)} (or 指标, 期间, 数值, …)"
    return f"unknown column {name[:40]!r}{hint}"
