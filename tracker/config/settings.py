"""Settings from ``config/tracker.yaml``: store, timezone, evaluation margins, feeds, digests.

``${VAR}`` anywhere in a string value is replaced from the environment when the file loads; a
missing variable is reported with its line.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tracker.config.channels import ChannelConfig
from tracker.config.durations import DAY_SECONDS as DAY_SECONDS
from tracker.config.durations import parse_duration as parse_duration
from tracker.config.people import MentionStatus, Person, WebAddress, check_references
from tracker.domain.evaluation import EvaluationSettings

SETTINGS_FILE = "tracker.yaml"


class FeedConfig(BaseModel):
    """A URL serving a CSV or JSON figure file, fetched with conditional requests."""

    model_config = ConfigDict(extra="forbid")

    url: str
    name: str | None = None
    format: Literal["csv", "json", "yaml", "auto"] = "auto"
    every: str = "1h"
    timeout: float = Field(default=20, gt=0)
    max_bytes: int = Field(default=5_000_000, gt=0)

    @field_validator("every")
    @classmethod
    def _duration(cls, value: str) -> str:
        parse_duration(value)
        return value

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        if not value.lower().startswith(("http://", "https://")):
            raise ValueError(
                "feeds are fetched over http(s); url must start with http:// or https://"
            )
        return value


class Every(BaseModel):
    """An interval schedule, aligned to multiples of the interval counted from midnight."""

    model_config = ConfigDict(extra="forbid")

    every: str

    @field_validator("every")
    @classmethod
    def _duration(cls, value: str) -> str:
        seconds = parse_duration(value).total_seconds()
        if seconds < 1 or not seconds.is_integer():
            raise ValueError(
                f"interval must be a whole number of seconds, at least 1s, got {value!r}"
            )
        # Slots are counted from local midnight: an interval must divide the day into equal
        # parts, or be whole days (counted from a fixed date), or every day would restart it.
        if DAY_SECONDS % seconds and seconds % DAY_SECONDS:
            raise ValueError(
                f"interval {value!r} neither divides a day (like 30m, 8h, 12h) nor is whole "
                "days (like 2d); use a cron schedule for other times"
            )
        return value

    @property
    def interval(self) -> timedelta:
        return parse_duration(self.every)


class Select(BaseModel):
    """Which goals a digest covers; empty lists mean no restriction."""

    model_config = ConfigDict(extra="forbid")

    entity: list[str] = []
    year: list[int] = []
    tags: list[str] = []
    ids: list[str] = []
    exclude_tags: list[str] = []


class DigestConfig(BaseModel):
    """A named digest: when it is sent, to which channels, about which goals, in which language."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    schedule: str | Every | None = None
    channels: list[str] = Field(min_length=1)
    select: Select = Select()
    language: Literal["zh", "en"] = "zh"
    template: str | None = None
    title: str | None = None
    alert_on: list[
        Literal["achieved", "on_track", "at_risk", "off_track", "missed", "awaiting_final"]
    ] = []
    skip_holidays: bool = False
    chart: bool = False
    # @-mention the owners of goals in these statuses (their handles come from `people:`).
    mention: list[MentionStatus] = []
    # Where `tracker report` output is published: each entity section links to its page.
    report_url: WebAddress | None = None
    # Each slot goes out this much later at most, by an amount fixed per digest name, so many
    # installations (or digests) on one schedule do not all post at the same second.
    jitter: str | None = None

    @field_validator("jitter")
    @classmethod
    def _jitter(cls, value: str | None) -> str | None:
        if value is not None and not timedelta(0) < parse_duration(value) <= timedelta(hours=1):
            raise ValueError(f"jitter must be more than 0s and at most 1h, got {value!r}")
        return value

    @property
    def jitter_delta(self) -> timedelta:
        return parse_duration(self.jitter) if self.jitter else timedelta(0)

    @field_validator("schedule", mode="before")
    @classmethod
    def _one_kind_of_schedule(cls, value: Any) -> Any:
        """One clear error for a bad schedule instead of one per union member."""
        if value is None or isinstance(value, str | Every):
            return value
        if isinstance(value, dict):
            try:
                return Every.model_validate(value)
            except ValidationError as exc:
                error = exc.errors()[0]
                where = ".".join(str(p) for p in error["loc"])
                message = str(error["msg"]).removeprefix("Value error, ")
                raise ValueError(f"{where}: {message}" if where else message) from None
        raise ValueError(
            f"expected a cron string like '0 9 * * MON' or {{every: '30s'}}, got {value!r}"
        )

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str | Every | None) -> str | Every | None:
        if isinstance(value, str):
            from apscheduler.triggers.cron import CronTrigger

            if len(value.split()) != 5:
                raise ValueError(f"expected a 5-field cron expression, got {value!r}")
            try:
                CronTrigger.from_crontab(value)
            except ValueError as exc:
                raise ValueError(f"invalid cron {value!r}: {exc}") from None
        return value


class Settings(BaseModel):
    """Everything in config/tracker.yaml; every field has a working default."""

    model_config = ConfigDict(extra="forbid")

    timezone: str = "Asia/Shanghai"
    database: str | None = None
    figures_dir: str = "config/figures"
    catch_up: str = "24h"
    evaluation: EvaluationSettings = EvaluationSettings()
    feeds: list[FeedConfig] = []
    channels: dict[str, ChannelConfig] = {}
    digests: list[DigestConfig] = []
    # Posts out at once, to different channels (each channel still gets one at a time).
    send_workers: int = Field(default=64, ge=1, le=1024)
    # Who is responsible: each person's handle per service, and the owners of whole entities.
    people: dict[str, Person] = {}
    owners: dict[str, list[str]] = {}
    report_url: WebAddress | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("catch_up")
    @classmethod
    def _catch_up(cls, value: str) -> str:
        parse_duration(value)
        return value

    @model_validator(mode="after")
    def _references(self) -> Settings:
        # The messages start with the field's path so the loader can point at its line.
        names = [d.name for d in self.digests]
        for index, name in enumerate(names):
            if name in names[:index]:
                raise ValueError(f"digests.{index}.name: duplicate digest name {name!r}")
        known = ", ".join(sorted(self.channels)) or "none defined"
        for index, digest in enumerate(self.digests):
            for position, channel in enumerate(digest.channels):
                if channel not in self.channels:
                    raise ValueError(
                        f"digests.{index}.channels.{position}: unknown channel {channel!r} "
                        f"(known: {known})"
                    )
        check_references(self.people, self.owners)
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def now(self) -> datetime:
        """The current moment in the project's time zone."""
        return datetime.now(self.zone)

    def today(self) -> date:
        """Today's date in the project's time zone (not the machine's)."""
        return self.now().date()

    def digest(self, name: str) -> DigestConfig | None:
        return next((d for d in self.digests if d.name == name), None)
