"""Scoring extraction against expected targets: a shipped goal or a gold entry is matched with at
most one proposal of the same figure (measure, comparator, target, target_max, stretch and unit,
units compared by value) about the same thing (a close name or an overlapping quote).

Used by ``extract_recall.py``; kept apart so that the benchmark script stays short."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tracker.domain.goals import Comparator, Goal, Measure
from tracker.domain.text import normalize
from tracker.domain.units import UnitError, parse_unit
from tracker.extract import Candidate
from tracker.extract.indicators import canonical_indicator
from tracker.extract.writers import states_its_figure

INDICATOR_OVERLAP = 0.5


@dataclass(frozen=True)
class Expected:
    """A target a document states: a shipped goal or a gold entry."""

    indicator: str
    measure: Measure
    comparator: Comparator
    target: float | None
    unit: str
    quote: str
    target_max: float | None = None
    stretch: float | None = None
    shapes: tuple[str, ...] = ()
    label: str = ""  # the goal id, or the gold quote

    @classmethod
    def of_goal(cls, goal: Goal) -> Expected:
        return cls(
            goal.indicator,
            goal.measure,
            goal.comparator,
            goal.target,
            goal.unit or "",
            goal.source.quote,
            goal.target_max,
            goal.stretch,
            label=goal.id,
        )

    @classmethod
    def of_gold(cls, entry: dict[str, Any]) -> Expected:
        return cls(
            entry["indicator"],
            Measure(entry["measure"]),
            Comparator(entry["comparator"]),
            _number(entry.get("target")),
            entry.get("unit") or "",
            entry["quote"],
            _number(entry.get("target_max")),
            _number(entry.get("stretch")),
            tuple(entry.get("shapes") or ()),
            label=entry["quote"],
        )


@dataclass
class DocumentScore:
    document: str
    expected: list[Expected]
    found: list[Candidate]
    matched: list[tuple[Expected, Candidate]] = field(default_factory=list)
    shapes: tuple[str, ...] = ()  # the passage's shapes (gold header)
    forecasts: int = 0  # proposals tagged forecast, left out of the count
    body: str = ""  # the normalised text (where quotes are placed)

    @property
    def missed(self) -> list[Expected]:
        hit = {id(g) for g, _ in self.matched}
        return [g for g in self.expected if id(g) not in hit]

    @property
    def extra(self) -> list[Candidate]:
        hit = {id(c) for _, c in self.matched}
        return [c for c in self.found if id(c) not in hit]


@dataclass
class Report:
    documents: list[DocumentScore]

    @property
    def expected(self) -> int:
        return sum(len(d.expected) for d in self.documents)

    @property
    def found(self) -> int:
        return sum(len(d.found) for d in self.documents)

    @property
    def matched(self) -> int:
        return sum(len(d.matched) for d in self.documents)

    @property
    def forecasts(self) -> int:
        return sum(d.forecasts for d in self.documents)

    @property
    def unknown_units(self) -> int:
        """Targets in a unit the tracker does not know (处, 场, 亿斤): no goal can state them."""
        return sum(not _known_unit(g.unit) for d in self.documents for g in d.expected)

    @property
    def recall(self) -> float:
        return _share(self.matched, self.expected)

    @property
    def precision(self) -> float:
        return _share(self.matched, self.found)

    @property
    def reachable_recall(self) -> float:
        return _share(self.matched, self.expected - self.unknown_units)

    @property
    def written_recall(self) -> float:
        """Recall of the goals file: matched goals whose figure tracker check finds."""
        written = sum(states_its_figure(c) for d in self.documents for _, c in d.matched)
        return _share(written, self.expected)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


# -- matching -------------------------------------------------------------------------------------


def indicator_overlap(a: str, b: str) -> float:
    """Share of the shorter canonical name's characters that occur in the other name."""
    x, y = set(canonical_indicator(a) or a), set(canonical_indicator(b) or b)
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))


def _same_amount(a: float | None, unit_a: str, b: float | None, unit_b: str) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        ua, ub = parse_unit(unit_a), parse_unit(unit_b)
    except UnitError:
        return unit_a == unit_b and abs(a - b) < 1e-9
    if not ua.compatible(ub):
        return False
    return abs(ua.to_base(a) - ub.to_base(b)) <= 1e-6 * ua.scale


def same_figure(goal: Expected, cand: Candidate) -> bool:
    """Same measure, comparator, target, target_max, stretch and unit."""
    if goal.measure is not cand.measure:
        return False
    if goal.target is None or cand.target is None:
        return goal.target is None and cand.target is None
    return (
        goal.comparator is cand.comparator
        and _same_amount(goal.target, goal.unit, cand.target, cand.unit)
        and _same_amount(goal.target_max, goal.unit, cand.target_max, cand.unit)
        and _same_amount(goal.stretch, goal.unit, cand.stretch, cand.unit)
    )


def _places(text: str, quote: str) -> list[range]:
    """Where ``quote`` occurs in normalised ``text``."""
    needle = normalize(quote)
    if not needle:
        return []
    return [range(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]


def _overlaps(a: list[range], b: list[range]) -> bool:
    return any(x.start < y.stop and y.start < x.stop for x in a for y in b)


def score_document(
    document: str,
    expected: list[Expected],
    found: list[Candidate],
    text: str | None = None,
    shapes: tuple[str, ...] = (),
) -> DocumentScore:
    """Pair gold and proposals one to one, the closest names first."""
    body = normalize(text) if text is not None else ""
    score = DocumentScore(document, expected, found, shapes=shapes, body=body)
    pairs = []
    for goal in expected:
        goal_at = _places(body, goal.quote) if text is not None else []
        for cand in found:
            if not same_figure(goal, cand):
                continue
            overlap = indicator_overlap(goal.indicator, cand.indicator)
            placed = bool(goal_at) and _overlaps(goal_at, _places(body, cand.quote))
            if overlap >= INDICATOR_OVERLAP or placed:
                pairs.append((placed, overlap, goal, cand))
    used_goals: set[int] = set()
    used_cands: set[int] = set()
    for _, _, goal, cand in sorted(pairs, key=lambda p: (not p[0], -p[1])):
        if id(goal) in used_goals or id(cand) in used_cands:
            continue
        used_goals.add(id(goal))
        used_cands.add(id(cand))
        score.matched.append((goal, cand))
    return score


def misreadings(doc: DocumentScore) -> list[tuple[Expected, Candidate]]:
    """Missed targets and leftover proposals on the same words: the figure was found but read
    with other semantics (each pair counted once)."""
    pairs, used = [], set()
    for goal in doc.missed:
        at = _places(doc.body, goal.quote)
        for cand in doc.extra:
            if id(cand) not in used and at and _overlaps(at, _places(doc.body, cand.quote)):
                pairs.append((goal, cand))
                used.add(id(cand))
                break
    return pairs


def _difference(goal: Expected, cand: Candidate) -> str:
    """The first field a misreading gets wrong."""
    if goal.measure is not cand.measure:
        return "measure"
    if (
        goal.target is None
        or cand.target is None
        or not _same_amount(goal.target, goal.unit, cand.target, cand.unit)
    ):
        return "figure or unit"
    if goal.comparator is not cand.comparator:
        return "comparator"
    return "range or stretch"


def error_table(rows: Sequence[tuple[str, Report]]) -> list[str]:
    """Per set, what the misses and extras are: targets not proposed at all, proposals that are no
    target, and misreadings (a miss and an extra on the same words) by the field they get wrong."""
    fields = ("measure", "figure or unit", "comparator", "range or stretch")
    lines = [
        "| set | not proposed | no target | misread | " + " | ".join(fields) + " |",
        "|---|---:|---:|---:|" + "---:|" * len(fields),
    ]
    for name, r in rows:
        pairs = [p for d in r.documents for p in misreadings(d)]
        counts = {f: sum(_difference(g, c) == f for g, c in pairs) for f in fields}
        missed = sum(len(d.missed) for d in r.documents) - len(pairs)
        extra = sum(len(d.extra) for d in r.documents) - len(pairs)
        cells = " | ".join(str(counts[f]) for f in fields)
        lines.append(f"| {name} | {missed} | {extra} | {len(pairs)} | {cells} |")
    return lines


def _known_unit(unit: str) -> bool:
    if not unit:
        return True  # a milestone has none
    try:
        parse_unit(unit)
    except UnitError:
        return False
    return True


def _number(value: Any) -> float | None:
    return None if value is None else float(value)
