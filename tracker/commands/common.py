"""Options and helpers shared by the commands."""

from __future__ import annotations

import errno
import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from rich.console import Console, ConsoleDimensions

from tracker.config.project import Project, load_project
from tracker.domain.dates import DateError, parse_date
from tracker.errors import InputError, display_path

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported only by commands that open it
    from tracker.store import Store

F = TypeVar("F", bound=Callable[..., Any])

PIPE_WIDTH = 160


class PipeConsole(Console):
    """A console ``PIPE_WIDTH`` wide when not writing to a terminal and $COLUMNS is unset.

    Rich falls back to 80 columns in a pipe or a cron job and crops wide tables there; a
    terminal keeps its own width and $COLUMNS (or an explicit ``width``) always wins. Decided
    at each print, so it follows whatever stdout is then (a CliRunner's buffer too).
    """

    @property
    def size(self) -> ConsoleDimensions:
        size = super().size
        if self._width is None and not self._environ.get("COLUMNS") and not self.is_terminal:
            return ConsoleDimensions(PIPE_WIDTH, size.height)
        return size

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        self._width, self._height = new_size


console = PipeConsole(highlight=False)
err_console = PipeConsole(stderr=True, highlight=False)


def config_option(func: F) -> F:
    """``--config DIR`` (default ./config, or $TRACKER_CONFIG)."""
    return click.option(
        "--config",
        "config_dir",
        type=click.Path(path_type=Path, file_okay=False),
        envvar="TRACKER_CONFIG",
        default="config",
        show_default=True,
        help="Config folder (goals/, tracker.yaml); env TRACKER_CONFIG.",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(
        func
    )


def language_option(help_text: str) -> Callable[[F], F]:
    """``--language zh|en`` (default zh), described by ``help_text``."""
    return click.option(
        "--language",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        help=help_text,
    )


class CommandError(click.ClickException):
    """A command's refusal: one line per problem on stderr, exit status ``exit_code``.

    Unlike click's own errors there is no ``Error:`` prefix: each line already says
    ``PATH:LINE: field: message`` or what went wrong in the project's words.
    """

    def __init__(self, lines: Iterable[str], exit_code: int = 1) -> None:
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))
        # click declares exit_code as a class attribute; each refusal carries its own.
        setattr(self, "exit_code", exit_code)  # noqa: B010

    def show(self, file: IO[Any] | None = None) -> None:
        for line in self.lines:
            click.echo(line, err=True, file=file)


def fail(lines: Iterable[str], code: int = 1) -> NoReturn:
    """Refuse: print one line per problem on stderr and exit ``code`` (see CommandError)."""
    raise CommandError(lines, code)


def open_project(
    config_dir: Path, *, verify_quotes: bool = False, delivery: bool = False, secrets: bool = True
) -> Project:
    """Load the config or exit 1 with one ``PATH:LINE: field: message`` line per problem.

    Channels and digests are read only with ``delivery`` (digest and status commands), so
    the others work in a shell without the webhook variables; with ``secrets=False`` they are
    read without them too (commands that show but never send).
    """
    try:
        return load_project(
            config_dir, verify_quotes=verify_quotes, delivery=delivery, secrets=secrets
        )
    except InputError as exc:
        fail([*map(str, exc.problems), f"{len(exc.problems)} problem(s); run `tracker check`"])


STORE_KEY = "tracker.store"  # click's ctx.meta: where the open store is, for store_failure


def open_store(project: Project) -> Store:
    """The project's store, or exit 1 with one line saying why it cannot be opened."""
    # Imported here: SQLAlchemy costs 0.1 s, and `check`, `goals` and `--help` never need it.
    from tracker.store import StoreError, engine
    from tracker.store import open_store as open_project_store

    try:
        store = open_project_store(project)
    except StoreError as exc:
        fail(map(str, exc.problems))
    context = click.get_current_context(silent=True)
    if context is not None:
        file = engine.sqlite_file(store.engine.url)
        context.meta[STORE_KEY] = display_path(file) if file else store.url
    return store


def store_failure(exc: BaseException, meta: dict[str, Any]) -> CommandError | None:
    """One line for a store that fails while a command works: locked, read-only, full, damaged.

    None for any other exception (a bug, which should show its traceback).
    """
    from sqlalchemy.exc import DBAPIError

    from tracker.store import engine

    where = str(meta.get(STORE_KEY, "the store"))
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return CommandError([f"{exc.filename or where}: {_FULL}"])
    if not isinstance(exc, DBAPIError):
        return None
    why = (str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0]
    lower = why.lower()
    if "locked" in lower or "busy" in lower:
        seconds = engine.BUSY_TIMEOUT_MS / 1000
        message = (
            f"the store is locked by another process for more than {seconds:g} s (an import "
            "or `tracker run`?); nothing was written — try again when it has finished"
        )
    elif "readonly" in lower or "read-only" in lower:
        message = (
            "the store is read-only; make the file and its folder writable or point "
            "TRACKER_DATABASE at a writable file"
        )
    elif "full" in lower:
        message = _FULL
    elif "malformed" in lower or "not a database" in lower or "corrupt" in lower:
        message = (
            f"the store is damaged ({why}); move the file away (a new store is made) or restore "
            "it from a backup"
        )
    else:
        message = f"the store failed: {why}"
    return CommandError([f"{where}: {message}"])


_FULL = "the disk is full; nothing was written — free some space and run it again"


PRETTY_RECORDS = 500  # up to this many records JSON is indented; beyond, one record a line


def print_json(data: Any) -> None:
    """``data`` as JSON: indented when small; a large list one compact record per line.

    Python's JSON encoder is C only without ``indent``: 60,000 indented goals take longer to
    print than to evaluate. Either way it is the same JSON document.
    """
    records = data if isinstance(data, list) else None
    if isinstance(data, dict):
        records = next((v for v in data.values() if isinstance(v, list)), None)
    if records is None or len(records) <= PRETTY_RECORDS:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))
        return
    click.echo(_record_lines(data), nl=False)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _list_lines(items: list[Any], indent: str) -> str:
    body = ",\n".join(indent + "  " + _compact(item) for item in items)
    return "[\n" + body + "\n" + indent + "]" if items else "[]"


def _record_lines(data: Any) -> str:
    if isinstance(data, list):
        return _list_lines(data, "") + "\n"
    fields = [
        f"  {_compact(key)}: "
        + (_list_lines(value, "  ") if isinstance(value, list) else _compact(value))
        for key, value in data.items()
    ]
    return "{\n" + ",\n".join(fields) + "\n}\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


class DateParam(click.ParamType[date]):
    """A date as people write it: ``2025-10-20``, ``2025/10/20``, ``2025年10月20日``."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        try:
            return parse_date(value)
        except DateError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()
