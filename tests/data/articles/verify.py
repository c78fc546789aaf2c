#!/usr/bin/env python3
"""Check the development corpus: every gold quote is an exact substring of its passage.

Usage:  python3 verify.py [DIR]      (DIR defaults to the directory of this script)

For every NNN_<slug>.txt there must be NNN_<slug>.gold.yaml (and vice versa). The script
checks the metadata header (Title/URL/Date lines, then a blank line), that every quote in
``targets`` and ``excluded`` occurs verbatim in the passage body, that the fields use the
vocabulary of CONVENTIONS.md, and prints counts per shape, per measure, per comparator and
per passage. Exit status 1 if anything is wrong.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

MEASURES = {"growth", "total", "level", "milestone"}
COMPARATORS = {"at_least", "more_than", "at_most", "about", "between"}
SHAPES = {
    "line_list",
    "minsheng",
    "chinese_numeral",
    "multi_clause",
    "forecast_mixed",
    "range",
    "yu",
    "stretch",
    "half_year",
    "horizon",
    "level",
    "two_digit",
    "traditional",
    "pinyin",
    "table",
    "noise",
    "multi_entity",
}
LEVELS = {"national", "province", "city", "county", "zone"}
META = re.compile(r"^(Title|URL|Date): ?(.*)$")


def split_passage(text: str) -> tuple[dict[str, str], str]:
    lines = text.split("\n")
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines) and META.match(lines[i]):
        key, value = META.match(lines[i]).groups()
        meta[key] = value
        i += 1
    if i >= len(lines) or lines[i] != "":
        raise ValueError("metadata must be followed by one blank line")
    return meta, "\n".join(lines[i + 1 :])


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    texts = sorted(root.glob("[0-9][0-9][0-9]_*.txt"))
    golds = sorted(root.glob("[0-9][0-9][0-9]_*.gold.yaml"))
    errors: list[str] = []
    by_shape: Counter[str] = Counter()
    by_measure: Counter[str] = Counter()
    by_comparator: Counter[str] = Counter()
    passages_by_shape: Counter[str] = Counter()
    by_level: Counter[str] = Counter()
    n_targets = n_excluded = 0
    rows = []

    gold_stems = {g.name[: -len(".gold.yaml")] for g in golds}
    text_stems = {t.name[: -len(".txt")] for t in texts}
    for stem in sorted(text_stems - gold_stems):
        errors.append(f"{stem}.txt: no gold file")
    for stem in sorted(gold_stems - text_stems):
        errors.append(f"{stem}.gold.yaml: no passage file")

    for txt in texts:
        stem = txt.name[: -len(".txt")]
        gold_path = root / f"{stem}.gold.yaml"
        if not gold_path.exists():
            continue
        raw = txt.read_text(encoding="utf-8")
        try:
            meta, body = split_passage(raw)
        except ValueError as exc:
            errors.append(f"{txt.name}: {exc}")
            continue
        for key in ("Title", "URL", "Date"):
            if key not in meta:
                errors.append(f"{txt.name}: missing {key}: line")
        date = meta.get("Date", "None")
        if date != "None" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            errors.append(f"{txt.name}: Date must be YYYY-MM-DD or None, got {date!r}")
        if not 300 <= len(body) <= 3000:
            errors.append(f"{txt.name}: passage is {len(body)} characters (want 300-3000)")
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        for key in ("entity", "year", "level", "shapes", "targets", "excluded"):
            if key not in gold:
                errors.append(f"{gold_path.name}: missing key {key!r}")
        if gold.get("level") not in LEVELS:
            errors.append(f"{gold_path.name}: level {gold.get('level')!r} not in {sorted(LEVELS)}")
        bad = set(gold.get("shapes") or []) - SHAPES
        if bad:
            errors.append(f"{gold_path.name}: unknown passage shapes {sorted(bad)}")
        for shape in set(gold.get("shapes") or []):
            passages_by_shape[shape] += 1
        by_level[gold.get("level")] += 1
        targets = gold.get("targets") or []
        excluded = gold.get("excluded") or []
        for n, t in enumerate(targets, 1):
            where = f"{gold_path.name}: target {n}"
            quote = t.get("quote")
            if not quote or quote not in body:
                errors.append(f"{where}: quote not found in passage: {quote!r}")
            if t.get("measure") not in MEASURES:
                errors.append(f"{where}: measure {t.get('measure')!r}")
            if t.get("comparator") not in COMPARATORS:
                errors.append(f"{where}: comparator {t.get('comparator')!r}")
            if t.get("measure") != "milestone" and not isinstance(t.get("target"), (int, float)):
                errors.append(f"{where}: target must be a number, got {t.get('target')!r}")
            if t.get("comparator") == "between":
                if not isinstance(t.get("target_max"), (int, float)):
                    errors.append(f"{where}: between needs target_max")
            elif t.get("target_max") is not None:
                errors.append(f"{where}: target_max only with between")
            if t.get("stretch") is not None and not isinstance(t.get("stretch"), (int, float)):
                errors.append(f"{where}: stretch must be a number or null")
            if not t.get("indicator"):
                errors.append(f"{where}: no indicator")
            if t.get("measure") != "milestone" and not t.get("unit"):
                errors.append(f"{where}: no unit")
            shapes = t.get("shapes") or []
            bad = set(shapes) - SHAPES
            if bad:
                errors.append(f"{where}: unknown shapes {sorted(bad)}")
            missing = set(shapes) - set(gold.get("shapes") or [])
            if missing:
                errors.append(f"{where}: shapes {sorted(missing)} not in the passage's shapes")
            for shape in shapes:
                by_shape[shape] += 1
            by_measure[t.get("measure")] += 1
            by_comparator[t.get("comparator")] += 1
        for n, e in enumerate(excluded, 1):
            quote = e.get("quote")
            if not quote or quote not in body:
                errors.append(f"{gold_path.name}: excluded {n}: quote not found: {quote!r}")
            if not e.get("why"):
                errors.append(f"{gold_path.name}: excluded {n}: no 'why'")
        n_targets += len(targets)
        n_excluded += len(excluded)
        rows.append((stem, gold.get("level"), len(targets), len(excluded), len(body)))

    print(
        f"passages: {len(rows)}   gold targets: {n_targets}   excluded (non-targets): {n_excluded}"
    )
    print("\nper passage:")
    for stem, level, nt, ne, length in rows:
        print(f"  {stem:<44} {level!s:<9} targets {nt:>3}  excluded {ne:>3}  chars {length:>5}")
    print("\npassages per level:", dict(sorted(by_level.items(), key=lambda kv: str(kv[0]))))
    print("\ngold targets per shape (a target may show several shapes):")
    for shape in sorted(SHAPES):
        print(
            f"  {shape:<16} {by_shape[shape]:>4} targets   "
            f"in {passages_by_shape[shape]:>3} passages"
        )
    print("\nper measure:   ", dict(by_measure))
    print("per comparator:", dict(by_comparator))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nall quotes found; no problems.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
