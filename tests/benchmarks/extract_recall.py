"""Recall and precision of `tracker extract` against the goals shipped in config/goals/.

For every goals file, the seed document it quotes is run through the extractor and each shipped
goal is matched with at most one extracted goal of the same measure, comparator, target,
target_max and unit whose indicator is close (most characters of the shorter canonical name occur
in the other). Run from the project root:

    .venv/bin/python tests/benchmarks/extract_recall.py [--verbose] [--config DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tracker.config.project import load_project
from tracker.domain.goals import Goal
from tracker.domain.units import parse_unit
from tracker.extract import Candidate, decode_article, extract
from tracker.extract.indicators import canonical_indicator

INDICATOR_OVERLAP = 0.5


@dataclass
class DocumentScore:
    document: str
    expected: list[Goal]
    found: list[Candidate]
    matched: list[tuple[Goal, Candidate]] = field(default_factory=list)

    @property
    def missed(self) -> list[Goal]:
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
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0


def indicator_overlap(a: str, b: str) -> float:
    """Share of the shorter canonical name's characters that occur in the other name."""
    x, y = set(canonical_indicator(a) or a), set(canonical_indicator(b) or b)
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))


def same_figure(goal: Goal, cand: Candidate) -> bool:
    if goal.measure is not cand.measure:
        return False
    if goal.target is None or cand.target is None:
        return goal.target is None and cand.target is None
    if goal.comparator is not cand.comparator:
        return False
    unit_a, unit_b = parse_unit(goal.unit), parse_unit(cand.unit)
    if not unit_a.compatible(unit_b):
        return False
    if abs(unit_a.to_base(goal.target) - unit_b.to_base(cand.target)) > 1e-6 * unit_a.scale:
        return False
    if (goal.target_max is None) != (cand.target_max is None):
        return False
    return (
        goal.target_max is None
        or cand.target_max is None
        or abs(unit_a.to_base(goal.target_max) - unit_b.to_base(cand.target_max))
        <= 1e-6 * unit_a.scale
    )


def score_document(document: str, expected: list[Goal], found: list[Candidate]) -> DocumentScore:
    score = DocumentScore(document, expected, found)
    pairs = []
    for goal in expected:
        for cand in found:
            if same_figure(goal, cand):
                overlap = indicator_overlap(goal.indicator, cand.indicator)
                if overlap >= INDICATOR_OVERLAP:
                    pairs.append((overlap, goal, cand))
    used_goals: set[int] = set()
    used_cands: set[int] = set()
    for _, goal, cand in sorted(pairs, key=lambda p: -p[0]):
        if id(goal) in used_goals or id(cand) in used_cands:
            continue
        used_goals.add(id(goal))
        used_cands.add(id(cand))
        score.matched.append((goal, cand))
    return score


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
        documents.append(score_document(document, goals, found))
    return Report(documents)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("config"))
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    report = measure(args.config)
    for doc in report.documents:
        print(
            f"{doc.document}: expected {len(doc.expected)}, found {len(doc.found)}, "
            f"matched {len(doc.matched)}"
        )
        if args.verbose:
            for goal in doc.missed:
                print(
                    f"  missed: {goal.id} {goal.indicator} {goal.measure.value} "
                    f"{goal.comparator.value} {goal.target} {goal.unit}"
                )
            for cand in doc.extra:
                print(
                    f"  extra:  {cand.indicator} {cand.measure.value} {cand.target_text} "
                    f"| {cand.quote}"
                )
    print(
        f"recall {report.recall:.3f} ({report.matched}/{report.expected}), "
        f"precision {report.precision:.3f} ({report.matched}/{report.found})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
