"""``tracker extract``: propose a goals file from a plan article."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import click

from tracker.commands.common import DATE, fail
from tracker.extract import UNKNOWN_ENTITY, decode_article, to_goals_yaml, to_json
from tracker.extract import extract as extract_article


def _document_path(path: Path) -> str:
    """FILE as given, made relative to the current directory when it is inside it."""
    if path.is_absolute():
        try:
            return Path(os.path.relpath(path)).as_posix() if _inside_cwd(path) else path.as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()
    return path.as_posix()


def _inside_cwd(path: Path) -> bool:
    try:
        path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return False
    return True


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--entity", help="Entity of every goal (default: read from the article).")
@click.option("--year", type=int, help="Year of the goals (default: read from the article).")
@click.option(
    "--published", type=DATE, help="Publication date YYYY-MM-DD (dates 今年; written to source)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of `tracker goals --json`.")
def extract(
    file: Path, entity: str | None, year: int | None, published: date | None, as_json: bool
) -> None:
    """Propose goals from a plan article (UTF-8 or GB18030 text).

    Finds the numeric targets (增长7%, 不少于80个, 6%左右, 确保9%、争取11%, ...) and prints a
    goals file for config/goals/ with each target's verbatim quote; last year's figures become
    baselines. Review it before saving: it is a proposal, not a judgement.

    Example:

    \b
        tracker extract seeds/002.txt --published 2025-02-06 > config/goals/002.yaml
    """
    try:
        data = file.read_bytes()
    except OSError as exc:
        fail([f"{file}: cannot read: {exc.strerror or exc}"])
    try:
        text = decode_article(data)
    except ValueError as exc:
        fail([f"{file}: cannot read: {exc}"])
    result = extract_article(text, entity=entity, year=year, published=published)
    document = _document_path(file)
    if as_json:
        click.echo(to_json(result, document=document))
    else:
        click.echo(to_goals_yaml(result, document=document), nl=False)
    if not result.candidates:
        click.echo(f"{file}: no targets found", err=True)
    elif result.entity == UNKNOWN_ENTITY and entity is None:
        click.echo(f"{file}: no entity named in the article; pass --entity", err=True)
