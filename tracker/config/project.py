"""Load and validate a project's config folder: goals from config/goals/*.yaml, settings.

Paths inside config files are relative to the folder that contains ``config/`` (the project
root), so a copy of ``config/`` and ``seeds/`` side by side works anywhere.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tracker.config.cache import GoalCache, cache_dir
from tracker.config.located_yaml import LocatedYaml, Location, load_yaml
from tracker.config.people import check_entity_owners, check_owners
from tracker.config.quotes import verify_quote
from tracker.config.settings import Settings
from tracker.config.settings_file import load_settings_located
from tracker.config.sources import check_source_url
from tracker.config.templates import check_templates
from tracker.domain.goals import Goal
from tracker.errors import InputError, Problem, did_you_mean, display_path

DEFAULT_CONFIG = Path("config")
GOALS_DIR = "goals"
FILE_KEYS = {"defaults", "goals"}
DEFAULT_KEYS = {
    "entity_en",
    "entity",
    "year",
    "tags",
    "source",
    "start",
    "deadline",
    "tolerance",
    "at_risk_margin",
    "owners",
}
GOAL_FIELDS = set(Goal.model_fields) | {"quote"}
_SHORTHAND_FIELDS = {"unit", "comparator", "target_max", "measure"}
_FIELD_PREFIX = re.compile(r"^([a-z_][a-z_.]*): (.*)$", re.S)


def config_dir_from_env(value: str | os.PathLike[str] | None = None) -> Path:
    """``--config`` if given, else ``$TRACKER_CONFIG``, else ``./config``."""
    return Path(value or os.environ.get("TRACKER_CONFIG") or DEFAULT_CONFIG)


@dataclass
class Project:
    """A validated config folder: goals, settings, and the root that relative paths start from."""

    config_dir: Path
    goals: list[Goal]
    settings: Settings
    goal_lines: dict[str, tuple[Path, int | None]] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.config_dir.resolve().parent

    def resolve(self, path: str | os.PathLike[str]) -> Path:
        """A path from a config file, resolved against the project root."""
        candidate = Path(path)
        return candidate if candidate.is_absolute() else self.root / candidate

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def select(self, entity: str | None = None, year: int | None = None) -> list[Goal]:
        """Goals whose entity contains ``entity`` and whose year is ``year`` (when given)."""
        return [
            g
            for g in self.goals
            if (entity is None or entity in g.entity) and (year is None or g.year == year)
        ]


def load_project(
    config_dir: Path | None = None,
    *,
    verify_quotes: bool = True,
    delivery: bool = True,
    secrets: bool = True,
) -> Project:
    """Read every config file; raise :class:`InputError` listing all problems found.

    ``delivery=False`` skips channels and digests, for commands that never send anything;
    ``secrets=False`` reads them without needing the channels' ``${VAR}`` secrets (showing).
    """
    config_dir = config_dir_from_env(config_dir)
    if not config_dir.is_dir():
        raise InputError([Problem(config_dir, None, None, "config folder not found")])
    problems: list[Problem] = []
    settings = Settings()
    located_settings: LocatedYaml | None = None
    settings_ok = False
    try:
        settings, located_settings = load_settings_located(
            config_dir, delivery=delivery, secrets=secrets
        )
        settings_ok = True
    except InputError as exc:
        problems.extend(exc.problems)
    else:
        problems.extend(check_templates(config_dir, settings, located_settings))
    root = config_dir.resolve().parent
    goals: list[Goal] = []
    lines: dict[str, tuple[Path, int | None]] = {}
    cache = GoalCache(cache_dir(root, settings.database), root)
    for path in sorted((config_dir / GOALS_DIR).glob("*.y*ml")):
        hit = cache.lookup(path, verify_quotes=verify_quotes)
        own = len(problems)  # problems of this file alone: none, and it may be cached
        if hit is not None:
            located, read = hit.located, hit.goals
        else:
            try:
                located = load_yaml(path)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            try:
                read = list(_read_goal_file(located, problems))
            except Exception as exc:  # never a traceback for a config file: say what and where
                message = f"cannot read: {type(exc).__name__}: {exc}"
                problems.append(Problem(path, None, None, message))
                continue
        for goal, location in read:
            line = located.line_of((*location, "id"))
            if goal.id in lines:
                first_path, first_line = lines[goal.id]
                problems.append(
                    Problem(
                        path,
                        line,
                        "id",
                        f"duplicate id {goal.id!r} "
                        f"(first at {display_path(first_path)}:{first_line})",
                    )
                )
                own += 1  # another file's id: this one's own content may still be fine
                continue
            lines[goal.id] = (path, line)
            if hit is None:
                if verify_quotes:
                    problems.extend(verify_quote(goal, root, located, location))
                problems.extend(check_source_url(goal, located, location))
            if settings_ok:  # owners name people of tracker.yaml
                own -= len(problems)
                problems.extend(check_owners(goal, settings.people, located, location))
                own += len(problems)
            goals.append(goal)
        if hit is None and len(problems) == own:
            cache.store(path, located, read, verified=verify_quotes)
    if settings_ok and settings.owners:
        where = config_dir / "tracker.yaml"
        problems.extend(check_entity_owners(settings.owners, goals, where, located_settings))
    if problems:
        raise InputError(problems)
    return Project(config_dir, goals, settings, lines)


def _read_goal_file(
    located: LocatedYaml, problems: list[Problem]
) -> Iterable[tuple[Goal, Location]]:
    data = located.data
    if not isinstance(data, dict):
        problems.append(located.problem((), None, "expected a mapping with 'defaults' and 'goals'"))
        return
    for key in data:
        if key not in FILE_KEYS:
            problems.append(located.problem((key,), str(key), _unknown(key, FILE_KEYS)))
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        problems.append(located.problem(("defaults",), "defaults", "expected a mapping"))
        defaults = {}
    if "tags" in defaults and not _is_tag_list(defaults["tags"]):
        problems.append(located.problem(("defaults", "tags"), "tags", _TAGS_HINT))
        defaults = {k: v for k, v in defaults.items() if k != "tags"}
    for key in defaults:
        if key not in DEFAULT_KEYS:
            problems.append(
                located.problem(("defaults", key), str(key), _unknown(key, DEFAULT_KEYS))
            )
    entries = data.get("goals")
    if not isinstance(entries, list):
        problems.append(located.problem(("goals",), "goals", "expected a list of goals"))
        return
    for index, entry in enumerate(entries):
        location: Location = ("goals", index)
        if not isinstance(entry, dict):
            problems.append(located.problem(location, None, "expected a goal mapping"))
            continue
        if "tags" in entry and not _is_tag_list(entry["tags"]):
            problems.append(located.problem((*location, "tags"), "tags", _TAGS_HINT))
            continue
        merged = _merge(defaults, entry)
        try:
            yield Goal.model_validate(merged), location
        except ValidationError as exc:
            problems.extend(_explain(exc, located, location, entry, defaults))


_TAGS_HINT = "expected a list of tags, e.g. tags: [珠海, 经开区]"


def _is_tag_list(value: Any) -> bool:
    return value is None or (
        isinstance(value, list) and all(isinstance(t, str | int | float) for t in value)
    )


def _merge(defaults: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """A goal's fields with file defaults filled in; tags add up, source fields merge."""
    merged = {
        k: v for k, v in defaults.items() if k in DEFAULT_KEYS and k not in ("source", "tags")
    }
    merged.update({k: v for k, v in entry.items() if k not in ("quote", "source", "tags")})
    source = dict(defaults.get("source") or {}) if isinstance(defaults.get("source"), dict) else {}
    if isinstance(entry.get("source"), dict):
        source.update(entry["source"])
    elif "source" in entry:
        merged["source"] = entry["source"]
    if "quote" in entry:
        source["quote"] = entry["quote"]
    merged.setdefault("source", source)
    tags = [*(defaults.get("tags") or []), *(entry.get("tags") or [])]
    merged["tags"] = list(dict.fromkeys(str(t) for t in tags))
    return merged


def _explain(
    exc: ValidationError,
    located: LocatedYaml,
    location: Location,
    entry: dict[str, Any],
    defaults: dict[str, Any],
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        message = str(error["msg"]).removeprefix("Value error, ")
        if not loc and (match := _FIELD_PREFIX.match(message)):
            loc, message = match.group(1).split("."), match.group(2)
        if error["type"] == "extra_forbidden":
            message = _unknown(loc[-1], GOAL_FIELDS if len(loc) == 1 else set())
        elif error["type"] == "missing":
            message = "required field is missing"
        elif (
            "input" in error
            and not isinstance(error["input"], dict | list)
            and (repr(error["input"]) not in message)
        ):
            message = f"{message} (got {error['input']!r})"
        field_name = ".".join(loc) or None
        problems.append(
            Problem(
                located.path,
                _line_for(loc, located, location, entry, defaults),
                field_name,
                message,
            )
        )
    return problems


def _line_for(
    loc: list[str],
    located: LocatedYaml,
    location: Location,
    entry: dict[str, Any],
    defaults: dict[str, Any],
) -> int | None:
    """Where the offending key is written: in the goal, else in the defaults, else the goal."""
    if loc[:2] == ["source", "quote"] and "quote" in entry:
        return located.line_of((*location, "quote"))
    if loc and loc[0] in entry:
        return located.line_of((*location, *loc))
    if loc and loc[0] in _SHORTHAND_FIELDS and isinstance(entry.get("target"), str):
        return located.line_of((*location, "target"))  # the value came from the compact form
    if loc and loc[0] in defaults:
        return located.line_of(("defaults", *loc))
    return located.line_of(location)


def _unknown(key: object, allowed: set[str]) -> str:
    return f"unknown field{did_you_mean(str(key), sorted(allowed))}" if allowed else "unknown field"
