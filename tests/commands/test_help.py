"""Every command documents itself with an example, as sqlite-utils does."""

from __future__ import annotations

import click
import pytest

from tracker.cli import COMMANDS, SUMMARIES, main


def _all_commands() -> list[tuple[str, click.Command]]:
    found = []
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None
        found.append((name, command))
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", command.commands[sub]) for sub in command.commands]
    return found


def test_every_registered_command_is_importable():
    assert set(main.list_commands(click.Context(main))) == set(COMMANDS)


@pytest.mark.parametrize(("name", "command"), _all_commands())
def test_command_help_has_an_example(name, command):
    assert command.help and "Example" in command.help, f"`tracker {name}` help lacks an Example"


def test_help_summaries_match_the_commands():
    ctx = click.Context(main)
    shown = {name: main.get_command(ctx, name).get_short_help_str(1000) for name in COMMANDS}
    assert shown == SUMMARIES
