"""Figure files to raw rows: CSV (comma or tab), JSON and YAML, whatever the text encoding.

Files are decoded whatever their encoding (UTF-8, UTF-8 with BOM, GB18030/GBK, UTF-16 with BOM).
:data:`FILE_SUFFIXES` is the one list of figure-file suffixes: it picks the format of a file
given to ``tracker figures import`` and which files of the drop-in folder are imported.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from tracker.config.located_yaml import LocatedYaml, load_yaml
from tracker.domain.text import decode_text
from tracker.errors import InputError, close_matches
from tracker.ingest.rows import (
    FIELDS,
    MALFORMED,
    REQUIRED,
    FileProblem,
    RawRow,
    RowProblem,
    field_name,
    unknown_column,
)

Format = Literal["csv", "yaml", "json", "auto"]

# Suffix -> format. A file with another suffix given by hand is read by its first character.
FILE_SUFFIXES: dict[str, Format] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
}


def is_figure_file(path: Path) -> bool:
    """True for a file whose suffix names a figure format (the drop-in folder imports those)."""
    return path.is_file() and path.suffix.lower() in FILE_SUFFIXES


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
        return FILE_SUFFIXES[suffix]
    first = text.lstrip()[:1]
    return "json" if first in ("[", "{") else "csv"


def read_rows(
    data: bytes, origin: str, fmt: Format = "auto", content_type: str | None = None
) -> list[RawRow]:
    """Decode and parse ``data``; raise :class:`FileProblem` when it cannot be read at all."""
    return parse_rows(decode(data, origin)[0], origin, fmt, content_type)


def decode(data: bytes, origin: str) -> tuple[str, str]:
    """(text, encoding) of a figure file; :class:`FileProblem` when it is not text."""
    try:
        text, encoding = decode_text(data)
    except (UnicodeDecodeError, ValueError):
        message = "cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text; save it as UTF-8"
        raise _unreadable(origin, None, message) from None
    return text.removeprefix("\ufeff"), encoding


def parse_rows(
    text: str, origin: str, fmt: Format = "auto", content_type: str | None = None
) -> list[RawRow]:
    """Records of a decoded figure file; :class:`FileProblem` when it cannot be read at all."""
    return list(iter_rows(text, origin, fmt, content_type))


def iter_rows(
    text: str, origin: str, fmt: Format = "auto", content_type: str | None = None
) -> Iterator[RawRow]:
    """Records of a decoded figure file, CSV read lazily (a large file is never all in rows).

    A header that cannot be read raises :class:`FileProblem` here; a CSV record broken later in
    the file raises it while iterating.
    """
    if fmt == "auto":
        fmt = detect_format(origin, text, content_type)
    if fmt == "csv":
        return _csv_rows(text, origin)
    if fmt == "json":
        return iter(_json_rows(text, origin))
    return iter(_yaml_rows(text, origin))


def _unreadable(
    origin: str, line: int | None, message: str, name: str | None = None
) -> FileProblem:
    return FileProblem([RowProblem(origin, line, name, message)])


_EXPECTED_HEADER = "goal,period,value[,unit,source,published,note]"


def _skipped(cells: list[str]) -> bool:
    """Blank lines and ``#`` comments are skipped (but still counted for line numbers)."""
    return not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith("#")


def _csv_rows(text: str, origin: str) -> Iterator[RawRow]:
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(_lines(text), delimiter=delimiter)
    try:
        header = next((cells for cells in reader if not _skipped(cells)), None)
    except csv.Error as exc:
        raise _unreadable(origin, reader.line_num, f"bad CSV: {exc}") from None
    if header is None:
        raise _unreadable(origin, None, f"empty file; expected a header line {_EXPECTED_HEADER}")
    _check_width(header, origin, reader.line_num)
    columns = [field_name(cell) for cell in header]
    _check_header(columns, origin, reader.line_num)
    return _csv_records(reader, columns, origin)


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, one at a time (no second copy of the file)."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def _csv_records(reader: Any, columns: list[str], origin: str) -> Iterator[RawRow]:
    previous_end = reader.line_num
    try:
        for cells in reader:
            line = previous_end + 1  # where the record starts: a quoted cell may span lines
            previous_end = reader.line_num
            if not _skipped(cells):
                yield RawRow(line, _csv_values(columns, cells))
    except csv.Error as exc:
        raise _unreadable(origin, reader.line_num, f"bad CSV: {exc}") from None


def _csv_values(columns: list[str], cells: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if len(cells) > len(columns):
        values[MALFORMED] = f"{len(cells)} cells but the header has {len(columns)}"
    for name, cell in zip(columns, cells, strict=False):
        values[name] = cell.strip() or None
    return values


MAX_COLUMNS = 64  # a figure file has 7 fields; a header far wider is not a figure file
_SHOWN_UNKNOWN = 3  # unknown columns named one by one; the rest are counted


def _check_width(header: list[str], origin: str, line: int) -> None:
    if len(header) > MAX_COLUMNS:
        message = (
            f"the header has {len(header):,} columns; a figure file has at most 7: "
            f"{_EXPECTED_HEADER}"
        )
        raise _unreadable(origin, line, message)


def _check_header(columns: list[str], origin: str, line: int) -> None:
    problems = []
    unknown = [name for name in columns if name not in FIELDS]
    for name in unknown[:_SHOWN_UNKNOWN]:
        problems.append(RowProblem(origin, line, None, unknown_column(name)))
    if len(unknown) > _SHOWN_UNKNOWN:
        more = len(unknown) - _SHOWN_UNKNOWN
        problems.append(RowProblem(origin, line, None, f"and {more} more unknown column(s)"))
    for index, name in enumerate(columns):
        if name in FIELDS and name in columns[:index]:
            problems.append(RowProblem(origin, line, None, f"duplicate column {name!r}"))
    # A misspelt column (vaule) was reported with its fix: the one it meant is not missing too.
    meant = {close for name in unknown for close in close_matches(name, FIELDS)}
    missing = [name for name in REQUIRED if name not in columns and name not in meant]
    if missing:
        message = f"header lacks {', '.join(missing)}; expected {_EXPECTED_HEADER}"
        problems.append(RowProblem(origin, line, None, message))
    if problems:
        raise FileProblem(problems)


def _json_rows(text: str, origin: str) -> list[RawRow]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _unreadable(origin, exc.lineno, f"malformed JSON: {exc.msg}") from None
    except RecursionError:
        raise _unreadable(origin, None, "malformed JSON: nested too deeply") from None
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
            message = "unknown key; expected a list or {figures: [...]}"
            raise _unreadable(origin, located.line_of((extra[0],)), message, str(extra[0]))
        data, where = data.get("figures"), ("figures",)
    if data is None:
        return []
    if not isinstance(data, list):
        message = "expected a list of figures or {figures: [...]}"
        raise _unreadable(origin, located.line_of(where), message)
    return [_mapping_row(located, (*where, index), item) for index, item in enumerate(data)]


def _mapping_row(located: LocatedYaml, location: tuple[str | int, ...], item: Any) -> RawRow:
    line = located.line_of(location) if located.lines else None
    if not isinstance(item, dict):
        index = int(location[-1])
        return RawRow(
            line if line is not None else index + 1,
            {MALFORMED: "expected a mapping with goal, period, value"},
        )
    lines = {field_name(k): n for k in item if (n := located.lines.get((*location, k))) is not None}
    return RawRow(line, {field_name(k): v for k, v in item.items()}, lines)
