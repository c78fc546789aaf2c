"""Benchmark: load 60,000 goals' figures from SQLite and evaluate them all.

Run by hand (pytest does not collect it):

    .venv/bin/python tests/benchmarks/bench_evaluate.py [--goals 60000] [--months 12]

Builds Goal objects directly (a mix of growth, total and level goals), writes 12 monthly
figures per goal into a temporary SQLite store through Store.add_figures, then times
``store.figures_as_of`` + ``evaluate_all`` and reports wall time and peak memory (a second,
traced pass with tracemalloc, plus the process's maximum resident set size).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from datetime import date
from pathlib import Path

from tracker.domain.evaluation import EvaluationSettings
from tracker.domain.figures import NewFigure
from tracker.domain.goals import Goal
from tracker.domain.periods import Period
from tracker.evaluate import evaluate_all
from tracker.store.database import Store

AS_OF = date(2026, 3, 1)


def build_goals(count: int) -> list[Goal]:
    source = {"quote": "基准测试"}
    goals = []
    for index in range(count):
        kind = index % 3
        base: dict[str, object] = {
            "id": f"bench-{index:06d}",
            "entity": f"区{index % 50}",
            "indicator": "指标",
            "year": 2025,
            "source": source,
        }
        if kind == 0:
            base.update(target="≥ 6%")
        elif kind == 1:
            base.update(measure="total", target="≥ 180 亿元")
        else:
            base.update(measure="level", target="≥ 500 家", baseline={"value": 400})
        goals.append(Goal.model_validate(base))
    return goals


def build_figures(goals: list[Goal], months: int, rng: random.Random) -> list[NewFigure]:
    figures = []
    for goal in goals:
        for month in range(1, months + 1):
            period = Period.parse(f"2025-{month:02d}")
            published = date(2025 + (month == 12), (month % 12) + 1, 20)
            if goal.measure == "growth":
                value, unit = rng.uniform(3, 9), "%"
            elif goal.measure == "total":
                value, unit = 15 * month * rng.uniform(0.7, 1.3), "亿元"
            else:
                value, unit = 400 + 8 * month * rng.uniform(0.6, 1.4), "家"
            figures.append(NewFigure(goal.id, period, value, unit, published=published))
    return figures


def load_and_evaluate(store: Store, goals: list[Goal]) -> tuple[int, Counter[str]]:
    figures = store.figures_as_of(AS_OF)
    results = evaluate_all(goals, figures, AS_OF, EvaluationSettings())
    return sum(map(len, figures.values())), Counter(r.status.value for r in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=60_000)
    parser.add_argument("--months", type=int, default=12)
    args = parser.parse_args()
    rng = random.Random(20250101)

    started = time.perf_counter()
    goals = build_goals(args.goals)
    figures = build_figures(goals, args.months, rng)
    print(
        f"built {len(goals):,} goals and {len(figures):,} figures "
        f"in {time.perf_counter() - started:.1f}s"
    )

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(url=str(Path(tmp) / "bench.db"))
        started = time.perf_counter()
        with store.begin() as conn:
            store.add_figures(conn, figures, origin="bench")
        size = (Path(tmp) / "bench.db").stat().st_size
        print(f"stored them in {time.perf_counter() - started:.1f}s ({size / 1e6:.0f} MB)")
        del figures

        started = time.perf_counter()
        figures_loaded = store.figures_as_of(AS_OF)
        loaded = time.perf_counter()
        results = evaluate_all(goals, figures_loaded, AS_OF, EvaluationSettings())
        done = time.perf_counter()
        statuses = Counter(r.status.value for r in results)
        print(
            f"load {loaded - started:.2f}s + evaluate {done - loaded:.2f}s "
            f"= {done - started:.2f}s for {len(results):,} goals"
        )
        print("statuses:", dict(statuses))
        del figures_loaded, results

        tracemalloc.start()
        count, _ = load_and_evaluate(store, goals)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak traced memory of load + evaluate: {peak / 2**20:.0f} MiB ({count:,} figures)")
        store.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    print(f"max RSS of the whole run: {rss * scale / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
