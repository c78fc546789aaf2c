"""Opening the store for a command or ``tracker run``: one line saying why it cannot be opened.

:meth:`Store.open` raises what the driver raised; :func:`open_store` turns each of those into a
:class:`StoreError` with the driver's own first line, the back end or file it concerns and, for
a server, its URL with the credentials masked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from tracker.errors import InputError, Problem
from tracker.secrets import mask_url
from tracker.store import postgres
from tracker.store.database import Store
from tracker.store.engine import database_url, error_line, sqlite_file
from tracker.store.migrations import SchemaTooNew

if TYPE_CHECKING:
    from tracker.config.project import Project


class StoreError(InputError):
    """The store cannot be opened; one problem: ``WHERE: cannot open the store: WHY``."""


# What opening can raise: a bad URL or driver, a folder that cannot be made, a file that is not
# a database, a server that refuses (every driver error is a DBAPIError), a schema newer than
# this tracker, a role without the privileges the tracker needs (a PermissionError, an OSError).
_OPEN_ERRORS = (SQLAlchemyError, OSError, ImportError, SchemaTooNew)
POSTGRES_EXTRA = "pip install 'target-tracker[postgres]'"


def open_store(project: Project, *, url: str | None = None, migrate: bool = True) -> Store:
    """The project's store, created and upgraded as needed; :class:`StoreError` if it cannot be."""
    try:
        target = database_url(project, url)
    except ArgumentError as exc:
        raise _store_error(Path("database"), exc) from None
    try:
        return Store.open(project, target, migrate=migrate)
    except _OPEN_ERRORS as exc:
        raise _store_error(_where(target), exc, target) from None


def _where(url: str) -> Path:
    """The database file, or for a server the back end's name (the URL follows the reason)."""
    file = sqlite_file(url)
    return file if file is not None else Path(make_url(url).get_backend_name())


def _store_error(where: Path, exc: Exception, url: str | None = None) -> StoreError:
    """One line: the driver's own words, without SQLAlchemy's wrapping and help links."""
    if isinstance(exc, OSError) and exc.strerror:
        why = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    elif isinstance(exc, NoSuchModuleError):
        driver = make_url(url).drivername if url else "?"
        why = f"unknown database driver {driver}; use sqlite:///PATH or {postgres.EXAMPLE_URL}"
    elif isinstance(exc, ImportError) and exc.name == "psycopg":
        why = f"PostgreSQL needs psycopg; install it with {POSTGRES_EXTRA}"
    else:
        why = error_line(exc)
    if url is not None and sqlite_file(url) is None:
        why += f" ({mask_url(url)})"
    return StoreError([Problem(where, None, None, f"cannot open the store: {why}")])
