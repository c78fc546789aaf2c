"""Slots: aligned intervals, cron in Asia/Shanghai, catch-up window, holiday moves."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tracker.config.settings import Every
from tracker.service.slots import DigestSchedule, SlotTrigger

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_interval_slots_are_aligned_to_midnight_not_to_process_start():
    schedule = DigestSchedule(Every(every="8m"), SHANGHAI)
    keys = list(zip(range(3), schedule.keys_after(at(2025, 3, 1, 0, 15, 31)), strict=False))
    assert [k for _, k in keys] == [
        at(2025, 3, 1, 0, 16),
        at(2025, 3, 1, 0, 24),
        at(2025, 3, 1, 0, 32),
    ]


def test_interval_runs_on_across_midnight():
    schedule = DigestSchedule(Every(every="8m"), SHANGHAI)
    assert schedule.next_due(at(2025, 3, 1, 23, 55)).key == at(2025, 3, 2, 0, 0)


def test_cron_slots_are_in_the_configured_zone():
    schedule = DigestSchedule("0 9 * * MON", SHANGHAI)
    slot = schedule.next_due(at(2025, 3, 4, 12, 0))
    assert slot.key == at(2025, 3, 10, 9, 0)
    assert slot.key.utcoffset() == timedelta(hours=8)


def test_latest_due_is_the_most_recent_slot_within_the_window():
    schedule = DigestSchedule("0 9 * * *", SHANGHAI)
    assert schedule.latest_due(at(2025, 3, 5, 8, 0), timedelta(hours=24)).key == at(2025, 3, 4, 9)
    assert schedule.latest_due(at(2025, 3, 5, 10, 0), timedelta(minutes=30)) is None


def test_public_holiday_moves_to_next_working_day():
    schedule = DigestSchedule("0 9 * * MON", SHANGHAI, skip_holidays=True)
    slot = schedule.next_due(at(2025, 10, 1, 12, 0))  # Mon 6 Oct 2025 is in the National Day break
    assert (slot.key, slot.due) == (at(2025, 10, 6, 9), at(2025, 10, 9, 9))


def test_adjusted_working_saturday_is_not_a_holiday():
    schedule = DigestSchedule("0 9 * * SAT", SHANGHAI, skip_holidays=True)
    slot = schedule.next_due(at(2025, 10, 10, 12, 0))  # Sat 11 Oct 2025 is a 调休 working day
    assert slot.due == at(2025, 10, 11, 9)


def test_holiday_week_collapses_to_one_due_slot():
    schedule = DigestSchedule("0 9 * * *", SHANGHAI, skip_holidays=True)
    slot = schedule.latest_due(at(2025, 10, 9, 9, 30), timedelta(hours=24))
    assert slot.key == at(2025, 10, 9, 9)  # the Oct 1–8 slots are superseded, not sent eight times


def test_trigger_fires_at_due_times():
    trigger = SlotTrigger(DigestSchedule("0 9 * * *", SHANGHAI, skip_holidays=True))
    assert trigger.get_next_fire_time(None, at(2025, 9, 30, 10)) == at(2025, 10, 9, 9)
