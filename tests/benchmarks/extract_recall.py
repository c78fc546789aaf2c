"""Recall and precision of `tracker extract` on the seeds and on the development corpus.

Seeds: every goals file of config/goals/ quotes a seed document; the document is run through the
extractor and each shipped goal is matched with at most one extracted goal.

Corpus (tests/data/articles/): every passage ``NNN_slug.txt`` has a hand-checked gold list
``NNN_slug.gold.yaml`` (see CONVENTIONS.md there). The corpus is split by file number into sets
(see :func:`set_of`): of 001-068 the odd numbers are ``dev`` (read while writing rules) and the
even ones ``check`` (only measured); of 069 on, every third passage is ``dev2-blind`` (only
measured) and the others ``dev2`` (read while writing rules). ``--verbose`` lists the misses of
the sets read while writing rules unless ``--set`` names another.

A proposed goal matches a gold target when measure, comparator, target, target_max, stretch and
unit agree (a unit is compared by value: 2 万人 = 20000 人) and it is about the same thing: its
indicator is close (most characters of the shorter canonical name occur in the other) or its
quote overlaps the gold quote. Each gold target and each proposal is matched at most once, so a
figure read with the wrong semantics counts as a miss and as a false positive. A proposal tagged
``forecast`` (预计…: an estimate the reader is told is one) is no proposed target: it is counted
apart, neither matched nor false.

Run from the project root:

    .venv/bin/python tests/benchmarks/extract_recall.py [--verbose] [--set SET] [--only PATTERN]
        [--timing]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from recall_scoring import (  # the module beside this script
    DocumentScore,
    Expected,
    Report,
    error_table,
    score_document,
)

from tracker.config.project import load_project
from tracker.domain.goals import Goal
from tracker.extract import decode_article, extract

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "articles"
SPEED_CHARS = 20_000
SETS = ("dev", "dev2", "check", "dev2-blind")
READ_SETS = ("dev", "dev2")  # the sets whose passages rules were written on
FIRST_DEV2 = 69  # the first passage of the second development corpus


def set_of(number: int) -> str:
    """The set of corpus passage ``number``: dev / check alternate up to 068, then every third
    passage from 069 on is held out (dev2-blind: 071, 074, …)."""
    if number < FIRST_DEV2:
        return "dev" if number % 2 else "check"
    return "dev2-blind" if (number - FIRST_DEV2) % 3 == 2 else "dev2"


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
    def set(self) -> str:
        return set_of(self.number)

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


def subset(report: Report, *names: str) -> Report:
    """The documents of a corpus report that belong to the sets ``names`` (see :func:`set_of`)."""
    return Report([d for d in report.documents if set_of(int(d.document[:3])) in names])


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


def shape_table(report: Report, sets: Sequence[str] = SETS) -> list[str]:
    """Per shape, all passages of ``sets``, then each set (recall / precision (targets))."""
    head = "".join(f" {name}: recall / precision |" for name in sets)
    lines = [
        f"| shape | targets | recall | precision |{head}",
        "|---|---:|---:|---:|" + "---:|" * len(sets),
    ]
    per_set = [{row[0]: row for row in shape_rows(subset(report, name))} for name in sets]
    for shape, n, recall, precision in shape_rows(subset(report, *sets)):
        cells = ""
        for rows in per_set:
            row = rows.get(shape)
            cells += f" {_pct(row[2])} / {_pct(row[3])} ({row[1]}) |" if row else " – |"
        lines.append(f"| {shape} | {n} | {_pct(recall)} | {_pct(precision)} |{cells}")
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
    parser.add_argument(
        "--set", choices=SETS, action="append", help="with --verbose: list this set (repeatable)"
    )
    parser.add_argument(
        "--sets", default=",".join(SETS), help="the corpus sets the tables show (comma-separated)"
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and extras")
    parser.add_argument("--timing", action="store_true", help="time a 20,000-character article")
    args = parser.parse_args(argv)
    seeds = measure(args.config)
    corpus = measure_corpus(args.corpus, args.only)
    shown = [name for name in args.sets.split(",") if name in SETS]
    if args.verbose:
        listed = subset(corpus, *(args.set or READ_SETS))
        for doc in seeds.documents + listed.documents:
            print("\n".join(_describe(doc)))
        print()
    rows = [("seeds", seeds)] + [(f"corpus, {name}", subset(corpus, name)) for name in shown]
    held_out = [name for name in shown if name not in READ_SETS]
    if held_out:
        rows.append((f"corpus, held out ({' + '.join(held_out)})", subset(corpus, *held_out)))
    rows.append(("corpus, all shown", subset(corpus, *shown)))
    print("\n".join(summary_table(rows)))
    print()
    print("\n".join(error_table(rows[1:])))
    print()
    print("\n".join(shape_table(corpus, shown)))
    if args.timing:
        chars, seconds = timing(args.corpus)
        print(f"\nextract() on a {chars:,}-character article: {seconds:.3f} s (best of 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
