"""Options and helpers shared by the commands."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from rich.console import Console, ConsoleDimensions

from tracker.config.project import Project, load_project
from tracker.errors import InputError

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


def open_store(project: Project) -> Store:
    """The project's store, or exit 1 with one line saying why it cannot be opened."""
    from tracker.store import StoreError
    from tracker.store import open_store as open_project_store

    try:
        return open_project_store(project)
    except StoreError as exc:
        fail(map(str, exc.problems))


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


class DateParam(click.ParamType[date]):
    """A ``YYYY-MM-DD`` date."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"expected YYYY-MM-DD, got {value!r}", param, ctx)


DATE = DateParam()
