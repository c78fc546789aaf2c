"""Slots in every zone: DST gaps and repeats, intervals that divide a day or are whole days,
deterministic jitter."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from tracker.config.settings import DigestConfig, Every
from tracker.service.slots import DigestSchedule, jitter_offset

NEW_YORK, LONDON = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")


def keys(schedule, start, n=4):
    return [k.isoformat() for k in islice(schedule.keys_after(start), n)]


NY_AUTUMN = ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"]  # once, the first time
NY_SPRING = ["2026-03-08T03:30:00-04:00", "2026-03-09T02:30:00-04:00"]  # after the gap
LONDON_SPRING = ["2026-03-29T02:30:00+01:00", "2026-03-30T01:30:00+01:00"]
LONDON_AUTUMN = ["2026-10-25T01:30:00+01:00", "2026-10-26T01:30:00+00:00"]


@pytest.mark.parametrize(
    ("zone", "cron", "start", "expected"),
    [
        (NEW_YORK, "30 1 * * *", datetime(2026, 10, 31, 12), NY_AUTUMN),
        (NEW_YORK, "30 2 * * *", datetime(2026, 3, 7, 12), NY_SPRING),
        (LONDON, "30 1 * * *", datetime(2026, 3, 28, 12), LONDON_SPRING),
        (LONDON, "30 1 * * *", datetime(2026, 10, 24, 12), LONDON_AUTUMN),
    ],
)
def test_cron_on_daylight_saving_days_fires_once_in_order(zone, cron, start, expected):
    schedule = DigestSchedule(cron, zone)
    assert keys(schedule, start.replace(tzinfo=zone), 2) == expected


def test_cron_started_inside_a_repeated_hour_goes_on_to_the_next_day():
    schedule = DigestSchedule("30 1 * * *", NEW_YORK)
    second_0140 = datetime(2026, 11, 1, 1, 40, tzinfo=NEW_YORK, fold=1)  # EST, after the repeat
    assert keys(schedule, second_0140, 1) == ["2026-11-02T01:30:00-05:00"]


def test_intervals_skip_the_missing_hour_and_run_once_through_the_repeated_one():
    schedule = DigestSchedule(Every(every="30m"), NEW_YORK)
    spring = datetime(2026, 3, 8, 1, 10, tzinfo=NEW_YORK)
    assert keys(schedule, spring, 3) == [
        "2026-03-08T01:30:00-05:00",
        "2026-03-08T03:00:00-04:00",
        "2026-03-08T03:30:00-04:00",
    ]
    autumn = datetime(2026, 11, 1, 0, 50, tzinfo=NEW_YORK)
    assert keys(schedule, autumn, 4) == [
        "2026-11-01T01:00:00-04:00",
        "2026-11-01T01:30:00-04:00",
        "2026-11-01T02:00:00-05:00",
        "2026-11-01T02:30:00-05:00",
    ]


def test_next_and_latest_due_terminate_around_every_transition():
    schedule = DigestSchedule("30 1 * * *", NEW_YORK, skip_holidays=True)
    start = datetime(2026, 10, 25, tzinfo=NEW_YORK)
    for hour in range(24 * 10):
        now = start + timedelta(hours=hour)
        assert schedule.next_due(now).due > now
        schedule.latest_due(now, timedelta(hours=24))


@pytest.mark.parametrize("every", ["25h", "36h", "7m", "1.5s", "0.5s"])
def test_intervals_that_neither_divide_a_day_nor_are_whole_days_are_refused(every):
    with pytest.raises(ValidationError, match="interval"):
        Every(every=every)


def test_whole_day_intervals_fall_every_nth_midnight():
    schedule = DigestSchedule(Every(every="2d"), ZoneInfo("Asia/Shanghai"))
    first, second = islice(schedule.keys_after(datetime(2025, 3, 1, 12, tzinfo=schedule.zone)), 2)
    assert second - first == timedelta(days=2) and first.hour == 0
    assert first.date().toordinal() % 2 == 0


def test_jitter_is_fixed_by_the_digest_name_and_within_its_bound():
    digest = DigestConfig(name="daily", schedule="0 9 * * *", channels=["x"], jitter="5m")
    schedule = DigestSchedule.for_digest(digest, ZoneInfo("Asia/Shanghai"))
    slot = schedule.next_due(datetime(2025, 3, 3, 8, tzinfo=schedule.zone))
    assert slot.key.hour == 9 and slot.key.minute == 0
    assert timedelta(0) <= slot.due - slot.key < timedelta(minutes=5)
    assert slot.due - slot.key == jitter_offset("daily", timedelta(minutes=5))
    assert jitter_offset("daily", timedelta(minutes=5)) != jitter_offset(
        "weekly", timedelta(minutes=5)
    )


def test_a_slot_is_due_only_after_its_jitter():
    digest = DigestConfig(name="daily", schedule="0 9 * * *", channels=["x"], jitter="5m")
    schedule = DigestSchedule.for_digest(digest, ZoneInfo("Asia/Shanghai"))
    nine = datetime(2025, 3, 3, 9, 0, tzinfo=schedule.zone)
    offset = jitter_offset("daily", timedelta(minutes=5))
    assert schedule.latest_due(nine + offset - timedelta(seconds=1), timedelta(minutes=30)) is None
    assert schedule.latest_due(nine + offset, timedelta(minutes=30)).key == nine


def test_check_names_the_line_of_an_interval_that_does_not_fit_a_day(project_dir, cli):
    (project_dir / "config" / "tracker.yaml").write_text(
        "channels:\n  box: {type: file, path: out}\ndigests:\n"
        "  - name: d\n    schedule: {every: 36h}\n    channels: [box]\n"
    )
    result = cli("check")
    assert result.exit_code == 1
    assert "config/tracker.yaml:5: digests.0.schedule: every: interval '36h'" in result.stderr
