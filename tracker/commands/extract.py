"""``tracker extract``: propose a goals file from a plan article."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import click

from tracker.commands.common import DATE, fail
from tracker.extract import decode_article, to_goals_yaml, to_json
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
@click.option(
    "--year",
    type=click.IntRange(1990, 2100),
    help="Year of the goals, 1990-2100 (default: read from the article).",
)
@click.option(
    "--published", type=DATE, help="Publication date YYYY-MM-DD (dates 今年; written to source)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of `tracker goals --json`.")
def extract(
    file: Path, entity: str | None, year: int | None, published: date | None, as_json: bool
) -> None:
    """Propose goals from a plan article (UTF-8 or GB18030 text).

    Finds the numeric targets (增长7%, 不少于80个, 6%左右, 确保9%、争取11%, ...) and prints a
    goals file for config/goals/ with each target's verbatim quote; what was achieved (last
    year's figures, 完成…, 同比…) becomes a baseline of the matching goal, never a goal. Review
    it before saving: it is a proposal, not a judgement.

    The entity is the zone or district the article names most; when it names none, pass
    --entity (exit 1 otherwise). 今年 is the year of --published or of the article's Date line;
    without either it is guessed from the years the article states (else today's year) and a
    warning on stderr says which year was taken: pass --published or --year to be sure.

    Example:

    \b
        tracker extract seeds/002_218b60f8d8bbf3c4.txt --entity 中山火炬开发区 \\
            --published 2025-02-06 > proposal.yaml
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
    if not result.has_entity:
        fail([f"{file}: no entity found; pass --entity NAME"])
    if result.this_year_guessed:
        click.echo(
            f"{file}: no publication date found; '今年' taken as {result.year}; "
            "pass --published or --year",
            err=True,
        )
    document = _document_path(file)
    if as_json:
        click.echo(to_json(result, document=document))
    else:
        click.echo(to_goals_yaml(result, document=document), nl=False)
    if not result.candidates:
        click.echo(f"{file}: no targets found", err=True)
