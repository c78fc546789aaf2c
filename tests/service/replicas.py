"""What the replica tests read (imported as ``service.replicas``): slot times, the ledger."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from tracker.store.database import Store
from tracker.store.tables import deliveries


def seconds(slot: str) -> float:
    """A slot's instant, whichever zone its text is written in."""
    return datetime.fromisoformat(slot).timestamp()


def ledger(url: str) -> list[tuple[str, str]]:
    """(slot, status) of every part in the ledger at ``url``, oldest slot first."""
    query = select(deliveries.c.slot, deliveries.c.status).order_by(deliveries.c.slot)
    with Store.open(url=url) as store, store.read() as conn:
        return [(slot, status) for slot, status in conn.execute(query)]
