"""Insert-or-update on every back end: alert state, feed state, the import log."""

from __future__ import annotations

from sqlalchemy import select

from tracker.store.alerts import load_seen_statuses, write_seen_statuses
from tracker.store.database import Store
from tracker.store.feeds import Validators
from tracker.store.tables import imported_files

URL = "https://stats.example/feed.csv"


def test_seen_statuses_are_inserted_then_updated(store: Store) -> None:
    with store.begin() as conn:
        write_seen_statuses(conn, "weekly", {"a": "on_track", "b": "at_risk"}, "t1")
    with store.begin() as conn:
        write_seen_statuses(conn, "weekly", {"b": "off_track", "c": "no_data"}, "t2")
    with store.read() as conn:
        seen = load_seen_statuses(conn, "weekly")
    assert seen == {"a": "on_track", "b": "off_track", "c": "no_data"}


def test_a_fetch_without_validators_keeps_the_last_ones(store: Store) -> None:
    with store.begin() as conn:
        store.save_feed_state(
            conn, URL, status="imported", validators=Validators('"v1"', None, "abc")
        )
    with store.begin() as conn:
        store.save_feed_state(conn, URL, status="not_modified")
    state = store.feed_state(URL)
    assert state is not None
    assert (state.status, state.etag, state.sha256) == ("not_modified", '"v1"', "abc")


def test_a_file_imported_twice_is_logged_once(store: Store) -> None:
    for _ in range(2):
        with store.begin() as conn:
            store.record_file(conn, "/data/q3.csv", "f00d", rows=4)
    with store.read() as conn:
        assert len(conn.execute(select(imported_files)).all()) == 1
    assert store.file_imported("/data/q3.csv", "f00d")
