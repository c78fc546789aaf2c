"""The ledger's slots: claimed with all their parts at once, one winner, nothing stranded."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tracker.channels import Part
from tracker.store.ledger import Ledger, SlotState

SLOT = datetime(2025, 10, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
AS_OF = date(2025, 10, 20)
LATER = datetime(2025, 10, 21, tzinfo=UTC)


def record(ledger: Ledger, channels=("hook",), slot=SLOT) -> bool:
    parts = {c: [Part(1, 2, {"n": 1}), Part(2, 2, {"n": 2})] for c in channels}
    return ledger.record_slot(
        "weekly", slot, AS_OF, parts, {"g": {}}, dict.fromkeys(channels, LATER)
    )


def test_only_one_claim_wins_and_the_loser_records_nothing(store):
    assert record(Ledger(store, owner="a")) is True
    assert record(Ledger(store, owner="b"), channels=("hook", "wecom")) is False
    assert {d.channel for d in Ledger(store).parts(["pending"])} == {"hook"}


def test_a_claimed_slot_already_has_every_part(store):
    record(Ledger(store, owner="a"))
    slot = Ledger(store).slot("weekly", SLOT)
    assert (slot.state, slot.channels, slot.as_of) == (SlotState.rendered, {"hook"}, AS_OF)
    assert [d.part for d in Ledger(store).parts(["pending"])] == [1, 2]


def test_a_channel_added_later_gets_its_own_parts(store):
    ledger = Ledger(store)
    record(ledger)
    assert ledger.add_parts("weekly", SLOT, {"box": [Part(1, 1, {})]}, {"box": LATER}) is True
    assert ledger.add_parts("weekly", SLOT, {"box": [Part(1, 1, {})]}, {"box": LATER}) is False
    assert ledger.slot("weekly", SLOT).channels == {"hook", "box"}


def test_a_legacy_claim_without_parts_is_stranded_once_its_owner_is_gone(store):
    with store.begin() as conn:
        conn.execute(
            store.tables["slots"]
            .insert()
            .values(
                digest="weekly",
                slot="2025-10-20T01:00:00+00:00",
                claimed_by="elsewhere:1:dead",
                claimed_at="2025-10-20T01:00:00+00:00",
                as_of="2025-10-20",
                state="claimed",
            )
        )
    (stranded,) = Ledger(store).stranded_slots()
    assert stranded.digest == "weekly" and stranded.channels == frozenset()


def test_slots_are_done_when_no_part_is_open(store):
    ledger = Ledger(store)
    record(ledger)
    for delivery in ledger.parts(["pending"]):
        assert ledger.take(delivery)
        ledger.settle(delivery, "sent")
    ledger.complete_slots()
    assert ledger.slot("weekly", SLOT).state == SlotState.done
    assert ledger.last_snapshot("weekly") == {"g": {}}


def test_a_version_2_store_keeps_its_parts_and_gains_the_retry_schedule(database, project):
    from tracker.store.database import Store
    from tracker.store.engine import make_engine
    from tracker.store.migrations import MIGRATIONS
    from tracker.store.tables import schema_version

    engine = make_engine(database)
    with engine.begin() as conn:
        schema_version.create(conn)
        MIGRATIONS[0](conn), MIGRATIONS[1](conn)
        conn.execute(schema_version.insert().values(version=2))
        conn.exec_driver_sql(
            "INSERT INTO deliveries (digest, slot, channel, part, parts, payload, status, "
            "created_at, updated_at) VALUES ('weekly', '2025-10-20T01:00:00+00:00', 'hook', 1, 1,"
            " '{}', 'pending', '2025-10-20T01:00:00+00:00', '2025-10-20T01:00:00+00:00')"
        )
    engine.dispose()
    with Store.open(project, url=database) as upgraded:
        (part,) = Ledger(upgraded).parts(["pending"])
    assert (part.channel, part.next_attempt_at, part.expires_at, part.owner) == (
        "hook",
        None,
        None,
        None,
    )


def test_recent_keeps_the_newest_slots_of_each_digest_and_of_its_alerts(store):
    ledger = Ledger(store)
    for hour in range(7):
        record(ledger, slot=SLOT + timedelta(hours=hour))
        parts = {"hook": [Part(1, 1, {})]}
        at = SLOT + timedelta(hours=hour, minutes=30)
        ledger.record_slot(f"weekly!alert-{hour}", at, AS_OF, parts, {}, {"hook": LATER})
    recent = ledger.recent(limit_slots=3)
    assert len({d.slot for d in recent if not d.is_alert}) == 3
    assert {d.digest for d in recent if d.is_alert} == {f"weekly!alert-{n}" for n in (4, 5, 6)}
