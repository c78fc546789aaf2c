"""The store's tables, in SQLAlchemy Core. Timestamps are UTC ISO-8601 text, dates YYYY-MM-DD.

The Python names say what a table holds; the SQL names are those of existing databases and
never change (a changed table is a new migration, see :mod:`tracker.store.migrations`).
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, Table, Text, UniqueConstraint

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

# One row per revision. A figure is never updated in place except for source/note; a changed
# value is a new row, and the newest row per (goal, period_end) visible at a date wins.
figure_revisions = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("goal", Text, nullable=False),
    Column("period", Text, nullable=False),  # canonical text: 2025, 2025-09, 2025-Q3, 2025-H1
    Column("period_end", Text, nullable=False),  # YYYY-MM-DD; the revision key with goal
    Column("value", Float, nullable=False),  # as written (milestones: 1.0 done, 0.0 not done)
    Column("unit", Text),  # as written, or the goal's unit when none was given; NULL: milestone
    Column("source", Text),
    Column("published", Text),  # YYYY-MM-DD or NULL
    Column("note", Text),
    Column("recorded_at", Text, nullable=False),  # UTC ISO-8601
    Column("visible_from", Text, nullable=False),  # published, else recorded_at's local date
    Column("origin", Text),  # file path, feed URL or "cli"
    Index(None, "goal", "period_end", "visible_from", "id"),
    Index(None, "visible_from"),
)

# The delivery ledger; the logic on top lives in tracker/store/ledger.py.
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", Text, nullable=False),
    Column("slot", Text, nullable=False),  # ISO-8601 UTC datetime of the scheduled slot
    Column("channel", Text, nullable=False),
    Column("part", Integer, nullable=False),
    Column("parts", Integer, nullable=False),
    Column("kind", Text, nullable=False, server_default="message"),
    Column("payload", Text, nullable=False),  # JSON
    Column("status", Text, nullable=False),  # a ledger.DeliveryStatus
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("sent_at", Text),
    # Since schema version 3 (see migrations.py):
    Column("owner", Text),  # the process sending it (while 'sending'): host:pid:token
    Column("next_attempt_at", Text),  # a pending part is not tried before this; NULL: at once
    Column("expires_at", Text),  # a pending part still unsent then becomes 'expired'
    Column("uncertain_at", Text),  # when an attempt's outcome became unknown (maybe delivered)
    UniqueConstraint("digest", "slot", "channel", "part"),
    Index(None, "status", "next_attempt_at"),
)

slots = Table(
    "slots",
    metadata,
    Column("digest", Text, nullable=False),
    Column("slot", Text, nullable=False),
    Column("claimed_by", Text, nullable=False),
    Column("claimed_at", Text, nullable=False),
    Column("as_of", Text, nullable=False),
    Column("state", Text, nullable=False),  # a ledger.SlotState
    Column("snapshot", Text),  # JSON of the evaluation delivered
    UniqueConstraint("digest", "slot"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", Text, nullable=False),
    Column("goal", Text, nullable=False),
    Column("status", Text, nullable=False),
    # Period of the figure that caused the alert; '' when none (NULLs would not be unique).
    Column("since", Text, nullable=False, server_default=""),
    Column("created_at", Text, nullable=False),
    UniqueConstraint("digest", "goal", "status", "since"),
)

imported_files = Table(
    "imported_files",
    metadata,
    Column("path", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("imported_at", Text, nullable=False),
    Column("rows", Integer, nullable=False),
    UniqueConstraint("path", "sha256"),
)

feed_state = Table(
    "feed_state",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("sha256", Text),
    Column("fetched_at", Text),
    Column("status", Text),  # imported | unchanged | not_modified | invalid | error: ...
)


# The status each alerting digest last saw per goal, so a change is noticed however the
# figures arrived (scheduler, `tracker figures import`, a feed) and by whichever process.
alert_state = Table(
    "alert_state",
    metadata,
    Column("digest", Text, primary_key=True),
    Column("goal", Text, primary_key=True),
    Column("status", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)


# Processes that send: a 'sending' part or a claim whose owner stopped beating (or, on the same
# host, whose pid is gone) belongs to a process that died.
workers = Table(
    "workers",
    metadata,
    Column("owner", Text, primary_key=True),  # host:pid:token, as in deliveries.owner
    Column("started_at", Text, nullable=False),
    Column("beat_at", Text, nullable=False),
)

# Pacing across processes, per destination (a hash of the webhook URL, never the URL): the
# service's last "wait until" (Retry-After, throttle codes) and a lock row writers serialise on.
destinations = Table(
    "destinations",
    metadata,
    Column("destination", Text, primary_key=True),
    Column("hold_until", Text),  # UTC ISO-8601: no post to this destination before it
    Column("hold_reason", Text),
    Column("version", Integer, nullable=False, server_default="0"),
)

# Every POST attempt per destination in the last minute or so (epoch seconds), so any number
# of processes together stay within a robot's rate limit.
posts = Table(
    "posts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("destination", Text, nullable=False),
    Column("posted_at", Float, nullable=False),
    Index(None, "destination", "posted_at"),
)
