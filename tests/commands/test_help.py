"""Every command documents itself with an example, as sqlite-utils does."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

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


def _help(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--help"])
    return " ".join(result.stdout.split())


def test_main_help_says_where_the_database_is() -> None:
    assert "TRACKER_DATABASE" in _help() and "var/tracker.db" in _help()


def test_the_digest_example_names_the_shipped_digest_and_channel() -> None:
    assert "tracker digest show daily --channel outbox" in _help("digest")


def test_digest_channel_help_says_markdown_for_files() -> None:
    assert "Markdown for file and stdout channels" in _help("digest", "show")


def test_figures_add_help_explains_published() -> None:
    assert "counts from the day it was recorded" in _help("figures", "add")


def test_digest_show_without_a_name_lists_the_digests(cli, project_dir) -> None:
    (project_dir / "config" / "tracker.yaml").write_text(
        "channels: {box: {type: file, path: out}}\n"
        "digests: [{name: weekly, schedule: '0 9 * * MON', channels: [box]}]\n"
    )
    result = cli("digest", "show")
    assert (result.exit_code, result.stdout) == (0, "weekly: 0 9 * * MON → box (zh)\n")


def test_goals_with_an_entity_matching_nothing_exits_1(cli, project_dir) -> None:
    result = cli("goals", "--entity", "火星")
    assert result.exit_code == 1 and "no goal matches entity '火星'" in result.stderr


def test_ids_are_never_cut_in_a_narrow_terminal(cli, project_dir, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = cli("goals").stdout
    assert "town-2025-groundbreaking" in out.split() and "…" not in out


def test_help_summaries_match_the_commands():
    ctx = click.Context(main)
    shown = {name: main.get_command(ctx, name).get_short_help_str(1000) for name in COMMANDS}
    assert shown == SUMMARIES
