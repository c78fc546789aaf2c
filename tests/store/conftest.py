"""Fixtures for the store and ledger tests: ``store`` opens on every back end in BACKENDS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from store import backends
from tracker.config.project import Project
from tracker.store.database import Store

database = backends.database  # the back-end fixture, here for every test under tests/store/


@pytest.fixture
def store(project: Project, database: str) -> Iterator[Store]:
    """The project's store on one back end (overrides the SQLite-only one in tests/conftest.py)."""
    opened = Store.open(project)
    yield opened
    opened.close()
