"""One goal file read and validated: its goals with their lines, and every problem in it.

A file is read on its own (defaults merged into each goal, pydantic's errors put at the line
where the mistake is written, quotes verified), so :func:`read_goal_file` can run per file and
its result can be kept for a file that did not change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tracker.config.cache import GoalCache
from tracker.config.located_yaml import LocatedYaml, Location, load_yaml
from tracker.config.people import Person, check_owners
from tracker.config.quotes import verify_quote
from tracker.config.sources import check_source_url
from tracker.config.wording import plain
from tracker.domain.goals import Goal
from tracker.domain.text import ENCODING_NAMES
from tracker.errors import InputError, Problem, close_matches, did_you_mean

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


@dataclass
class GoalFile:
    """What one goal file holds: goals with the line of their ``id``, problems, warnings."""

    path: Path
    goals: list[tuple[Goal, int | None]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def read_goal_file(
    path: Path,
    root: Path,
    *,
    verify_quotes: bool = True,
    cache: GoalCache | None = None,
    people: Mapping[str, Person] | None = None,
) -> GoalFile:
    """Parse and validate ``path``; quotes are checked against documents under ``root``, owners
    against ``people`` (not at all when None: tracker.yaml could not be read).

    With ``cache``, a file (and the documents it quotes) unchanged since it was last read
    without problems comes from the cache: neither parsed nor validated nor its quotes checked
    again; the checks that depend on other files (owners) still run.
    """
    out = GoalFile(path)
    hit = cache.lookup(path, verify_quotes=verify_quotes) if cache is not None else None
    if hit is not None:
        located, read = hit.located, hit.goals
    else:
        parsed = _parse(out, path)
        if parsed is None:
            return out
        located, read = parsed
    for goal, location in read:
        out.goals.append((goal, located.line_of((*location, "id"))))
        if hit is None:
            if verify_quotes:
                out.problems.extend(verify_quote(goal, root, located, location))
            out.problems.extend(check_source_url(goal, located, location))
    # A mistake in `defaults` is found once per goal that inherits it: say it once.
    out.problems = list(dict.fromkeys(out.problems))
    if cache is not None and hit is None and not out.problems:
        cache.store(path, located, read, verified=verify_quotes)
    if people is not None:  # tracker.yaml's people may change without this file changing
        for goal, location in read:
            out.problems.extend(check_owners(goal, people, located, location))
    if located.encoding not in (None, "utf-8", "utf-8-sig"):
        name = ENCODING_NAMES.get(located.encoding, located.encoding)
        message = f"read as {name}; save it as UTF-8 to be sure"
        out.warnings.append(Problem(path, None, None, message))
    return out


def _parse(out: GoalFile, path: Path) -> tuple[LocatedYaml, list[tuple[Goal, Location]]] | None:
    """The file's YAML and goals, or None with ``out.problems`` saying why not."""
    try:
        located = load_yaml(path)
    except InputError as exc:
        out.problems.extend(exc.problems)
        return None
    try:
        return located, list(_read_goals(located, out.problems))
    except Exception as exc:  # never a traceback for a config file: say what and where
        out.problems.append(Problem(path, None, None, f"cannot read: {type(exc).__name__}: {exc}"))
        return None


def _read_goals(located: LocatedYaml, problems: list[Problem]) -> Iterable[tuple[Goal, Location]]:
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
        if "goals" in data or not any(close_matches(str(k), ["goals"]) for k in data):
            problems.append(located.problem(("goals",), "goals", "expected a list of goals"))
        return  # else a misspelt 'goals:' was reported as such
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
    errors = exc.errors()
    # A misspelt field is reported as unknown; the field it meant is then not "missing" too.
    meant = {
        close
        for error in errors
        if error["type"] == "extra_forbidden"
        for close in close_matches(str(error["loc"][-1]), GOAL_FIELDS)
    }
    for error in errors:
        loc = [str(part) for part in error["loc"]]
        if error["type"] == "missing" and loc and loc[-1] in meant:
            continue
        message = plain(error)
        if not loc and (match := _FIELD_PREFIX.match(message)):
            loc, message = match.group(1).split("."), match.group(2)
        if error["type"] == "extra_forbidden":
            message = _unknown(loc[-1], GOAL_FIELDS if len(loc) == 1 else set())
        elif error["type"] == "missing":
            message = "required field is missing"
        elif (
            error["type"] == "value_error"
            and "input" in error
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
