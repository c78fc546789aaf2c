"""`run --once` and the ledger: channels added later, claims left unrendered, alerts counted,
schedules in zones with daylight saving."""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from service.kit import MONDAY_0905, alerts_received, slots_received
from tracker.service.daemon import Daemon

NEW_YORK, LONDON = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")


@pytest.fixture
def daemon(write_settings, project_dir):
    """A Daemon on settings the test writes first (``daemon(**options)``)."""
    made: list[Daemon] = []

    def make(**options: str) -> Daemon:
        write_settings(**options)
        made.append(Daemon(project_dir / "config", retry_budget=2))
        return made[-1]

    yield make
    for service in made:
        service.stop()


def outbox(project_dir):
    folder = project_dir / "var" / "outbox"
    return sorted(p.name for p in folder.glob("*.md")) if folder.is_dir() else []


def test_a_channel_added_after_the_slot_gets_it_within_catch_up(daemon, receiver, project_dir):
    service = daemon()
    with time_machine.travel(MONDAY_0905, tick=False):
        service.run_once()
    service = daemon(channels="hook, box")
    with time_machine.travel(MONDAY_0905 + timedelta(hours=2), tick=False):
        assert len(service.run_once().deliveries.sent) == 1
    assert outbox(project_dir) == ["weekly-2025-10-20T09_00_00_08_00-1of1.md"]
    assert slots_received(receiver) == ["2025-10-20T09:00:00+08:00"]  # hook not sent twice


def test_a_channel_added_after_catch_up_does_not_get_the_old_slot(daemon, receiver, project_dir):
    with time_machine.travel(MONDAY_0905, tick=False):
        daemon().run_once()
    with time_machine.travel(MONDAY_0905 + timedelta(hours=25), tick=False):
        daemon(channels="hook, box").run_once()
    assert outbox(project_dir) == []


def test_a_claim_left_unrendered_by_a_dead_process_is_finished(daemon, receiver):
    service = daemon()
    dead = f"{socket.gethostname()}:{2**22 + os.getpid()}:gone"
    with service.store.begin() as conn:
        conn.execute(
            service.store.tables["slots"]
            .insert()
            .values(
                digest="weekly",
                slot="2025-10-20T01:00:00+00:00",
                claimed_by=dead,
                claimed_at="2025-10-20T01:00:30+00:00",
                as_of="2025-10-20",
                state="claimed",
            )
        )
    with time_machine.travel(MONDAY_0905, tick=False):
        service.run_once()
        service.run_once()
    assert slots_received(receiver) == ["2025-10-20T09:00:00+08:00"]


def test_alerts_are_counted_and_listed_with_their_parts(daemon, receiver, project_dir, cli):
    import json

    from tracker.ingest.importer import add_figure

    service = daemon()
    with time_machine.travel(MONDAY_0905 - timedelta(hours=1), tick=False):
        service.run_once()  # the first look takes note
        add_figure(service.store, service.project, "demo-2025-investment", "2025-09", "190",
                   unit="亿元", published="2025-10-15")  # fmt: skip
        report = service.run_once()
    assert [r.delivery.is_alert for r in report.deliveries.sent] == [True]
    assert len(alerts_received(receiver)) == 1
    (weekly,) = json.loads(cli("status", "--json").stdout)["digests"]
    (alert,) = weekly["alerts"]
    assert alert["alert"].startswith("weekly!alert-") and alert["parts"][0]["status"] == "sent"


@pytest.mark.parametrize(
    ("zone", "schedule", "now", "expected"),
    [
        # New York falls back: 01:30 happens twice, the digest goes out once, the first time.
        ("America/New_York", "30 1 * * *", datetime(2026, 11, 1, 1, 40, tzinfo=NEW_YORK),
         ["2026-11-01T01:30:00-04:00"]),
        # London springs forward: 01:30 does not exist; it goes out at 02:30 BST instead.
        ("Europe/London", "30 1 * * *", datetime(2026, 3, 29, 2, 35, tzinfo=LONDON),
         ["2026-03-29T02:30:00+01:00"]),
        ("America/New_York", "30 2 * * *", datetime(2026, 3, 8, 3, 35, tzinfo=NEW_YORK),
         ["2026-03-08T03:30:00-04:00"]),
    ],
)  # fmt: skip
def test_daylight_saving_days_send_once_and_terminate(
    daemon, receiver, zone, schedule, now, expected
):
    service = daemon(timezone=zone, schedule=f'"{schedule}"', skip_holidays="false")
    with time_machine.travel(now, tick=False):
        service.run_once()
    with time_machine.travel(now + timedelta(hours=1), tick=False):  # the repeated hour
        service.run_once()
    assert slots_received(receiver) == expected


def test_status_terminates_the_day_before_a_fall_back(daemon, cli):
    daemon(timezone="America/New_York", schedule='"30 1 * * *"', skip_holidays="false")
    with time_machine.travel(datetime(2026, 10, 31, 12, tzinfo=NEW_YORK), tick=False):
        result = cli("status", "--json")
    import json

    assert json.loads(result.stdout)["digests"][0]["next"] == "2026-11-01T01:30:00-04:00"
