"""Raw rows to validated figures: every bad field of every row reported, duplicates resolved.

A row is checked whole (its shape, the goal, the period within the goal's span, the release
date, the value and unit), so one run reports everything wrong with a file.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any, TypeVar

from tracker.domain.dates import parse_date
from tracker.domain.figures import NewFigure
from tracker.domain.goals import Goal, Measure
from tracker.domain.periods import Period
from tracker.domain.units import parse_unit
from tracker.errors import did_you_mean
from tracker.ingest.cells import CellError, period_cell, text_or_none, value_cell
from tracker.ingest.rows import FIELDS, MALFORMED, REQUIRED, RawRow, RowProblem, unknown_column

T = TypeVar("T")
_Report = Callable[[str | None, str], None]


def validate_rows(
    rows: Iterable[RawRow], goals: Mapping[str, Goal], origin: str, today: date | None = None
) -> tuple[list[NewFigure], list[RowProblem]]:
    """Validate every row; figures from good rows, and a problem for every bad field.

    Identical duplicate rows are dropped; two rows for the same goal, period and publication
    date with different values are a conflict.
    """
    figures: list[NewFigure] = []
    problems: list[RowProblem] = []
    for batch, batch_problems in validate_batches(rows, goals, origin, today):
        figures.extend(batch)
        problems.extend(batch_problems)
    return figures, problems


BATCH = 5000  # rows validated (and written) at a time: memory follows the batch, not the file
# What a later row is compared with, for every row of a file: "goal|month|published" -> the
# value in base units and the line, packed (a tuple per row would cost 200 MB at 720,000 rows).
_Seen = dict[str, bytes]
_PACKED = struct.Struct("<dq")


def validate_batches(
    rows: Iterable[RawRow],
    goals: Mapping[str, Goal],
    origin: str,
    today: date | None = None,
    size: int = BATCH,
) -> Iterator[tuple[list[NewFigure], list[RowProblem]]]:
    """:func:`validate_rows` ``size`` rows at a time: (figures, problems) per batch."""
    seen: _Seen = {}
    figures: list[NewFigure] = []
    problems: list[RowProblem] = []
    for count, row in enumerate(rows, 1):
        figure, row_problems = validate_row(row, goals, origin, today)
        problems.extend(row_problems)
        if figure is not None:
            _keep(figure, row, seen, figures, problems, origin)
        if count % size == 0:
            yield figures, problems
            figures, problems = [], []
    if figures or problems:
        yield figures, problems


def _keep(
    figure: NewFigure,
    row: RawRow,
    seen: _Seen,
    figures: list[NewFigure],
    problems: list[RowProblem],
    origin: str,
) -> None:
    """Add ``figure`` unless an earlier row said the same (dropped) or otherwise (conflict)."""
    key = f"{figure.goal}|{figure.period.month_index}|{figure.published}"
    unit = parse_unit(figure.unit) if figure.unit else None
    base = unit.to_base(figure.value) if unit else figure.value
    earlier = seen.get(key)
    if earlier is None:
        seen[key] = _PACKED.pack(base, figure.line if figure.line is not None else -1)
        figures.append(figure)
        return
    earlier_base, earlier_line = _PACKED.unpack(earlier)
    if not math.isclose(earlier_base, base, rel_tol=1e-9, abs_tol=1e-12):
        written = f"{earlier_base / unit.scale:g}{unit.text}" if unit else f"{earlier_base:g}"
        problems.append(
            RowProblem(
                origin,
                row.line_of("value"),
                "value",
                f"{_shown(figure)} conflicts with line {earlier_line} ({written}) "
                "for the same goal, period and published date",
            )
        )


def _shown(figure: NewFigure) -> str:
    return f"{figure.value:g}{figure.unit or ''}"


def validate_row(
    row: RawRow, goals: Mapping[str, Goal], origin: str, today: date | None = None
) -> tuple[NewFigure | None, list[RowProblem]]:
    """One row: a figure, or None and the problems found (all of them, one per field)."""
    problems: list[RowProblem] = []

    def report(name: str | None, message: str) -> None:
        problems.append(RowProblem(origin, row.line_of(name) if name else row.line, name, message))

    values = row.values
    for name, message in _shape_problems(values):
        report(name, message)
    if problems:
        return None, problems
    goal_id = str(values["goal"]).strip()
    goal = goals.get(goal_id)
    if goal is None:
        report("goal", unknown_goal_message(goal_id, goals))
    period = _checked(report, period_cell, values["period"])
    if period is not None and goal is not None:
        _checked(report, _within_span, period, goal)
    published = _checked(report, _release_date, values.get("published"), period, goal, today)
    value = (
        _checked(report, value_cell, values["value"], values.get("unit"), goal) if goal else None
    )
    if problems or goal is None or period is None or value is None:
        return None, problems
    return NewFigure(
        goal=goal.id,
        period=period,
        value=value[0],
        unit=value[1],
        source=text_or_none(values.get("source")),
        published=published,
        note=text_or_none(values.get("note")),
        line=row.line,
    ), []


def _checked(report: _Report, read: Callable[..., T], *args: Any) -> T | None:
    """``read(*args)``, or None after reporting the bad cell it raised about."""
    try:
        return read(*args)
    except CellError as exc:
        report(exc.field, str(exc))
        return None


def _shape_problems(values: Mapping[str, Any]) -> list[tuple[str | None, str]]:
    """A malformed record, unknown fields and missing required ones, as (field, message)."""
    found: list[tuple[str | None, str]] = []
    if MALFORMED in values:
        found.append((None, str(values[MALFORMED])))
    for key in values:
        if key not in FIELDS and key != MALFORMED:
            found.append((key, unknown_column(key).replace("column", "field", 1)))
    for name in REQUIRED:
        if values.get(name) is None or values.get(name) == "":
            found.append((name, "required"))
    return found


def unknown_goal_message(goal_id: str, goals: Mapping[str, Goal] | Iterable[str]) -> str:
    """``unknown goal 'x'; did you mean 'a', 'b'?`` with the closest known ids.

    Close means similar as a whole (a typo) or, failing that, containing ``x`` (``gdp``).
    """
    hint = did_you_mean(goal_id, goals, limit=3) or "; `tracker goals` lists the known ids"
    return f"unknown goal {goal_id!r}{hint}"


def _within_span(period: Period, goal: Goal) -> None:
    if not period.within(goal.start, goal.deadline):
        raise CellError(
            "period",
            f"{period.text} is outside goal {goal.id}'s span "
            f"{goal.start.isoformat()}..{goal.deadline.isoformat()}",
        )


def _release_date(
    raw: Any, period: Period | None, goal: Goal | None, today: date | None
) -> date | None:
    """The publication date, or None (then the figure is dated today: its period must be over)."""
    published = _published(raw, goal, today)
    if published is None:
        _period_over(period, goal, today)
    _published_after(published, period, goal)
    return published


def _published(raw: Any, goal: Goal | None, today: date | None) -> date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        published = parse_date(raw)
    except ValueError as exc:
        raise CellError("published", str(exc)) from None
    if today is not None and published > today:
        raise CellError("published", f"{published.isoformat()} is in the future")
    if goal is not None and published < goal.start:
        raise CellError(
            "published",
            f"{published.isoformat()} is before goal {goal.id} starts ({goal.start.isoformat()})",
        )
    return published


def _period_over(period: Period | None, goal: Goal | None, today: date | None) -> None:
    """Without a release date a figure is dated today: its period must be over by now."""
    if period is None or goal is None or today is None or goal.measure is Measure.milestone:
        return
    if today < period.end:
        raise CellError(
            "period",
            f"{period.text} has not ended yet (it ends {period.end.isoformat()}); "
            "a cumulative figure for it cannot be out",
        )


def _published_after(published: date | None, period: Period | None, goal: Goal | None) -> None:
    """A number is published once its period is over; a milestone may be reported on the day."""
    if published is None or period is None or goal is None:
        return
    if goal.measure is not Measure.milestone and published < period.end:
        raise CellError(
            "published",
            f"{published.isoformat()} is before the period {period.text} ends "
            f"({period.end.isoformat()})",
        )
