"""Copying a whole store to another database: every table, every row, ids kept.

Tables are copied generically, parents before children (``metadata.sorted_tables``), so a table a
later migration adds is copied too without a line here. The source is read in one snapshot and
the target written in one transaction: a copy that fails leaves the target empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, func, insert, select

from tracker.store import postgres
from tracker.store.database import Store
from tracker.store.tables import metadata, schema_version

BATCH_ROWS = 5000


class TargetNotEmpty(ValueError):
    """The target already holds rows; a copy would mix two stores."""


@dataclass
class CopyReport:
    """Rows copied per table, in the order they were copied."""

    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def data_tables() -> list[Table]:
    """Every table with the store's data, parents first (schema_version is the target's own)."""
    return [table for table in metadata.sorted_tables if table is not schema_version]


def copy_store(source: Store, target: Store) -> CopyReport:
    """Copy every row of ``source`` into the empty ``target`` (both at the current schema)."""
    report = CopyReport()
    tables = data_tables()
    with source.read() as reader, target.begin() as writer:
        occupied = {name: n for name, n in _counts(writer, tables).items() if n}
        if occupied:
            held = ", ".join(f"{name} ({n} rows)" for name, n in occupied.items())
            raise TargetNotEmpty(f"the target already holds {held}; copy into an empty store")
        for table in tables:
            report.rows[table.name] = _copy_table(reader, writer, table)
        if writer.dialect.name == "postgresql":
            postgres.advance_sequences(writer, tables)
        copied = _counts(writer, tables)
        if copied != report.rows:  # cannot happen short of a bug; then nothing is committed
            raise RuntimeError(f"copy incomplete: read {report.rows}, wrote {copied}")
    return report


def _copy_table(reader: Connection, writer: Connection, table: Table) -> int:
    order = list(table.primary_key.columns) or list(table.columns)
    result = reader.execute(select(table).order_by(*order)).mappings()
    copied = 0
    for batch in result.partitions(BATCH_ROWS):
        writer.execute(insert(table), [dict(row) for row in batch])
        copied += len(batch)
    return copied


def _counts(conn: Connection, tables: list[Table]) -> dict[str, int]:
    return {
        table.name: int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
        for table in tables
    }
