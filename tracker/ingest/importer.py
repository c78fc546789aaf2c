"""Getting figures into the store: files, the drop-in folder and the command line.

Each file is validated whole: any bad row means it imports nothing (unless ``skip_invalid``),
and every bad row is reported as ``PATH:LINE: field: message``. A file is written in one
transaction, so a crash mid-import leaves the store as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.figures import NewFigure, WriteSummary
from tracker.domain.goals import Goal
from tracker.domain.text import ENCODING_NAMES
from tracker.errors import display_path
from tracker.files import TooLarge, read_limited
from tracker.ingest.readers import decode, is_figure_file, iter_rows, read_rows
from tracker.ingest.rows import FileProblem, RawRow, RowProblem
from tracker.ingest.validate import validate_batches, validate_row, validate_rows

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from tracker.config.project import Project
    from tracker.store import Store

CLI_ORIGIN = "cli"


@dataclass
class ImportResult:
    """The outcome of importing one file, feed body or command-line figure."""

    origin: str
    rows: int = 0  # valid rows read
    summary: WriteSummary = field(default_factory=WriteSummary)
    problems: list[RowProblem] = field(default_factory=list)
    written: bool = False  # the valid rows were written (possibly changing nothing)
    skipped: bool = False  # this exact content was imported before; not read again
    encoding: str | None = None  # how the file was decoded (said when not UTF-8)
    figures: list[NewFigure] = field(default_factory=list)  # as validated and written

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        origin = self.origin
        if self.encoding and not self.encoding.startswith("utf-8"):
            origin += f" (read as {ENCODING_NAMES.get(self.encoding, self.encoding)})"
        if self.skipped:
            return f"{origin}: already imported, skipped"
        if not self.written:
            return f"{origin}: nothing imported ({len(self.problems)} problem(s))"
        s = self.summary
        parts = [f"{s.added} new", f"{s.revised} revised", f"{s.unchanged} unchanged"]
        if s.updated:
            parts.append(f"{s.updated} source/note updated")
        text = f"{origin}: {self.rows} row(s): " + ", ".join(parts)
        if self.problems:
            text += f"; {len(self.problems)} invalid row(s) skipped"
        return text


MAX_FIGURE_BYTES = 256 * 2**20  # 720,000 CSV rows are about 40 MiB


def goal_index(project: Project) -> dict[str, Goal]:
    return {goal.id: goal for goal in project.goals}


def _unreadable(origin: str, exc: OSError | TooLarge) -> RowProblem:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return RowProblem(origin, None, None, f"cannot read: {reason}")


def read_figures(
    path: Path, goals: Mapping[str, Goal], today: date | None = None
) -> tuple[list[NewFigure], list[RowProblem]]:
    """Read and validate one file without touching the store."""
    origin = display_path(path)
    try:
        rows = read_rows(read_limited(path, MAX_FIGURE_BYTES), origin)
    except FileProblem as exc:
        return [], exc.problems
    except (OSError, TooLarge) as exc:
        return [], [_unreadable(origin, exc)]
    return validate_rows(rows, goals, origin, today)


def import_rows(
    store: Store,
    figures: Sequence[NewFigure],
    problems: list[RowProblem],
    origin: str,
    *,
    stored_origin: str | None = None,
    skip_invalid: bool = False,
    file_key: tuple[str, str] | None = None,
) -> ImportResult:
    """Write validated figures in one transaction, unless there are problems and not skipping.

    ``file_key`` (path, sha256) is recorded in imported_files when the whole file was valid.
    """
    result = ImportResult(origin, rows=len(figures), problems=list(problems))
    result.figures = list(figures)
    if problems and not skip_invalid:
        return result
    if not figures and problems:
        return result
    with store.begin() as conn:
        result.summary = store.add_figures(conn, figures, stored_origin or origin)
        if file_key is not None and not problems:
            store.record_file(conn, file_key[0], file_key[1], result.summary.changed)
    result.written = True
    return result


def import_file(
    store: Store,
    project: Project,
    path: Path,
    *,
    skip_invalid: bool = False,
    skip_known: bool = False,
) -> ImportResult:
    """Import one CSV/YAML/JSON file in one transaction; see :func:`import_rows`.

    ``skip_known`` skips a file whose exact content was imported completely before (the
    drop-in folder uses it; an explicit import always re-reads, which is a no-op anyway).
    """
    origin = display_path(path)
    try:
        data = read_limited(path, MAX_FIGURE_BYTES)
    except (OSError, TooLarge) as exc:
        return ImportResult(origin, problems=[_unreadable(origin, exc)])
    digest = hashlib.sha256(data).hexdigest()
    absolute = str(path.resolve())
    if skip_known and store.file_imported(absolute, digest):
        return ImportResult(origin, skipped=True)
    encoding = None
    try:
        text, encoding = decode(data, origin)
        del data  # the text is all that is kept of the file from here on
        rows = iter_rows(text, origin)
    except FileProblem as exc:
        return ImportResult(origin, problems=exc.problems, encoding=encoding)
    result = ImportResult(origin, encoding=encoding)
    batches = validate_batches(rows, goal_index(project), origin, project.settings.today())
    try:
        with store.begin() as conn:
            _write_batches(store, conn, batches, result, absolute, skip_invalid)
            if not result.problems:
                store.record_file(conn, absolute, digest, result.summary.changed)
    except _Refused:
        return result  # rolled back: the store is as it was
    except FileProblem as exc:  # a CSV record broken further down the file
        result.problems.extend(exc.problems)
        return result
    result.written = True
    return result


class _Refused(Exception):
    """Raised inside the import's transaction to roll it back: a bad row, nothing to write."""


def _write_batches(
    store: Store,
    conn: Connection,
    batches: Iterable[tuple[list[NewFigure], list[RowProblem]]],
    result: ImportResult,
    stored_origin: str,
    skip_invalid: bool,
) -> None:
    """Write each validated batch in ``conn``; after a bad row keep validating, stop writing."""
    for figures, problems in batches:
        result.problems.extend(problems)
        result.rows += len(figures)
        if result.problems and not skip_invalid:
            continue  # every bad row is still reported; nothing more is written
        written = store.add_figures(conn, figures, stored_origin)
        for name in ("added", "revised", "unchanged", "updated"):
            setattr(result.summary, name, getattr(result.summary, name) + getattr(written, name))
    if result.problems and (not skip_invalid or not result.rows):
        raise _Refused


def import_folder(store: Store, project: Project) -> list[ImportResult]:
    """Import every new or changed figure file in ``settings.figures_dir`` (the drop-in folder).

    Files already imported with the same content are skipped. Files whose suffix is not in
    :data:`~tracker.ingest.readers.FILE_SUFFIXES` (README.md) are ignored.
    """
    folder = project.resolve(project.settings.figures_dir)
    if not folder.is_dir():
        return []
    paths = sorted(path for path in folder.iterdir() if is_figure_file(path))
    return [import_file(store, project, path, skip_known=True) for path in paths]


def add_figure(
    store: Store,
    project: Project,
    goal: str,
    period: str,
    value: str,
    *,
    unit: str | None = None,
    source: str | None = None,
    published: str | date | None = None,
    note: str | None = None,
) -> ImportResult:
    """Validate and store one figure given on the command line (origin ``cli``)."""
    row = RawRow(
        None,
        {
            "goal": goal,
            "period": period,
            "value": value,
            "unit": unit,
            "source": source,
            "published": published,
            "note": note,
        },
    )
    origin = "figures add"
    figure, problems = validate_row(row, goal_index(project), origin, project.settings.today())
    return import_rows(
        store, [figure] if figure else [], problems, origin, stored_origin=CLI_ORIGIN
    )
