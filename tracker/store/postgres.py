"""PostgreSQL as the shared store of several replicas: the engine, the writers' lock, checks.

Everything here keeps the guarantees the rest of the store was written against on SQLite:

- One writer at a time. A write transaction takes a transaction-level advisory lock first, so
  it runs alone and (under READ COMMITTED) sees all the previous writer committed, as
  ``BEGIN IMMEDIATE`` makes it on SQLite. The lock goes with the transaction, so a replica that
  dies or is cut off releases it with its connection.
- A read transaction is one snapshot (REPEATABLE READ, see :func:`reading`).
- Text compares and sorts by code point, as on SQLite, whatever the database's locale: every
  text column is created with ``COLLATE "C"`` (see :func:`_byte_order_text`).
- A daemon's connections outlive a server restart: the pool pings a connection before handing
  it out and replaces a dead one; statements, lock waits and idle transactions time out instead
  of hanging a replica (and the lock) forever.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Integer, String, Table, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.schema import CreateColumn
from sqlalchemy.sql.compiler import DDLCompiler

DRIVER = "postgresql+psycopg"
EXAMPLE_URL = f"{DRIVER}://USER@HOST/DATABASE"
# Server-side limits, in milliseconds (libpq's ``options``). The lock wait matches SQLite's busy
# timeout; a URL's own ``options=-c name=value`` comes after these and wins.
SETTINGS = {
    "statement_timeout": 60_000,
    "lock_timeout": 30_000,
    "idle_in_transaction_session_timeout": 60_000,
}
CONNECT_TIMEOUT_SECONDS = 10
# The advisory lock's first key: "tr"; the second is the schema's hash, so stores in several
# schemas of one database do not wait for each other.
_LOCK_CLASS = 0x7472
_WRITE_LOCK = "SELECT pg_advisory_xact_lock(:lock_class, hashtext(coalesce(current_schema(), '')))"
_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")


def postgres_engine(url: URL, *, writer_option: str) -> Engine:
    """A pooled engine for a long-running process; writers (``writer_option``) take the lock."""
    options = " ".join(f"-c {name}={value}" for name, value in SETTINGS.items())
    own = url.query.get("options")
    if isinstance(own, str) and own:
        options += " " + own
    connect_args: dict[str, Any] = {"options": options}
    defaults = {"connect_timeout": CONNECT_TIMEOUT_SECONDS, "application_name": "tracker"}
    connect_args |= {name: value for name, value in defaults.items() if name not in url.query}
    engine = create_engine(
        url,  # its own options stay in it for display; connect_args (merged above) win
        pool_pre_ping=True,  # a connection the server dropped (restart) is replaced, not used
        pool_size=5,
        max_overflow=10,  # a flush sends up to 8 channels side by side
        pool_timeout=30,
        pool_recycle=1800,
        connect_args=connect_args,
    )

    def begin(conn: Connection) -> None:
        if conn.get_execution_options().get(writer_option, False):
            conn.execute(text(_WRITE_LOCK), {"lock_class": _LOCK_CLASS})

    event.listen(engine, "begin", begin)
    return engine


def reading(conn: Connection) -> Connection:
    """``conn``, whose next transaction reads one snapshot (REPEATABLE READ)."""
    return conn.execution_options(isolation_level="REPEATABLE READ")


def privilege_problem(conn: Connection, tables: Iterable[Table]) -> str | None:
    """What the connected role may not do to the store's tables, as one sentence; None: all."""
    names = [table.name for table in tables]
    rows = conn.execute(
        text(
            "SELECT p.privilege, t.name FROM unnest(CAST(:names AS text[])) AS t(name), "
            "unnest(CAST(:privileges AS text[])) AS p(privilege) "
            "WHERE to_regclass(quote_ident(t.name)) IS NOT NULL "
            "AND NOT has_table_privilege(to_regclass(quote_ident(t.name)), p.privilege) "
            "ORDER BY t.name"
        ),
        {"names": names, "privileges": list(_PRIVILEGES)},
    ).all()
    if not rows:
        return None
    role = conn.execute(text("SELECT current_user")).scalar()
    privileges = [p for p in _PRIVILEGES if any(row[0] == p for row in rows)]
    lacking = sorted({row[1] for row in rows})
    return (
        f"role {role} lacks {', '.join(privileges)} on {', '.join(lacking)} "
        f"(GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ... TO {role}, "
        f"and USAGE ON ALL SEQUENCES)"
    )


def serial_columns(table: Table) -> list[str]:
    """The integer primary key columns PostgreSQL numbers from a sequence (SERIAL)."""
    return [
        column.name
        for column in table.primary_key.columns
        if isinstance(column.type, Integer) and column.autoincrement in (True, "auto")
    ]


def advance_sequences(conn: Connection, tables: Sequence[Table]) -> None:
    """After rows were copied in with their ids, make new ids start past the largest one."""
    for table in tables:
        for column in serial_columns(table):
            conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:table, :column), "
                    f"coalesce((SELECT max({column}) FROM {table.name}), 0) + 1, false)"
                ),
                {"table": table.name, "column": column},
            )


@compiles(CreateColumn, "postgresql")
def _byte_order_text(element: CreateColumn, compiler: DDLCompiler, **kw: Any) -> str | None:
    """``name TEXT COLLATE "C" ...``: text columns order like SQLite's (code points)."""
    spec: str | None = compiler.visit_create_column(element, **kw)  # type: ignore[no-untyped-call]
    column = element.element
    if spec is None or not isinstance(column.type, String) or column.type.collation:
        return spec
    head: str = (
        compiler.preparer.format_column(column)
        + " "
        + compiler.dialect.type_compiler_instance.process(column.type, type_expression=column)
    )
    if not spec.startswith(head):
        return spec
    return f'{head} COLLATE "C"{spec[len(head) :]}'
