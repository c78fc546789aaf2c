"""Benchmark: whole `tracker` processes at national scale, each against a baseline run alongside.

Run by hand (pytest does not collect it):

    .venv/bin/python tests/benchmarks/bench_scale.py [--sizes 6000 20000 60000] [--runs 3]

For each size it writes a project (bench scale_data.py: 20 goals per file, 12 monthly figures
per goal) and times, as separate processes, median of ``--runs``, with peak RSS:

- ``tracker check`` (cold: no cache) against parsing every file with libyaml's CSafeLoader and
  validating each goal with pydantic; ``tracker check`` again with nothing changed;
- ``tracker figures import`` into a fresh store against ``csv`` + ``sqlite3.executemany`` in
  one transaction;
- ``tracker evaluate --json`` against reading the figures visible on the as-of day with
  ``sqlite3``;

and once, on the shipped config, cold ``tracker goals`` and ``tracker --help`` against
``python -c pass``. It prints one line per step: times, ratio, memory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from scale_data import AS_OF, make_project

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
TRACKER = [PYTHON, "-m", "tracker"]

BASELINE_CHECK = """
import sys, yaml
from pathlib import Path
from tracker.domain.goals import Goal
for path in sorted(Path(sys.argv[1]).glob("goals/*.yaml")):
    data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    defaults = data.get("defaults") or {}
    for entry in data["goals"]:
        merged = {**defaults, **entry}
        merged["source"] = {**defaults.get("source", {}), "quote": merged.pop("quote")}
        Goal.model_validate(merged)
"""
BASELINE_IMPORT = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("create table f (goal, period, value, unit, source, published, note)")
with open(sys.argv[1], encoding="utf-8", newline="") as handle, db:
    rows = csv.reader(handle)
    next(rows)
    db.executemany("insert into f values (?, ?, ?, ?, ?, ?, ?)", rows)
"""
BASELINE_EVALUATE = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute(
    "select goal, period_end, value, unit, published from figures "
    "where visible_from <= ? order by goal, period_end, visible_from, id", (sys.argv[2],)
).fetchall()
print(len(rows))
"""


def run(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one process; it must succeed."""
    with tempfile.TemporaryFile() as errors:  # a pipe could fill up and stall the process
        start = time.perf_counter()
        process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed: {errors.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def median_of(runs: int, once: Callable[[], tuple[float, float]]) -> tuple[float, float]:
    results = [once() for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def line(step: str, ours: tuple[float, float], base: tuple[float, float] | None) -> None:
    ratio = f"{ours[0] / base[0]:5.2f}×" if base else "    —"
    base_text = f"{base[0]:7.2f} s" if base else "      —"
    print(f"{step:<44} {ours[0]:7.2f} s {ours[1]:7.0f} MiB | baseline {base_text} | {ratio}")


def bench_size(goals: int, runs: int) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"bench-{goals}-"))
    try:
        config, figures = make_project(work, goals)
        env = {**os.environ, "TRACKER_CONFIG": str(config), "PYTHONPATH": str(REPO)}
        store = work / "var" / "tracker.db"
        env["TRACKER_DATABASE"] = str(store)
        print(f"--- {goals:,} goals, {goals * 12:,} figures")

        def cold_check() -> tuple[float, float]:
            shutil.rmtree(work / "var", ignore_errors=True)
            return run([*TRACKER, "check"], env, work)

        base = median_of(runs, lambda: run([PYTHON, "-c", BASELINE_CHECK, str(config)], env, work))
        line("tracker check (cold)", median_of(runs, cold_check), base)
        run([*TRACKER, "check"], env, work)
        line(
            "tracker check (nothing changed)",
            median_of(runs, lambda: run([*TRACKER, "check"], env, work)),
            None,
        )

        def fresh_import() -> tuple[float, float]:
            store.unlink(missing_ok=True)
            return run([*TRACKER, "figures", "import", str(figures)], env, work)

        def baseline_import() -> tuple[float, float]:
            (work / "base.db").unlink(missing_ok=True)
            return run(
                [PYTHON, "-c", BASELINE_IMPORT, str(figures), str(work / "base.db")], env, work
            )

        line(
            "tracker figures import (fresh store)",
            median_of(runs, fresh_import),
            median_of(runs, baseline_import),
        )
        as_of = AS_OF.isoformat()
        evaluate = [*TRACKER, "evaluate", "--json", "--as-of", as_of]
        base = median_of(
            runs, lambda: run([PYTHON, "-c", BASELINE_EVALUATE, str(store), as_of], env, work)
        )
        line("tracker evaluate --json", median_of(runs, lambda: run(evaluate, env, work)), base)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_start(runs: int) -> None:
    env = {**os.environ, "TRACKER_CONFIG": str(REPO / "config"), "PYTHONPATH": str(REPO)}
    env.pop("TRACKER_DATABASE", None)
    base = median_of(runs, lambda: run([PYTHON, "-c", "pass"], env, REPO))
    print("--- start-up on the shipped config")
    for argv in (["goals"], ["check"], ["--help"]):
        command = [*TRACKER, *argv]
        line(
            f"tracker {' '.join(argv)}", median_of(runs, lambda c=command: run(c, env, REPO)), base
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[6000, 20000, 60000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bench_start(max(args.runs, 5))
    for size in args.sizes:
        bench_size(size, args.runs)


if __name__ == "__main__":
    main()
