"""The database back ends the store and ledger tests run on (imported as ``store.backends``).

Each back end turns a test's tmp_path into the URL of an empty database; adding one (the
PostgreSQL issue) is one line in :data:`BACKENDS`. A test module outside tests/store/ runs on
every back end with ``from store.backends import database`` and ``usefixtures("database")``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

BACKENDS: dict[str, Callable[[Path], str]] = {
    "sqlite": lambda folder: f"sqlite:///{folder / 'store.db'}",
}


@pytest.fixture(params=sorted(BACKENDS))
def database(
    request: pytest.FixtureRequest,
    project_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    """The URL of an empty store on each back end, also set as $TRACKER_DATABASE so every
    ``Store.open(project)`` in the test opens it (after ``project_dir`` set its default)."""
    url = BACKENDS[request.param](tmp_path)
    monkeypatch.setenv("TRACKER_DATABASE", url)
    return url
