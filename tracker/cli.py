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
    "extract": "tracker.commands.extract:extract",
    "report": "tracker.commands.report:report",
}


# One line per command for `tracker --help`, so listing them imports none of them (a test keeps
# these equal to each command's own first help line).
SUMMARIES: dict[str, str] = {
    "check": "Validate all config: goal files (quotes included) and tracker.yaml.",
    "goals": "List goals as a table, or as JSON with --json.",
    "schema": "Print the JSON Schema of a goals file, for editors' YAML language server.",
    "figures": "Import, add, list and fetch published figures.",
    "evaluate": "Judge every goal against the figures published by a day.",
    "digest": "Preview or send a digest defined in config/tracker.yaml.",
    "status": "Recent deliveries per digest and channel, and each digest's next scheduled time.",
    "run": "Send every digest on its schedule until stopped (SIGINT/SIGTERM).",
    "extract": "Propose goals from a plan article (UTF-8 or GB18030 text).",
    "report": "Write a static HTML report with a chart per goal.",
    "db": "The store's database: upgrade its schema, copy it to another database.",
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

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SUMMARIES.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

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
