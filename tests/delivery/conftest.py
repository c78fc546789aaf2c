"""Every delivery test runs on each store back end (tests/store/backends.py)."""

from __future__ import annotations

import pytest
from store import backends

database = backends.database


@pytest.fixture(autouse=True)
def _on_every_backend(database: str) -> None:
    """Requesting ``database`` points $TRACKER_DATABASE, and so ``dstore``, at each back end."""
