"""Figures: published numbers for goals, read from CSV/YAML/JSON, validated, written to the store.

A figure is one published number for one goal and period (``goal,period,value[,unit,source,
published,note]``). Files are decoded whatever their encoding (UTF-8, UTF-8 with BOM, GB18030/
GBK, UTF-16 with BOM) and validated whole: any bad row means the file imports nothing (unless
``skip_invalid``), and every bad row is reported as ``PATH:LINE: field: message``.

Values are stored as written, with their unit; readers convert them to the goal's unit, so a
figure in 万元 for a goal in 亿元 is compared correctly even if the goal's unit is edited later.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tracker.config.located_yaml import LocatedYaml, load_yaml
from tracker.domain.figures import NewFigure, WriteSummary, same_value
from tracker.domain.goals import Goal, Measure
from tracker.domain.periods import Period, PeriodError
from tracker.domain.text import decode_text
from tracker.domain.units import COUNTED, Unit, UnitError, parse_unit
from tracker.errors import InputError, did_you_mean, display_path

if TYPE_CHECKING:
    from tracker.config.project import Project
    from tracker.store.database import Store

Format = Literal["csv", "yaml", "json", "auto"]

FIELDS = ("goal", "period", "value", "unit", "source", "published", "note")
REQUIRED = ("goal", "period", "value")
FILE_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
}
DONE = frozenset({"done", "true", "yes", "y", "1", "完成", "已完成", "是"})
NOT_DONE = frozenset({"not done", "false", "no", "n", "0", "未完成", "否"})
CLI_ORIGIN = "cli"
# The largest magnitude a figure may have in its base unit (1e15 元 is 1000 万亿元): beyond it a
# value is a typo, and far beyond it unit conversion overflows to inf.
MAX_BASE_VALUE = 1e15
_MAX_EXPONENT = round(math.log10(MAX_BASE_VALUE))

_NUMBER = re.compile(r"^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S*)$")
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)


# ---- records -------------------------------------------------------------------------------


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
class ImportResult:
    """The outcome of importing one file, feed body or command-line figure."""

    origin: str
    rows: int = 0  # valid rows read
    summary: WriteSummary = field(default_factory=WriteSummary)
    problems: list[RowProblem] = field(default_factory=list)
    written: bool = False  # the valid rows were written (possibly changing nothing)
    skipped: bool = False  # this exact content was imported before; not read again

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        if self.skipped:
            return f"{self.origin}: already imported, skipped"
        if not self.written:
            return f"{self.origin}: nothing imported ({len(self.problems)} problem(s))"
        s = self.summary
        parts = [f"{s.added} new", f"{s.revised} revised", f"{s.unchanged} unchanged"]
        if s.updated:
            parts.append(f"{s.updated} source/note updated")
        text = f"{self.origin}: {self.rows} row(s): " + ", ".join(parts)
        if self.problems:
            text += f"; {len(self.problems)} invalid row(s) skipped"
        return text


# ---- reading -------------------------------------------------------------------------------


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


def detect_format(name: str, text: str, content_type: str | None = None) -> Format:
    """csv, yaml or json from the content type, the file suffix, else the first character."""
    if content_type:
        kind = content_type.split(";")[0].strip().lower()
        if kind.endswith("json"):
            return "json"
        if "yaml" in kind:
            return "yaml"
        if kind in ("text/csv", "application/csv", "text/tab-separated-values"):
            return "csv"
    suffix = Path(name.split("?")[0]).suffix.lower()
    if suffix in FILE_SUFFIXES:
        return FILE_SUFFIXES[suffix]  # type: ignore[return-value]
    first = text.lstrip()[:1]
    return "json" if first in ("[", "{") else "csv"


def read_rows(
    data: bytes, origin: str, fmt: Format = "auto", content_type: str | None = None
) -> list[RawRow]:
    """Decode and parse ``data``; raise :class:`FileProblem` when it cannot be read at all."""
    try:
        text, _encoding = decode_text(data)
    except (UnicodeDecodeError, ValueError):
        raise FileProblem(
            [RowProblem(origin, None, None, "cannot decode: not UTF-8, UTF-16 or GB18030 text")]
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if fmt == "auto":
        fmt = detect_format(origin, text, content_type)
    if fmt == "csv":
        return _csv_rows(text, origin)
    if fmt == "json":
        return _json_rows(text, origin)
    return _yaml_rows(text, origin)


def _csv_rows(text: str, origin: str) -> list[RawRow]:
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        while header is not None and (
            not any(cell.strip() for cell in header) or header[0].lstrip().startswith("#")
        ):
            header = next(reader, None)
        if header is None:
            raise FileProblem(
                [
                    RowProblem(
                        origin,
                        None,
                        None,
                        "empty file; expected a header "
                        "line goal,period,value[,unit,source,published,note]",
                    )
                ]
            )
        header_line = reader.line_num
        columns = [cell.strip().lower() for cell in header]
        _check_header(columns, origin, header_line)
        rows: list[RawRow] = []
        previous_end = reader.line_num
        for cells in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith("#"):
                continue
            values: dict[str, Any] = {}
            if len(cells) > len(columns):
                values["__extra__"] = f"{len(cells)} cells but the header has {len(columns)}"
            for name, cell in zip(columns, cells, strict=False):
                values[name] = cell.strip() or None
            rows.append(RawRow(line, values))
    except csv.Error as exc:
        raise FileProblem([RowProblem(origin, reader.line_num, None, f"bad CSV: {exc}")]) from None
    return rows


def _check_header(columns: list[str], origin: str, line: int) -> None:
    problems = []
    for index, name in enumerate(columns):
        if name not in FIELDS:
            problems.append(RowProblem(origin, line, None, _unknown_column(name)))
        elif name in columns[:index]:
            problems.append(RowProblem(origin, line, None, f"duplicate column {name!r}"))
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        problems.append(
            RowProblem(
                origin,
                line,
                None,
                f"header lacks {', '.join(missing)}; expected "
                "goal,period,value[,unit,source,published,note]",
            )
        )
    if problems:
        raise FileProblem(problems)


def _unknown_column(name: str) -> str:
    hint = did_you_mean(name, FIELDS) or f"; known: {', '.join(FIELDS)}"
    return f"unknown column {name!r}{hint}"


def _json_rows(text: str, origin: str) -> list[RawRow]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileProblem(
            [RowProblem(origin, exc.lineno, None, f"malformed JSON: {exc.msg}")]
        ) from None
    try:  # JSON is YAML: reparse to learn the line of each record, when PyYAML agrees
        located = load_yaml(Path(origin), text)
        if located.data == data:
            return _mapping_rows(located, origin)
    except InputError:
        pass
    return _mapping_rows(LocatedYaml(Path(origin), data), origin)


def _yaml_rows(text: str, origin: str) -> list[RawRow]:
    try:
        located = load_yaml(Path(origin), text)
    except InputError as exc:
        raise FileProblem(
            [RowProblem(origin, p.line, p.field, p.message) for p in exc.problems]
        ) from None
    return _mapping_rows(located, origin)


def _mapping_rows(located: LocatedYaml, origin: str) -> list[RawRow]:
    """Records from a list of mappings or from ``{figures: [...]}``."""
    data = located.data
    where: tuple[str | int, ...] = ()
    if isinstance(data, dict):
        extra = [key for key in data if key != "figures"]
        if extra:
            raise FileProblem(
                [
                    RowProblem(
                        origin,
                        located.line_of((extra[0],)),
                        str(extra[0]),
                        "unknown key; expected a list or {figures: [...]}",
                    )
                ]
            )
        data, where = data.get("figures"), ("figures",)
    if data is None:
        return []
    if not isinstance(data, list):
        raise FileProblem(
            [
                RowProblem(
                    origin,
                    located.line_of(where),
                    None,
                    "expected a list of figures or {figures: [...]}",
                )
            ]
        )
    rows = []
    for index, item in enumerate(data):
        location = (*where, index)
        line = located.line_of(location) if located.lines else None
        if not isinstance(item, dict):
            rows.append(
                RawRow(
                    line if line is not None else index + 1,
                    {"__extra__": "expected a mapping with goal, period, value"},
                )
            )
            continue
        lines = {str(k): n for k in item if (n := located.lines.get((*location, k))) is not None}
        rows.append(RawRow(line, {str(k): v for k, v in item.items()}, lines))
    return rows


# ---- validation ----------------------------------------------------------------------------


class _Invalid(ValueError):
    def __init__(self, field_name: str | None, message: str) -> None:
        self.field = field_name
        super().__init__(message)


def validate_rows(
    rows: Iterable[RawRow], goals: Mapping[str, Goal], origin: str, today: date | None = None
) -> tuple[list[NewFigure], list[RowProblem]]:
    """Validate every row; figures from good rows, and a problem for every bad field.

    Identical duplicate rows are dropped; two rows for the same goal, period and publication
    date with different values are a conflict.
    """
    figures: list[NewFigure] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, int, date | None], NewFigure] = {}
    for row in rows:
        figure, row_problems = validate_row(row, goals, origin, today)
        problems.extend(row_problems)
        if figure is None:
            continue
        key = (figure.goal, figure.period.month_index, figure.published)
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = figure
            figures.append(figure)
        elif not same_value(earlier.value, earlier.unit, figure.value, figure.unit):
            problems.append(
                RowProblem(
                    origin,
                    row.line_of("value"),
                    "value",
                    f"{_shown(figure)} conflicts with line {earlier.line} ({_shown(earlier)}) "
                    "for the same goal, period and published date",
                )
            )
    return figures, problems


def _shown(figure: NewFigure) -> str:
    return f"{figure.value:g}{figure.unit or ''}"


def validate_row(
    row: RawRow, goals: Mapping[str, Goal], origin: str, today: date | None = None
) -> tuple[NewFigure | None, list[RowProblem]]:
    """One row: a figure, or None and the problems found (all of them, one per field)."""
    problems: list[RowProblem] = []

    def problem(name: str | None, message: str) -> None:
        problems.append(RowProblem(origin, row.line_of(name) if name else row.line, name, message))

    values = row.values
    if "__extra__" in values:
        problem(None, str(values["__extra__"]))
    for key in values:
        if key not in FIELDS and key != "__extra__":
            problem(key, _unknown_column(key).replace("column", "field", 1))
    for name in REQUIRED:
        if values.get(name) is None or values.get(name) == "":
            problem(name, "required")
    if problems:
        return None, problems

    goal_id = str(values["goal"]).strip()
    goal = goals.get(goal_id)
    if goal is None:
        problem("goal", unknown_goal_message(goal_id, goals))
    period: Period | None = None
    try:
        period = _period(values["period"])
        if goal is not None and not period.within(goal.start, goal.deadline):
            raise _Invalid(
                "period",
                f"{period.text} is outside goal {goal.id}'s span "
                f"{goal.start.isoformat()}..{goal.deadline.isoformat()}",
            )
    except _Invalid as exc:
        problem(exc.field, str(exc))
    published: date | None = None
    try:
        published = _published(values.get("published"), goal, today)
        if published is None:
            _period_over(period, goal, today)
        _published_after(published, period, goal)
    except _Invalid as exc:
        problem(exc.field, str(exc))
    value: float | None = None
    unit: str | None = None
    if goal is not None:
        try:
            value, unit = _value(values["value"], values.get("unit"), goal)
        except _Invalid as exc:
            problem(exc.field, str(exc))
    if problems or goal is None or period is None or value is None:
        return None, problems
    return NewFigure(
        goal=goal.id,
        period=period,
        value=value,
        unit=unit,
        source=_text(values.get("source")),
        published=published,
        note=_text(values.get("note")),
        line=row.line,
    ), []


def unknown_goal_message(goal_id: str, goals: Mapping[str, Goal] | Iterable[str]) -> str:
    """``unknown goal 'x'; did you mean 'a', 'b'?`` with the closest known ids.

    Close means similar as a whole (a typo) or, failing that, containing ``x`` (``gdp``).
    """
    hint = did_you_mean(goal_id, goals, limit=3) or "; `tracker goals` lists the known ids"
    return f"unknown goal {goal_id!r}{hint}"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _period(raw: Any) -> Period:
    if isinstance(raw, bool | date | float):
        raise _Invalid("period", f"cannot read period {raw!r}; write e.g. 2025, 2025-09, 2025-Q3")
    try:
        return Period.parse(unicodedata.normalize("NFKC", str(raw)))
    except PeriodError as exc:
        raise _Invalid("period", str(exc)) from None


def parse_date(raw: Any) -> date:
    """``2025-10-20``, ``2025/10/20``, ``2025.10.20``, ``2025年10月20日``, ``20251020``."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"expected a date like 2025-10-20, got {raw!r}")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise ValueError(f"{raw!r}: {exc}") from None


def _published(raw: Any, goal: Goal | None, today: date | None) -> date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        published = parse_date(raw)
    except ValueError as exc:
        raise _Invalid("published", str(exc)) from None
    if today is not None and published > today:
        raise _Invalid("published", f"{published.isoformat()} is in the future")
    if goal is not None and published < goal.start:
        raise _Invalid(
            "published",
            f"{published.isoformat()} is before goal {goal.id} starts ({goal.start.isoformat()})",
        )
    return published


def _period_over(period: Period | None, goal: Goal | None, today: date | None) -> None:
    """Without a release date a figure is dated today: its period must be over by now."""
    if period is None or goal is None or today is None or goal.measure is Measure.milestone:
        return
    if today < period.end:
        raise _Invalid(
            "period",
            f"{period.text} has not ended yet (it ends {period.end.isoformat()}); "
            "a cumulative figure for it cannot be out",
        )


def _published_after(published: date | None, period: Period | None, goal: Goal | None) -> None:
    """A number is published once its period is over; a milestone may be reported on the day."""
    if published is None or period is None or goal is None:
        return
    if goal.measure is not Measure.milestone and published < period.end:
        raise _Invalid(
            "published",
            f"{published.isoformat()} is before the period {period.text} ends "
            f"({period.end.isoformat()})",
        )


def _value(raw: Any, unit_raw: Any, goal: Goal) -> tuple[float, str | None]:
    """(value as written, unit as written or the goal's); milestones: (1.0 | 0.0, None)."""
    unit_text = _text(unit_raw)
    if goal.measure is Measure.milestone:
        if unit_text is not None:
            raise _Invalid("unit", "a milestone figure has no unit; leave it empty")
        return _done(raw), None
    number, suffix = _number(raw)
    if suffix and unit_text and _unit(suffix, "value") != _unit(unit_text, "unit"):
        raise _Invalid("value", f"unit {suffix!r} in the value disagrees with unit {unit_text!r}")
    written = unit_text or suffix
    unit = _unit(written, "unit" if unit_text else "value") if written else goal.unit_info
    if not unit.compatible(goal.unit_info):
        raise _Invalid(
            "unit" if unit_text else "value",
            f"{unit.text} cannot be converted to goal {goal.id}'s unit {goal.unit}",
        )
    base = unit.to_base(number)
    in_goal_unit = unit.convert(number, goal.unit_info)
    if not (math.isfinite(base) and math.isfinite(in_goal_unit) and abs(base) <= MAX_BASE_VALUE):
        raise _Invalid(
            "value",
            f"{number:g}{unit.text} is out of range: beyond ±10^{_MAX_EXPONENT} {unit.base}",
        )
    if number < 0 and unit.base in COUNTED and goal.measure in (Measure.total, Measure.level):
        raise _Invalid("value", f"{number:g}{unit.text}: a count cannot be negative")
    return number, unit.text


def _unit(text: str, field_name: str) -> Unit:
    try:
        return parse_unit(unicodedata.normalize("NFKC", text))
    except UnitError as exc:
        raise _Invalid(field_name, str(exc)) from None


def _number(raw: Any) -> tuple[float, str | None]:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _Invalid("value", f"expected a number, got {raw!r}")
    if isinstance(raw, int | float):
        number, suffix = float(raw), None
    else:
        text = unicodedata.normalize("NFKC", raw).replace("−", "-").replace(",", "").strip()
        match = _NUMBER.match(text)
        if not match:
            raise _Invalid("value", f"expected a number, got {raw!r}")
        number, suffix = float(match[1]), match[2] or None
    if not math.isfinite(number):
        raise _Invalid("value", f"expected a finite number, got {raw!r}")
    return number, suffix


def _done(raw: Any) -> float:
    if isinstance(raw, bool):
        return 1.0 if raw else 0.0
    text = str(raw).strip().lower()
    if isinstance(raw, int | float) and raw in (0, 1):
        text = str(int(raw))
    if text in DONE:
        return 1.0
    if text in NOT_DONE:
        return 0.0
    raise _Invalid(
        "value",
        f"expected done or not done (done/true/yes/1/完成/是 or "
        f"not done/false/no/0/未完成/否), got {raw!r}",
    )


# ---- importing -----------------------------------------------------------------------------


def goal_index(project: Project) -> dict[str, Goal]:
    return {goal.id: goal for goal in project.goals}


def local_today(project: Project) -> date:
    return project.settings.today()


def read_figures(
    path: Path, goals: Mapping[str, Goal], today: date | None = None
) -> tuple[list[NewFigure], list[RowProblem]]:
    """Read and validate one file without touching the store."""
    origin = display_path(path)
    try:
        rows = read_rows(path.read_bytes(), origin)
    except FileProblem as exc:
        return [], exc.problems
    except OSError as exc:
        return [], [RowProblem(origin, None, None, f"cannot read: {exc.strerror or exc}")]
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
        data = path.read_bytes()
    except OSError as exc:
        return ImportResult(
            origin, problems=[RowProblem(origin, None, None, f"cannot read: {exc.strerror or exc}")]
        )
    digest = hashlib.sha256(data).hexdigest()
    absolute = str(path.resolve())
    if skip_known and store.file_imported(absolute, digest):
        return ImportResult(origin, skipped=True)
    try:
        rows = read_rows(data, origin)
    except FileProblem as exc:
        return ImportResult(origin, problems=exc.problems)
    figures, problems = validate_rows(rows, goal_index(project), origin, local_today(project))
    return import_rows(
        store,
        figures,
        problems,
        origin,
        stored_origin=absolute,
        skip_invalid=skip_invalid,
        file_key=(absolute, digest),
    )


def import_folder(store: Store, project: Project) -> list[ImportResult]:
    """Import every new or changed figure file in ``settings.figures_dir`` (the drop-in folder).

    Files already imported with the same content are skipped; other files (README.md) ignored.
    """
    folder = project.resolve(project.settings.figures_dir)
    if not folder.is_dir():
        return []
    paths = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in (".csv", ".yaml", ".yml", ".json")
    )
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
    figure, problems = validate_row(row, goal_index(project), origin, local_today(project))
    return import_rows(
        store, [figure] if figure else [], problems, origin, stored_origin=CLI_ORIGIN
    )
