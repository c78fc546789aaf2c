"""The ``tracker`` command line: a thin click group; each command lives in tracker/commands/."""

from __future__ import annotations

import importlib
import logging

import click

from tracker import __version__

# name -> "module:attribute"; imported lazily so `tracker check` does not pay for the scheduler.
COMMANDS: dict[str, str] = {
    "check": "tracker.commands.goals:check",
    "goals": "tracker.commands.goals:goals",
    "schema": "tracker.commands.goals:schema",
    "figures": "tracker.commands.figures:figures",
    "evaluate": "tracker.commands.evaluate:evaluate",
    "digest": "tracker.commands.digest:digest",
    "status": "tracker.commands.digest:status",
    "run": "tracker.commands.run:run",
    "db": "tracker.commands.db:db",
    "retry": "tracker.commands.retry:retry",
    "extract": "tracker.commands.extract:extract",
    "report": "tracker.commands.report:report",
}

# `tracker --help` lists these without importing every command (tests/commands/test_help.py
# keeps them equal to each command's own first sentence).
SUMMARIES: dict[str, str] = {
    "check": "Validate all config: goal files (quotes included) and tracker.yaml.",
    "db": "The store's database: upgrade its schema, copy it to another database.",
    "digest": "Preview or send a digest defined in config/tracker.yaml.",
    "evaluate": "Judge every goal against the figures published by a day.",
    "extract": "Propose goals from a plan article (UTF-8 or GB18030 text).",
    "figures": "Import, add, list and fetch published figures.",
    "goals": "List goals as a table, or as JSON with --json.",
    "report": "Write a static HTML report with a chart per goal.",
    "retry": "Send every open part now, without waiting for its next attempt time.",
    "run": "Send every digest on its schedule until stopped (SIGINT/SIGTERM).",
    "schema": "Print the JSON Schema of a goals file, for editors' YAML language server.",
    "status": "Recent deliveries and alerts per digest and channel, and each digest's next time.",
}


class LazyGroup(click.Group):
    """A click group that imports each command's module only when that command is used.

    A store that fails mid-command (locked, read-only, full disk, damaged) ends it with one
    line, whichever command was running.
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from tracker.commands.common import store_failure

            failure = store_failure(exc, ctx.meta)
            if failure is None:
                raise
            raise failure from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from :data:`SUMMARIES`, as click would print it, importing none."""
        names = sorted(COMMANDS)
        limit = formatter.width - 6 - max(map(len, names))
        rows = [
            (n, click.Command(n, help=SUMMARIES.get(n)).get_short_help_str(limit)) for n in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # command not built yet
                return None
            raise
        command = getattr(module, attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
def main() -> None:
    """Track declared government targets against published statistics.

    Goals live in config/goals/*.yaml (--config or TRACKER_CONFIG), figures in a SQLite
    store: var/tracker.db beside config/, or `database:` in config/tracker.yaml, or
    TRACKER_DATABASE (a path or an SQLAlchemy URL). Digests go to chat groups.

    Example:

    \b
        tracker check && tracker goals
    """
    # Commands report problems themselves, one line each; log records reach the terminal only
    # when `tracker run` sets up logging (Python's last-resort handler would print them twice).
    logging.getLogger("tracker").addHandler(logging.NullHandler())
