"""Reading ``config/tracker.yaml``: ``${VAR}`` expansion, validation with lines and hints.

A missing variable is reported with its line; a misspelt key gets a did-you-mean from the model
it belongs to.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from tracker.config.located_yaml import LocatedYaml, Location, load_yaml
from tracker.config.settings import SETTINGS_FILE, DigestConfig, FeedConfig, Settings
from tracker.config.wording import plain
from tracker.domain.evaluation import EvaluationSettings
from tracker.errors import InputError, Problem, did_you_mean

_ENV_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


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


# What stands in for a channel setting whose ${VAR} is not set, when secrets are not needed.
UNSET_URL = "https://secret-not-set.invalid/"


def load_settings_located(
    config_dir: Path, *, delivery: bool = True, secrets: bool = True
) -> tuple[Settings, LocatedYaml | None]:
    """Settings and the parsed file with its lines (None when there is no tracker.yaml).

    With ``delivery=False`` channels and digests are left out, so a command that only reads
    goals and figures works while a webhook's ``${VAR}`` is not set in this shell. With
    ``secrets=False`` they are read, but a channel's unset variable is not a problem: its
    ``secret`` is left out and its ``url`` points nowhere (for commands that show digests
    and deliveries without sending).
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
    if not secrets:
        problems = _without_channel_secrets(located, problems)
    missing = {_path_of(p) for p in problems}
    data = located.data or {}
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc: Location = tuple(error["loc"])
            # A channel's url or secret is never echoed; its type (wechat?) may be.
            secretive = loc[:1] == ("channels",) and str(loc[-1]) in ("url", "secret")
            message = plain(error, show_input=not secretive)
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


def _without_channel_secrets(located: LocatedYaml, problems: list[Problem]) -> list[Problem]:
    """Stand-ins for the channel settings whose variable is unset; the other problems."""
    kept: list[Problem] = []
    for problem in problems:
        where = _path_of(problem)
        channels = (located.data or {}).get("channels")
        if len(where) != 3 or where[0] != "channels" or not isinstance(channels, dict):
            kept.append(problem)
            continue
        channel = channels.get(where[1])
        if not isinstance(channel, dict):
            kept.append(problem)
        elif where[2] == "secret":
            channel.pop("secret", None)
        else:
            channel[where[2]] = UNSET_URL if where[2] == "url" else "secret-not-set"
    return kept


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
    # Keys as written in the file: an alias (`from` of e-mail channels) over the field's name.
    return did_you_mean(str(loc[-1]), [f.alias or n for n, f in model.model_fields.items()])
