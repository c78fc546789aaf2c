"""When digests are due: cron or aligned-interval slots, moved off Chinese public holidays.

A *slot* is the scheduled time a digest is for; it is the same in every process, so the
delivery ledger can tell whether a slot was sent. ``{every: 30m}`` slots are multiples of the
interval counted from local midnight, not from when a process started; whole-day intervals
(``{every: 2d}``) fall at midnight every n-th day counted from 1 January of year 1.

Schedules are wall-clock times in the configured zone, in every IANA zone: a time that does not
exist on a spring-forward day (02:30 in New York) goes out when the clock has moved past it
(03:30, the same instant the old offset names); a time that happens twice on a fall-back day
(01:30) goes out once, the first time. Arithmetic on instants is done in UTC, so no DST
transition can make a loop stand still.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from tracker.config.settings import DAY_SECONDS, DigestConfig, Every

log = logging.getLogger(__name__)

# Longest run of public holidays plus the weekend around it (Spring Festival, National Day).
_HOLIDAY_LOOKBACK = timedelta(days=12)
_TICK = timedelta(microseconds=1)
# Keys are generated from this much wall time before the start, so the first pass of a repeated
# hour is not missed (DST moves clocks by at most two hours, in Antarctica/Troll).
_WALL_MARGIN = timedelta(hours=3)


@dataclass(frozen=True, order=True)
class Slot:
    """A scheduled time (``key``) and when it is actually due (holiday move and jitter)."""

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


def wall_time(naive: datetime, zone: tzinfo) -> datetime:
    """The instant a wall-clock time names in ``zone``: the first of a repeated time, and for
    a skipped one the instant the offset before the gap names (later on the clock)."""
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)


def jitter_offset(name: str, jitter: timedelta) -> timedelta:
    """A delay in ``[0, jitter)`` fixed by the digest's name: the same in every process."""
    seconds = int(jitter.total_seconds())
    if seconds <= 0:
        return timedelta(0)
    number = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big")
    return timedelta(seconds=number % seconds)


class DigestSchedule:
    """The slots of one digest in one time zone."""

    def __init__(
        self,
        schedule: str | Every,
        zone: tzinfo,
        *,
        skip_holidays: bool = False,
        offset: timedelta = timedelta(0),
        jitter: str | None = None,
    ):
        self.schedule = schedule
        self.zone = zone
        self.skip_holidays = skip_holidays
        self.offset = offset
        self.jitter = jitter
        # Cron on wall-clock times: a UTC trigger fed local times never meets a DST change.
        self._cron = (
            CronTrigger.from_crontab(schedule, timezone=UTC) if isinstance(schedule, str) else None
        )

    @classmethod
    def for_digest(cls, digest: DigestConfig, zone: tzinfo) -> DigestSchedule | None:
        if digest.schedule is None:
            return None
        offset = jitter_offset(digest.name, digest.jitter_delta)
        return cls(
            digest.schedule,
            zone,
            skip_holidays=digest.skip_holidays,
            offset=offset,
            jitter=digest.jitter,
        )

    def describe(self) -> str:
        text = self.schedule if isinstance(self.schedule, str) else f"every {self.schedule.every}"
        if self.skip_holidays:
            text += ", public holidays moved to the next working day"
        if self.jitter:
            text += f", jitter {self.jitter} (+{int(self.offset.total_seconds())}s)"
        return text

    def keys_after(self, start: datetime) -> Iterator[datetime]:
        """Scheduled times strictly after ``start``, in order, in the schedule's zone."""
        start = start.astimezone(self.zone)
        keys = self._cron_keys(start) if self._cron is not None else self._interval_keys(start)
        last = start
        for key in keys:
            if key > last:  # a skipped hour maps two wall times to one instant: keep one
                yield key
                last = key

    def _cron_keys(self, start: datetime) -> Iterator[datetime]:
        assert self._cron is not None
        current = (start.replace(tzinfo=None) - _WALL_MARGIN).replace(tzinfo=UTC)
        previous: datetime | None = None
        while True:
            fire = self._cron.get_next_fire_time(previous, current)
            if fire is None:
                return
            yield wall_time(fire.replace(tzinfo=None), self.zone)
            previous, current = fire, fire + _TICK

    def _interval_keys(self, start: datetime) -> Iterator[datetime]:
        """Multiples of the interval from local midnight (or every n-th midnight), from the
        first after ``start``: found by bisection, as wall time maps to instants in order."""
        assert isinstance(self.schedule, Every)
        seconds = int(self.schedule.interval.total_seconds())
        per_day = DAY_SECONDS // seconds if seconds < DAY_SECONDS else 0
        every = seconds // DAY_SECONDS

        def wall(n: int) -> datetime:
            if per_day:
                day, index = divmod(n, per_day)
                return datetime.combine(date.fromordinal(day), time()) + timedelta(
                    seconds=seconds * index
                )
            return datetime.combine(date.fromordinal(n * every), time())

        def number(moment: datetime) -> int:  # the key at or before wall time ``moment``
            midnight = datetime.combine(moment.date(), time())
            if per_day:
                return moment.toordinal() * per_day + (moment - midnight) // timedelta(
                    seconds=seconds
                )
            return moment.toordinal() // every

        naive = start.replace(tzinfo=None)
        low, high = number(naive - _WALL_MARGIN), number(naive + _WALL_MARGIN) + 1
        while low < high:  # the first key whose instant is after start
            middle = (low + high) // 2
            if wall_time(wall(middle), self.zone) > start:
                high = middle
            else:
                low = middle + 1
        while True:
            yield wall_time(wall(low), self.zone)
            low += 1

    def due_time(self, key: datetime) -> datetime:
        """``key`` (on the next working day when it is a public holiday), plus the jitter."""
        due = key
        if self.skip_holidays and is_public_holiday(key.date()):
            day = key.date() + timedelta(days=1)
            while is_public_holiday(day) or not is_workday(day):
                day += timedelta(days=1)
            due = wall_time(datetime.combine(day, key.replace(tzinfo=None).time()), self.zone)
        return (due.astimezone(UTC) + self.offset).astimezone(self.zone)

    def _candidates(self, since: datetime) -> Iterator[datetime]:
        """Keys whose due time may be after ``since``, in order: keys on public holidays in
        the days before (moved to a later working day), then every key from ``since`` less
        the jitter."""
        regular = since.astimezone(UTC) - self.offset
        if self.skip_holidays:
            day = (regular - _HOLIDAY_LOOKBACK).astimezone(self.zone).date()
            while day <= regular.astimezone(self.zone).date():
                if is_public_holiday(day):
                    midnight = wall_time(datetime.combine(day, time()), self.zone)
                    for key in self.keys_after(midnight - _TICK):
                        if key.date() != day or key >= regular:
                            break
                        yield key
                day += timedelta(days=1)
        yield from self.keys_after(regular - _TICK)

    def latest_due(self, now: datetime, window: timedelta) -> Slot | None:
        """The most recent slot due at ``now`` and not older than ``window`` (catch-up)."""
        best: Slot | None = None
        for key in self._candidates(now.astimezone(UTC) - window):
            if key > now:
                break
            due = self.due_time(key)
            if now - window <= due <= now:
                best = Slot(key, due)
        return best

    def next_due(self, after: datetime) -> Slot | None:
        """The first slot whose due time is after ``after``."""
        best: Slot | None = None
        for key in self._candidates(after):
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
        after = max(filter(None, [previous_fire_time, now - _TICK]))
        slot = self.schedule.next_due(after)
        return slot.due if slot else None

    def __str__(self) -> str:
        return f"slots[{self.schedule.describe()}]"
