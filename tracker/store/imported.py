"""The log of figure files imported completely, so the drop-in folder reads each content once."""

from __future__ import annotations

from sqlalchemy import Connection, select

from tracker.store.engine import upsert
from tracker.store.tables import imported_files


def was_imported(conn: Connection, path: str, sha256: str) -> bool:
    """True when exactly this content of ``path`` was imported completely before."""
    stmt = select(imported_files.c.rows).where(
        imported_files.c.path == path, imported_files.c.sha256 == sha256
    )
    return conn.execute(stmt).first() is not None


def log_import(conn: Connection, path: str, sha256: str, rows: int, imported_at: str) -> None:
    """Log one complete import of ``path`` with content ``sha256`` (once per content)."""
    row = {"path": path, "sha256": sha256, "imported_at": imported_at, "rows": rows}
    upsert(conn, imported_files, [row], keys=["path", "sha256"])
