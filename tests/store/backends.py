"""The database back ends the store, ledger and delivery tests run on (``store.backends``).

Each back end gives a test the URL of an empty database of its own: SQLite a file in tmp_path,
PostgreSQL a fresh schema (dropped afterwards) on the server at $TRACKER_TEST_POSTGRES_URL,
by default the local one. Without a reachable server the PostgreSQL cases skip, saying why;
with $TRACKER_TEST_POSTGRES_URL set (CI sets it) they fail instead, so CI always runs them.
A test module outside tests/store/ runs on every back end with
``from store import backends``, ``database = backends.database`` and ``usefixtures("database")``.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tracker.secrets import mask_url

ENV_POSTGRES = "TRACKER_TEST_POSTGRES_URL"
LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_server() -> str:
    """The URL of the test server, or skip (fail when $TRACKER_TEST_POSTGRES_URL is set)."""
    url = os.environ.get(ENV_POSTGRES) or LOCAL_POSTGRES
    why = _unreachable(url)
    if why is not None:
        message = f"PostgreSQL at {mask_url(url)} is not reachable: {why}"
        if os.environ.get(ENV_POSTGRES):
            pytest.fail(f"{message} (${ENV_POSTGRES} is set, so it must be)", pytrace=False)
        pytest.skip(f"{message}; set ${ENV_POSTGRES} to test on PostgreSQL")
    return url


@cache
def _unreachable(url: str) -> str | None:
    """Why the server cannot be used (asked once per run), or None."""
    try:
        import psycopg  # noqa: F401  (the postgres extra)
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test,postgres]')"
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        return str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    finally:
        engine.dispose()
    return None


@contextmanager
def postgres_schema(server: str) -> Iterator[str]:
    """A URL whose connections work in a new schema of their own; the schema goes afterwards."""
    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, pool_pre_ping=True)  # it outlives a server restart in a test
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    url = make_url(server).update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


def cluster_command(server: str, action: str) -> list[str] | None:
    """How to ``action`` (stop, start) the test server when it is a cluster on this machine."""
    tool = shutil.which("pg_ctlcluster")
    clusters = Path("/etc/postgresql")
    if make_url(server).host not in ("127.0.0.1", "localhost") or not tool or not clusters.is_dir():
        return None
    versions = sorted(path.name for path in clusters.iterdir())
    if not versions:
        return None
    return [tool, "--skip-systemctl-redirect", versions[-1], "main", action]


@contextmanager
def sqlite_file(folder: Path) -> Iterator[str]:
    yield f"sqlite:///{folder / 'store.db'}"


@contextmanager
def postgres(folder: Path) -> Iterator[str]:
    with postgres_schema(postgres_server()) as url:
        yield url


BACKENDS: dict[str, Callable[[Path], AbstractContextManager[str]]] = {
    "sqlite": sqlite_file,
    "postgresql": postgres,
}


@pytest.fixture(params=sorted(BACKENDS))
def database(
    request: pytest.FixtureRequest,
    project_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """The URL of an empty store on each back end, also set as $TRACKER_DATABASE so every
    ``Store.open(project)`` in the test opens it (after ``project_dir`` set its default)."""
    with BACKENDS[request.param](tmp_path) as url:
        monkeypatch.setenv("TRACKER_DATABASE", url)
        yield url
