"""A store that fails while a command works ends it with one line, never a traceback."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from tracker.store import engine

ADD = ("figures", "add", "projects", "2025-09", "63", "--published", "2025-10-20")


@pytest.fixture
def store_file(mistake_project: Path, cli: Callable[..., Result]) -> Path:
    """The project's store, made by a first good write (its connections closed since)."""
    assert cli(*ADD).exit_code == 0
    gc.collect()  # the command's engine checkpoints and lets go of the file now, not later
    return mistake_project / "tracker.db"


@pytest.fixture
def locked(store_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another process holds the write lock; the busy timeout is 0.2 s instead of 30."""
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(store_file, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield
    holder.rollback()
    holder.close()


def _one_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_store_locked_too_long_is_one_line(locked: None, cli: Callable[..., Result]) -> None:
    line = _one_line(cli("figures", "add", "projects", "2025-09", "64"))
    assert line.startswith("tracker.db: ") and "locked" in line


def test_a_read_only_store_is_one_line(
    store_file: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DATABASE", f"sqlite:///file:{store_file}?mode=ro&uri=true")
    line = _one_line(cli("figures", "add", "projects", "2025-09", "64"))
    assert "the store is read-only" in line and "TRACKER_DATABASE" in line


def test_a_full_disk_is_one_line_and_writes_nothing(
    store_file: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = engine._sqlite_settings

    def no_room(connection: Any, record: Any) -> None:  # the file may not grow: disk full
        original(connection, record)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(engine, "_sqlite_settings", no_room)
    rows = "".join(f"projects,2025-{m:02d},{m},个,{'x' * 3000},2026-01-20,\n" for m in range(1, 13))
    Path("figures.csv").write_text("goal,period,value,unit,source,published,note\n" + rows)
    line = _one_line(cli("figures", "import", "figures.csv"))
    assert "the disk is full; nothing was written" in line


@pytest.mark.parametrize(
    "damage", [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 8000]
)
def test_a_damaged_store_is_one_line(
    store_file: Path, cli: Callable[..., Result], damage: bytes
) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{store_file}{suffix}").unlink(missing_ok=True)
    store_file.write_bytes(damage)
    line = _one_line(cli("evaluate", "--as-of", "2025-10-31"))
    assert line.startswith("tracker.db: ") and ("not a database" in line or "damaged" in line)
