"""The store: where the database lives, its schema and migrations, figure revisions, feed
state, imported files, and the delivery ledger. Commands open it with :func:`open_store`."""

from tracker.store.database import Store
from tracker.store.opening import StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
