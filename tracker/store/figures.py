"""Figure revisions: writing validated figures, and reading what was visible on a day.

Every function works in the caller's connection (see :class:`tracker.store.database.Store`).
A figure whose value equals an existing revision's is not stored again; any other value is a
new revision, and the newest revision of a (goal, period) visible on a day is the one that counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import Connection, func, select, update

from tracker.domain.figures import FigureRecord, NewFigure, WriteSummary, same_value
from tracker.domain.periods import Period
from tracker.store.tables import figure_revisions

_IN_CHUNK = 500  # goal ids per IN (...) clause; SQLite limits bound parameters
# What a new figure is compared with; keyed by (goal, period_end).
_Revisions = defaultdict[tuple[str, str], list[dict[str, Any]]]


def add_revisions(
    conn: Connection,
    new: Sequence[NewFigure],
    origin: str | None,
    *,
    now: datetime,
    zone: tzinfo,
) -> WriteSummary:
    """Write validated figures recorded at ``now``; ``zone`` dates those without ``published``.

    A figure whose value (compared in base units) and publication date equal an existing
    revision of the same goal and period changes nothing (its source and note fill in or
    replace that revision's); any other value is a new revision that supersedes the rest.
    """
    summary = WriteSummary()
    if not new:
        return summary
    local_day = now.astimezone(zone).date().isoformat()
    existing = _stored_revisions(conn, {f.goal for f in new})
    rows: list[dict[str, Any]] = []
    for figure in new:
        key = (figure.goal, figure.period.end.isoformat())
        match = _same_revision(existing[key], figure)
        if match is not None:
            if _fill_in(conn, match, figure):
                summary.updated += 1
            else:
                summary.unchanged += 1
            continue
        if existing[key]:
            summary.revised += 1
        else:
            summary.added += 1
        row = _row(figure, origin, now.isoformat(), local_day)
        rows.append(row)
        existing[key].append({**row, "id": None})
    if rows:
        # The driver's executemany: SQLAlchemy's per-row parameter processing costs more than
        # the insert itself at hundreds of thousands of rows.
        columns = list(rows[0])
        sql = (
            f"INSERT INTO {figure_revisions.name} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})"
        )
        if conn.dialect.paramstyle == "qmark":
            conn.exec_driver_sql(sql, [tuple(row.values()) for row in rows])
        else:
            conn.execute(figure_revisions.insert(), rows)
    return summary


def _same_revision(candidates: list[dict[str, Any]], figure: NewFigure) -> dict[str, Any] | None:
    """The revision with ``figure``'s value and publication date, if there is one."""
    if not candidates:
        return None
    published = figure.published.isoformat() if figure.published else None
    return next(
        (
            rev
            for rev in candidates
            if rev["published"] == published
            and same_value(rev["value"], rev["unit"], figure.value, figure.unit)
        ),
        None,
    )


def _fill_in(conn: Connection, match: dict[str, Any], figure: NewFigure) -> bool:
    """Give a stored revision ``figure``'s source and note where they differ; True if it did."""
    changes = {
        name: getattr(figure, name)
        for name in ("source", "note")
        if getattr(figure, name) is not None and getattr(figure, name) != match[name]
    }
    # A revision added earlier in this batch (id None) keeps what it was written with.
    if not changes or match["id"] is None:
        return False
    conn.execute(
        update(figure_revisions).where(figure_revisions.c.id == match["id"]).values(**changes)
    )
    match.update(changes)
    return True


def _row(figure: NewFigure, origin: str | None, recorded_at: str, local_day: str) -> dict[str, Any]:
    published = figure.published.isoformat() if figure.published else None
    return {
        "goal": figure.goal,
        "period": figure.period.text,
        "period_end": figure.period.end.isoformat(),
        "value": figure.value,
        "unit": figure.unit,
        "source": figure.source,
        "published": published,
        "note": figure.note,
        "recorded_at": recorded_at,
        "visible_from": published or local_day,
        "origin": origin,
    }


def _stored_revisions(conn: Connection, goal_ids: Collection[str]) -> _Revisions:
    columns = [
        figure_revisions.c[name]
        for name in ("id", "goal", "period_end", "value", "unit", "published", "source", "note")
    ]
    found: _Revisions = defaultdict(list)
    ids = sorted(goal_ids)
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        for row in conn.execute(
            select(*columns).where(figure_revisions.c.goal.in_(chunk))
        ).mappings():
            found[(row["goal"], row["period_end"])].append(dict(row))
    return found


def visible_as_of(
    conn: Connection, as_of: date, goal_ids: Collection[str] | None = None
) -> dict[str, list[FigureRecord]]:
    """Per goal, the newest revision of each period visible on ``as_of``, oldest period first.

    Visible means published on or before ``as_of`` (or, without a publication date, recorded
    on or before it in local time). One query, read in index order: the last row of each
    (goal, period) run is the newest revision (later visible_from, then later id).
    """
    stmt = (
        select(figure_revisions)
        .where(figure_revisions.c.visible_from <= as_of.isoformat())
        .order_by(
            figure_revisions.c.goal,
            figure_revisions.c.period_end,
            figure_revisions.c.visible_from,
            figure_revisions.c.id,
        )
    )
    wanted = set(goal_ids) if goal_ids is not None else None
    if wanted is not None and len(wanted) <= _IN_CHUNK:
        stmt = stmt.where(figure_revisions.c.goal.in_(sorted(wanted)))
    result: dict[str, list[FigureRecord]] = {}
    build = _RecordBuilder()

    def keep(row: Any) -> None:
        if wanted is None or row[1] in wanted:
            result.setdefault(row[1], []).append(build(row))

    previous: Any = None
    for partition in _partitions(conn, stmt):
        for row in partition:  # columns 1 and 3: goal, period_end
            if previous is not None and (row[1] != previous[1] or row[3] != previous[3]):
                keep(previous)
            previous = row
    if previous is not None:
        keep(previous)
    return result


_PARTITION = 5000


def _partitions(conn: Connection, stmt: Any) -> Iterator[Sequence[Any]]:
    """The rows of ``stmt`` in chunks; on SQLite straight from the driver's cursor (plain
    tuples: SQLAlchemy's row objects cost as much as the reading itself at 700,000 rows)."""
    if conn.dialect.name != "sqlite":
        yield from conn.execute(stmt).partitions(_PARTITION)
        return
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), params)
        while rows := cursor.fetchmany(_PARTITION):
            yield rows
    finally:
        cursor.close()


def list_revisions(
    conn: Connection, goal_ids: Collection[str] | None = None, *, history: bool = False
) -> list[FigureRecord]:
    """Figures by goal and period: the current revision of each, or every revision.

    With ``history``, superseded revisions come too (``current`` False), newest first within
    a period.
    """
    stmt = select(figure_revisions).order_by(
        figure_revisions.c.goal,
        figure_revisions.c.period_end,
        figure_revisions.c.visible_from.desc(),
        figure_revisions.c.id.desc(),
    )
    if goal_ids is not None:
        stmt = stmt.where(figure_revisions.c.goal.in_(sorted(goal_ids)))
    out: list[FigureRecord] = []
    seen: set[tuple[str, str]] = set()
    build = _RecordBuilder()
    for row in conn.execute(stmt):
        key = (row.goal, row.period_end)
        current = key not in seen
        seen.add(key)
        if current or history:
            out.append(build(row, current=current))
    return out


def count_revisions(conn: Connection) -> int:
    """How many revisions are stored, superseded ones included."""
    return int(conn.execute(select(func.count()).select_from(figure_revisions)).scalar() or 0)


class _RecordBuilder:
    """Rows of the revisions table to records, parsing each distinct text once.

    Hundreds of thousands of rows share a few dozen dates, periods and record times, so each
    is parsed once and the records share the parsed objects.
    """

    def __init__(self) -> None:
        self._dates: dict[str, date] = {}
        self._stamps: dict[str, datetime] = {}
        self._periods: dict[str, Period] = {}

    def __call__(self, row: Any, current: bool = True) -> FigureRecord:
        (id_, goal, period, _end, value, unit, source, published, note, recorded_at,
         visible_from, origin) = row  # fmt: skip
        dates = self._dates
        stamp = self._stamps.get(recorded_at)
        if stamp is None:
            stamp = self._stamps[recorded_at] = datetime.fromisoformat(recorded_at)
        parsed = self._periods.get(period)
        if parsed is None:
            parsed = self._periods[period] = Period.parse(period)
        day = dates.get(visible_from)
        if day is None:
            day = dates[visible_from] = date.fromisoformat(visible_from)
        released = None
        if published:
            released = dates.get(published)
            if released is None:
                released = dates[published] = date.fromisoformat(published)
        return FigureRecord(
            id_, goal, parsed, value, unit, source, released, note, stamp, day, origin, current
        )
