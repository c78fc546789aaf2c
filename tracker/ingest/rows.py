"""What reading and validating share: the fields of a figure record, a row as read, problems.

A figure is one published number for one goal and period (``goal,period,value[,unit,source,
published,note]``). Every bad row (or unreadable file) is reported as ``ORIGIN:LINE: field:
message``, like config problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracker.errors import did_you_mean

FIELDS = ("goal", "period", "value", "unit", "source", "published", "note")
REQUIRED = ("goal", "period", "value")
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
    hint = did_you_mean(name, FIELDS) or f"; known: {', '.join(FIELDS)}"
    return f"unknown column {name!r}{hint}"
