"""Goals that declare the same target twice under different ids (a hand-written file and
``tracker extract`` output for the same article): digests would list them twice."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from tracker.domain.goals import Goal
from tracker.domain.text import normalize
from tracker.errors import Problem, display_path

_Key = tuple[str, str, str, str, str, float | None, float | None, str]


def _key(goal: Goal) -> _Key:
    """What makes two goals the same target: who, when, how it is judged, the number."""
    unit = goal.unit_info if goal.unit else None

    def base(value: float | None) -> float | None:
        return round(unit.to_base(value), 6) if unit and value is not None else value

    return (
        goal.entity,
        goal.start.isoformat(),
        goal.deadline.isoformat(),
        goal.measure.value,
        goal.comparator.value,
        base(goal.target),
        base(goal.target_max),
        unit.base if unit else "",
    )


def _same_indicator(a: Goal, b: Goal) -> bool:
    """The same indicator, or one named within the other and quoted from the same words."""
    first, second = normalize(a.indicator), normalize(b.indicator)
    if first == second:
        return True
    quote_a, quote_b = normalize(a.source.quote), normalize(b.source.quote)
    named_within = first in second or second in first
    return named_within and (quote_a in quote_b or quote_b in quote_a)


def same_targets(
    goals: Iterable[Goal], lines: Mapping[str, tuple[Path, int | None]]
) -> list[Problem]:
    """A warning on the later goal of each pair that states the same target as an earlier one."""
    groups: defaultdict[_Key, list[Goal]] = defaultdict(list)
    warnings: list[Problem] = []
    for goal in goals:
        group = groups[_key(goal)]
        earlier = next((other for other in group if _same_indicator(other, goal)), None)
        group.append(goal)
        if earlier is None:
            continue
        path, line = lines[goal.id]
        first_path, first_line = lines[earlier.id]
        warnings.append(
            Problem(
                path,
                line,
                "id",
                f"warning: {goal.id!r} states the same target as {earlier.id!r} "
                f"({display_path(first_path)}:{first_line}); digests would list it twice, "
                "so keep one of them",
            )
        )
    return warnings
