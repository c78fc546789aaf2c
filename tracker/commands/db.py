"""``tracker db upgrade|copy``: the store's schema, and moving a store to another database."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.commands.common import config_option, fail, open_project
from tracker.config.project import Project
from tracker.store import Store, StoreError, open_store
from tracker.store.copy import TargetNotEmpty, copy_store
from tracker.store.engine import error_line


@click.group()
def db() -> None:
    """The store's database: upgrade its schema, copy it to another database.

    The store is the project's `database:` (config/tracker.yaml) or $TRACKER_DATABASE: an SQLite
    file (the default, var/tracker.db) or postgresql+psycopg://USER@HOST/DATABASE, shared by
    any number of `tracker run` replicas.

    Example:

    \b
        tracker db copy --to postgresql+psycopg://tracker@db.example/tracker
    """


@db.command()
@config_option
def upgrade(config_dir: Path) -> None:
    """Create the schema or bring it up to date, and say which version it is at.

    Every command and `tracker run` does this on its own when it opens the store, one process
    at a time, so replicas starting together upgrade once; run it to upgrade at a time of your
    choosing (before starting the new version everywhere).

    Example:

    \b
        TRACKER_DATABASE=postgresql+psycopg://tracker@db/tracker tracker db upgrade
    """
    project = open_project(config_dir)
    with _store(project, None, migrate=False) as store:
        try:
            done = store.upgrade()
        except Exception as exc:  # one line whatever the driver raised, never a traceback
            fail([f"{store.where}: cannot upgrade the store: {error_line(exc)}"])
    if done.changed:
        click.echo(f"{store.where}: schema upgraded from version {done.before} to {done.after}")
    else:
        click.echo(f"{store.where}: schema is at version {done.after}, nothing to do")


@db.command()
@config_option
@click.option(
    "--to",
    "target_url",
    required=True,
    metavar="URL",
    help="The empty store to copy into: postgresql+psycopg://... or an SQLite path.",
)
@click.option(
    "--from",
    "source_url",
    metavar="URL",
    help="The store to copy (default: the project's, as every command opens it).",
)
def copy(config_dir: Path, target_url: str, source_url: str | None) -> None:
    """Copy every figure revision, delivery, slot, alert and feed state to another database.

    The target is created (schema included) if needed and must hold no rows; it is written in
    one transaction, so a copy that fails leaves it empty. Stop `tracker run` first (or copy
    again) so nothing arrives in the source meanwhile; then point `database:` at the target.

    Example:

    \b
        tracker db copy --to postgresql+psycopg://tracker@db.example/tracker
    """
    project = open_project(config_dir)
    with _store(project, source_url) as source, _store(project, target_url) as target:
        if source.engine.url == target.engine.url:
            fail([f"{source.where}: the source and the target are the same store"])
        try:
            report = copy_store(source, target)
        except TargetNotEmpty as exc:
            fail([f"{target.where}: {exc}"])
        except Exception as exc:  # one line whatever the driver raised, never a traceback
            fail([f"{target.where}: copy failed, the target is unchanged: {error_line(exc)}"])
    for table, rows in report.rows.items():
        click.echo(f"{table}: {rows} row(s)")
    click.echo(f"copied {report.total} row(s) from {source.where} to {target.where}")


def _store(project: Project, url: str | None, *, migrate: bool = True) -> Store:
    try:
        return open_store(project, url=url, migrate=migrate)
    except StoreError as exc:
        fail(map(str, exc.problems))
