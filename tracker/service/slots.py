"""When digests are due: cron or aligned-interval slots, moved off Chinese public holidays.

A *slot* is the scheduled time a digest is for; it is the same in every process, so the
delivery ledger can tell whether a slot was sent. ``{every: 30s}`` slots are multiples of the
interval counted from local midnight, not from when a process started.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from tracker.config.settings import DigestConfig, Every

log = logging.getLogger(__name__)

# Longest run of public holidays plus the weekend around it (Spring Festival, National Day).
_HOLIDAY_LOOKBACK = timedelta(days=12)


@dataclass(frozen=True, order=True)
class Slot:
    """A scheduled time (``key``) and when it is actually due (after a holiday move)."""

    key: datetime
    due: datetime


@lru_cache(maxsize=4096)
def is_public_holiday(day: date) -> bool:
    """A statutory Chinese public holiday (not an ordinary weekend, not a 调休 working day)."""
    import chinese_calendar

    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        log.warning("holiday calendar has no data for %s; treating it as a normal day", day.year)
        return False
    return bool(on_holiday and name)


@lru_cache(maxsize=4096)
def is_workday(day: date) -> bool:
    """Working day including adjusted working days (调休)."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


class DigestSchedule:
    """The slots of one digest in one time zone."""

    def __init__(self, schedule: str | Every, zone: tzinfo, *, skip_holidays: bool = False):
        self.schedule = schedule
        self.zone = zone
        self.skip_holidays = skip_holidays
        self._cron = (
            CronTrigger.from_crontab(schedule, timezone=zone) if isinstance(schedule, str) else None
        )

    @classmethod
    def for_digest(cls, digest: DigestConfig, zone: tzinfo) -> DigestSchedule | None:
        if digest.schedule is None:
            return None
        return cls(digest.schedule, zone, skip_holidays=digest.skip_holidays)

    def describe(self) -> str:
        text = self.schedule if isinstance(self.schedule, str) else f"every {self.schedule.every}"
        return text + (
            ", public holidays moved to the next working day" if self.skip_holidays else ""
        )

    def keys_after(self, start: datetime) -> Iterator[datetime]:
        """Scheduled times strictly after ``start``, in order, in the schedule's zone."""
        start = start.astimezone(self.zone)
        if self._cron is not None:
            previous: datetime | None = None
            current = start + timedelta(microseconds=1)
            while True:
                fire = self._cron.get_next_fire_time(previous, current)
                if fire is None:
                    return
                yield fire
                previous, current = fire, fire + timedelta(microseconds=1)
        assert isinstance(self.schedule, Every)
        step = self.schedule.interval
        day = start.date()
        while True:
            midnight = datetime(day.year, day.month, day.day, tzinfo=self.zone)
            next_day = midnight + timedelta(days=1)
            index = max(0, (start - midnight) // step + 1) if start >= midnight else 0
            key = midnight + step * index
            while key < next_day:
                if key > start:
                    yield key
                key += step
            day += timedelta(days=1)

    def due_time(self, key: datetime) -> datetime:
        """``key``, or the same time on the next working day when ``key`` is a public holiday."""
        if not self.skip_holidays or not is_public_holiday(key.date()):
            return key
        day = key.date() + timedelta(days=1)
        while is_public_holiday(day) or not is_workday(day):
            day += timedelta(days=1)
        return key.replace(year=day.year, month=day.month, day=day.day)

    def latest_due(self, now: datetime, window: timedelta) -> Slot | None:
        """The most recent slot due at ``now`` and not older than ``window`` (catch-up)."""
        lookback = window + (_HOLIDAY_LOOKBACK if self.skip_holidays else timedelta(0))
        best: Slot | None = None
        for key in self.keys_after(now - lookback - timedelta(microseconds=1)):
            if key > now:
                break
            due = self.due_time(key)
            if due <= now and due >= now - window:
                best = Slot(key, due)
        return best

    def next_due(self, after: datetime) -> Slot | None:
        """The first slot whose due time is after ``after``."""
        start = after - (_HOLIDAY_LOOKBACK if self.skip_holidays else timedelta(0))
        best: Slot | None = None
        for key in self.keys_after(start):
            if best is not None and key > best.due:  # due >= key: nothing later comes sooner
                break
            due = self.due_time(key)
            if due > after and (best is None or due <= best.due):
                best = Slot(key, due)  # on a tie the most recent slot wins, as in latest_due
        return best


class SlotTrigger(BaseTrigger):  # type: ignore[misc]
    """APScheduler trigger that fires at each slot's due time (holiday moves included)."""

    def __init__(self, schedule: DigestSchedule):
        self.schedule = schedule

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        after = max(filter(None, [previous_fire_time, now - timedelta(microseconds=1)]))
        slot = self.schedule.next_due(after)
        return slot.due if slot else None

    def __str__(self) -> str:
        return f"slots[{self.schedule.describe()}]"
