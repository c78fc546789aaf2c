"""Settings from ``config/tracker.yaml``: store, timezone, evaluation margins, feeds, digests.

``${VAR}`` anywhere in a string value is replaced from the environment when the file loads; a
missing variable is reported with its line.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tracker.config.channels import ChannelConfig
from tracker.config.located_yaml import LocatedYaml, Location, load_yaml
from tracker.domain.evaluation import EvaluationSettings
from tracker.errors import InputError, Problem, did_you_mean

SETTINGS_FILE = "tracker.yaml"
_ENV_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str | int | float) -> timedelta:
    """``"30s"``, ``"5m"``, ``"24h"``, ``"2d"`` (or plain seconds) as a timedelta."""
    if isinstance(text, int | float):
        return timedelta(seconds=text)
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"expected a duration like '30s', '5m', '24h' or '2d', got {text!r}")
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


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
        if parse_duration(value).total_seconds() < 1:
            raise ValueError(f"interval must be at least 1s, got {value!r}")
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
    alert_on: list[Literal["achieved", "on_track", "at_risk", "off_track", "missed"]] = []
    skip_holidays: bool = False
    chart: bool = False

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


def expand_env(located: LocatedYaml, environ: dict[str, str] | None = None) -> list[Problem]:
    """Replace ``${VAR}`` in every string value in place; return a problem per missing variable."""
    env = os.environ if environ is None else environ
    problems: list[Problem] = []

    def walk(value: Any, where: Location) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, (*where, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*where, i)) for i, v in enumerate(value)]
        if isinstance(value, str):

            def substitute(match: re.Match[str]) -> str:
                name = match.group(1)
                if name not in env:
                    field_name = ".".join(str(p) for p in where)
                    problems.append(
                        located.problem(
                            where, field_name, f"environment variable {name} is not set"
                        )
                    )
                    return ""
                return env[name]

            return _ENV_VAR.sub(substitute, value)
        return value

    located.data = walk(located.data, ())
    return problems


DELIVERY_KEYS = ("channels", "digests")


def load_settings_located(
    config_dir: Path, *, delivery: bool = True
) -> tuple[Settings, LocatedYaml | None]:
    """Settings and the parsed file with its lines (None when there is no tracker.yaml).

    With ``delivery=False`` channels and digests are left out, so a command that only reads
    goals and figures works while a webhook's ``${VAR}`` is not set in this shell.
    """
    path = config_dir / SETTINGS_FILE
    if not path.exists():
        return Settings(), None
    located = load_yaml(path)
    if not isinstance(located.data or {}, dict):
        raise InputError([located.problem((), None, "expected a mapping")])
    if not delivery and located.data:
        located.data = {k: v for k, v in located.data.items() if k not in DELIVERY_KEYS}
    problems = expand_env(located)
    missing = {_path_of(p) for p in problems}
    data = located.data or {}
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc: Location = tuple(error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            if not loc and (match := _FIELD_PATH.match(message)):
                loc = tuple(int(p) if p.isdigit() else p for p in match.group(1).split("."))
                message = match.group(2)
            if any(_overlaps(loc, gone) for gone in missing):
                continue  # already reported as the variable that is not set
            if error["type"] == "extra_forbidden":
                message = "unknown field" + _suggestion(loc)
            field_name = ".".join(str(p) for p in loc)
            problems.append(located.problem(loc, field_name or None, message))
        raise InputError(problems) from None
    if problems:
        raise InputError(problems)
    return settings, located


_FIELD_PATH = re.compile(r"^([A-Za-z_][\w.]*): (.*)$", re.S)


def _path_of(problem: Problem) -> Location:
    return tuple(int(p) if p.isdigit() else p for p in (problem.field or "").split("."))


def _overlaps(a: Location, b: Location) -> bool:
    shorter = min(len(a), len(b))
    return shorter > 0 and tuple(map(str, a[:shorter])) == tuple(map(str, b[:shorter]))


def _suggestion(loc: Location) -> str:
    """'; did you mean ...?' for a misspelt key, from the fields of the model it belongs to."""
    from tracker.config.channels import ChannelConfig

    models: dict[str, type[BaseModel]] = {
        "channels": ChannelConfig,
        "digests": DigestConfig,
        "feeds": FeedConfig,
        "evaluation": EvaluationSettings,
    }
    model = models.get(str(loc[0])) if len(loc) >= 3 or loc[:1] == ("evaluation",) else None
    if model is None and len(loc) == 1:
        model = Settings
    if model is None:
        return ""
    return did_you_mean(str(loc[-1]), model.model_fields)
