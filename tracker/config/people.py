"""People and owners from ``config/tracker.yaml``: each person's handle per service, checked.

``people:`` maps a person's key (``zhang-wei``) to their name and handles; goals (or a goals
file's ``defaults``) name ``owners: [zhang-wei]``, and ``owners:`` in tracker.yaml gives an
entity's owners for goals that name none. `check` refuses a handle in the wrong format for its
service and an owner nobody defined, suggesting the nearest key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, field_validator

from tracker.errors import Problem, did_you_mean

if TYPE_CHECKING:
    from tracker.config.located_yaml import LocatedYaml, Location
    from tracker.domain.goals import Goal

MentionStatus = Literal["achieved", "on_track", "at_risk", "off_track", "missed", "awaiting_final"]
PERSON_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

# service field -> (pattern, what to write instead)
HANDLES: dict[str, tuple[re.Pattern[str], str]] = {
    "wecom": (re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$"), "a WeCom userid, e.g. zhangwei"),
    "dingtalk": (re.compile(r"^[A-Za-z0-9_-]{1,64}$"), "a DingTalk userId, e.g. manager4220"),
    "dingtalk_mobile": (
        re.compile(r"^(\+\d{1,4}-)?\d{6,15}$"),
        'the mobile number of the DingTalk account, e.g. "13800000000"',
    ),
    "feishu": (
        re.compile(r"^(ou_[0-9A-Za-z]+|[0-9A-Za-z]{4,64})$"),
        "a Feishu/Lark open_id (ou_…) or user_id",
    ),
    "slack": (
        re.compile(r"^[UW][A-Z0-9]{6,14}$"),
        "a Slack member ID such as U012AB3CD (profile → ⋮ → Copy member ID)",
    ),
    "discord": (
        re.compile(r"^\d{17,20}$"),
        'a Discord user ID of 17–20 digits, in quotes (e.g. "80351110224678912")',
    ),
    "teams": (
        re.compile(
            r"^([^@\s<>]+@[^@\s<>]+\.[^@\s<>]+|[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})$"
        ),
        "the person's Teams sign-in address (UPN) or Entra object id",
    ),
    "email": (re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$"), "an address like a@b.cn"),
}


def _text(value: Any) -> Any:
    # YAML reads 13800000000 and 80351110224678912 as numbers; they are handles.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def web_address(value: str) -> str:
    value = value.strip()
    if not value.lower().startswith(("http://", "https://")):
        raise ValueError(
            f"expected an http(s) address, e.g. https://reports.example.gov.cn/, got {value!r}"
        )
    return value


WebAddress = Annotated[str, AfterValidator(web_address)]
Handle = Annotated[str | None, BeforeValidator(_text)]


class Person(BaseModel):
    """Someone who owns goals: a display name and a handle per service (all optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str | None = None
    wecom: Handle = None
    dingtalk: Handle = None
    dingtalk_mobile: Handle = None
    feishu: Handle = None
    slack: Handle = None
    discord: Handle = None
    teams: Handle = None
    email: Handle = None

    @field_validator(*HANDLES)
    @classmethod
    def _handle(cls, value: str | None, info: Any) -> str | None:
        if value is None:
            return None
        value = value.strip()
        pattern, hint = HANDLES[info.field_name]
        if not pattern.fullmatch(value):
            raise ValueError(f"{value!r} is not {hint}")
        return value


def check_references(people: Mapping[str, Person], owners: Mapping[str, Sequence[str]]) -> None:
    """Raise (``field.path: message``) for a bad person key or an undefined entity owner."""
    for key in people:
        if not PERSON_KEY.fullmatch(key):
            raise ValueError(
                f"people.{key}: a person's key is lower-case letters, digits, '.', '_' or '-' "
                f"(e.g. zhang-wei)"
            )
    for entity, keys in owners.items():
        for index, key in enumerate(keys):
            if key not in people:
                raise ValueError(f"owners.{entity}.{index}: {unknown_person(key, people)}")


def unknown_person(key: str, people: Mapping[str, Person]) -> str:
    if not people:
        return f"unknown person {key!r}: define them under people: in tracker.yaml"
    return f"unknown person {key!r}{did_you_mean(key, people)}"


def check_owners(
    goal: Goal, people: Mapping[str, Person], located: LocatedYaml, location: Location
) -> list[Problem]:
    """One problem per owner of ``goal`` missing from ``people``, at the line naming them."""
    problems = []
    for index, key in enumerate(goal.owners):
        if key not in people:
            own = (*location, "owners") in located.lines  # else inherited from `defaults`
            line = located.line_of((*location, "owners", index) if own else ("defaults", "owners"))
            problems.append(Problem(located.path, line, "owners", unknown_person(key, people)))
    return problems


def check_entity_owners(
    owners: Mapping[str, Sequence[str]],
    goals: Sequence[Goal],
    path: Path,
    located: LocatedYaml | None,
) -> list[Problem]:
    """``owners:`` entries naming an entity no goal has (a typo would silently reach nobody)."""
    entities = list(dict.fromkeys(g.entity for g in goals))
    problems = []
    for entity in owners:
        if entity not in entities:
            line = located.line_of(("owners", entity)) if located else None
            message = f"no goal has entity {entity!r}{did_you_mean(entity, entities)}"
            problems.append(Problem(path, line, f"owners.{entity}", message))
    return problems
