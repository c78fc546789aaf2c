"""Recall and precision of `tracker extract` on the seeds and on the development corpus.

Seeds: every goals file of config/goals/ quotes a seed document; the document is run through the
extractor and each shipped goal is matched with at most one extracted goal.

Corpus (tests/data/articles/): every passage ``NNN_slug.txt`` has a hand-checked gold list
``NNN_slug.gold.yaml`` (see CONVENTIONS.md there). The corpus is split by file number: odd
numbers are the dev half (read while writing rules), even numbers the check half (only measured).

A proposed goal matches a gold target when measure, comparator, target, target_max, stretch and
unit agree (a unit is compared by value: 2 万人 = 20000 人) and it is about the same thing: its
indicator is close (most characters of the shorter canonical name occur in the other) or its
quote overlaps the gold quote. Each gold target and each proposal is matched at most once, so a
figure read with the wrong semantics counts as a miss and as a false positive. A proposal tagged
``forecast`` (预计…: an estimate the reader is told is one) is no proposed target: it is counted
apart, neither matched nor false.

Run from the project root:

    .venv/bin/python tests/benchmarks/extract_recall.py [--verbose] [--only PATTERN] [--timing]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tracker.config.project import load_project
from tracker.domain.goals import Comparator, Goal, Measure
from tracker.domain.text import normalize
from tracker.domain.units import UnitError, parse_unit
from tracker.extract import Candidate, decode_article, extract
from tracker.extract.indicators import canonical_indicator
from tracker.extract.writers import states_its_figure

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "articles"
INDICATOR_OVERLAP = 0.5
SPEED_CHARS = 20_000


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
    score = DocumentScore(document, expected, found, shapes=shapes)
    body = normalize(text) if text is not None else ""
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


# -- the seeds ------------------------------------------------------------------------------------


def measure(config_dir: Path = Path("config")) -> Report:
    """Score the extractor on every document quoted by the shipped goals."""
    project = load_project(config_dir, verify_quotes=False)
    by_document: dict[str, list[Goal]] = defaultdict(list)
    for goal in project.goals:
        if goal.source.document:
            by_document[goal.source.document].append(goal)
    documents = []
    for document, goals in sorted(by_document.items()):
        text = decode_article(project.resolve(document).read_bytes())
        found = list(extract(text).candidates)
        documents.append(score_document(document, [Expected.of_goal(g) for g in goals], found))
    return Report(documents)


# -- the corpus -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A corpus passage and its gold list."""

    path: Path
    gold: dict[str, Any]

    @property
    def number(self) -> int:
        return int(self.path.name[:3])

    @property
    def half(self) -> str:
        return "dev" if self.number % 2 else "check"

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def targets(self) -> list[Expected]:
        return [Expected.of_gold(t) for t in self.gold.get("targets") or []]

    def score(self) -> DocumentScore:
        shapes = tuple(self.gold.get("shapes") or ())
        found = list(extract(self.text).candidates)
        proposed = [c for c in found if "forecast" not in c.tags]
        score = score_document(self.path.name, self.targets, proposed, self.text, shapes)
        score.forecasts = len(found) - len(proposed)
        return score


def passages(corpus: Path = CORPUS) -> list[Passage]:
    """The corpus passages that have a gold list, in file order."""
    found = []
    for path in sorted(corpus.glob("[0-9][0-9][0-9]_*.txt")):
        gold = path.with_name(path.name[: -len(".txt")] + ".gold.yaml")
        if gold.is_file():
            found.append(Passage(path, yaml.safe_load(gold.read_text(encoding="utf-8"))))
    return found


def measure_corpus(corpus: Path = CORPUS, only: str | None = None) -> Report:
    """Score the extractor on every corpus passage (whose name contains ``only``)."""
    chosen = [p for p in passages(corpus) if only is None or only in p.path.name]
    return Report([p.score() for p in chosen])


def half(report: Report, name: str) -> Report:
    """The dev (odd file numbers) or check (even) half of a corpus report."""
    odd = name == "dev"
    return Report([d for d in report.documents if (int(d.document[:3]) % 2 == 1) == odd])


def shape_rows(report: Report) -> list[tuple[str, int, float, float]]:
    """Per shape: gold targets, their recall, and precision over the passages of that shape
    (a proposal carries no shape, so precision is that of the passages the shape occurs in)."""
    shapes = sorted({s for d in report.documents for g in d.expected for s in g.shapes})
    rows = []
    for shape in shapes:
        targets = [(g, d) for d in report.documents for g in d.expected if shape in g.shapes]
        hit = {id(g) for d in report.documents for g, _ in d.matched}
        recall = sum(id(g) in hit for g, _ in targets) / len(targets)
        precision = Report([d for d in report.documents if shape in d.shapes]).precision
        rows.append((shape, len(targets), recall, precision))
    return rows


# -- output ---------------------------------------------------------------------------------------


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def summary_table(rows: Sequence[tuple[str, Report]]) -> list[str]:
    lines = [
        "| set | documents | targets | proposed | matched | recall | precision "
        "| unit unknown | recall, known units | recall, written | tagged forecast |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {len(r.documents)} | {r.expected} | {r.found} | {r.matched} "
            f"| {_pct(r.recall)} | {_pct(r.precision)} | {r.unknown_units} "
            f"| {_pct(r.reachable_recall)} | {_pct(r.written_recall)} | {r.forecasts} |"
        )
    return lines


def shape_table(report: Report) -> list[str]:
    """Per shape, all passages, then the dev and the check half (recall / precision)."""
    lines = [
        "| shape | targets | recall | precision | dev: recall / precision "
        "| check: recall / precision |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    halves = [{row[0]: row for row in shape_rows(half(report, h))} for h in ("dev", "check")]
    for shape, n, recall, precision in shape_rows(report):
        cells = []
        for rows in halves:
            row = rows.get(shape)
            cells.append(f"{_pct(row[2])} / {_pct(row[3])} ({row[1]})" if row else "–")
        lines.append(
            f"| {shape} | {n} | {_pct(recall)} | {_pct(precision)} | {cells[0]} | {cells[1]} |"
        )
    return lines


def _describe(doc: DocumentScore) -> list[str]:
    lines = [
        f"{doc.document}: {len(doc.matched)}/{len(doc.expected)} found, {len(doc.found)} proposed"
    ]
    for goal in doc.missed:
        lines.append(
            f"  missed: {goal.indicator} {goal.measure.value} {goal.comparator.value} "
            f"{goal.target} {goal.target_max or ''} {goal.unit} | {goal.label}"
        )
    for cand in doc.extra:
        lines.append(
            f"  extra:  {cand.indicator} {cand.measure.value} {cand.target_text} "
            f"stretch={cand.stretch} {cand.tags} | {cand.quote}"
        )
    return lines


def timing(corpus: Path = CORPUS, repeat: int = 5) -> tuple[int, float]:
    """Characters of an article made of corpus passages, and the best extraction time."""
    bodies = [p.text for p in passages(corpus)] or ["2025年,某区力争GDP增长6%。\n"]
    text = ""
    while len(text) < SPEED_CHARS:
        text += "\n".join(bodies)
    text = text[:SPEED_CHARS]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        extract(text)
        best = min(best, time.perf_counter() - start)
    return len(text), best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "config")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", help="corpus passages whose name contains this")
    parser.add_argument("--half", choices=("dev", "check"), help="list one half only")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and extras")
    parser.add_argument("--timing", action="store_true", help="time a 20,000-character article")
    args = parser.parse_args(argv)
    seeds = measure(args.config)
    corpus = measure_corpus(args.corpus, args.only)
    if args.verbose:
        listed = half(corpus, args.half) if args.half else corpus
        for doc in seeds.documents + listed.documents:
            print("\n".join(_describe(doc)))
        print()
    rows = [
        ("seeds", seeds),
        ("corpus, dev half (odd numbers)", half(corpus, "dev")),
        ("corpus, check half (even numbers)", half(corpus, "check")),
        ("corpus, all", corpus),
    ]
    print("\n".join(summary_table(rows)))
    print()
    print("\n".join(shape_table(corpus)))
    if args.timing:
        chars, seconds = timing(args.corpus)
        print(f"\nextract() on a {chars:,}-character article: {seconds:.3f} s (best of 5)")
    return 0


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


if __name__ == "__main__":
    sys.exit(main())
