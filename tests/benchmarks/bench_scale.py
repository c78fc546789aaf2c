"""Benchmark: whole `tracker` processes at national scale, each against a baseline in the same run.

Run by hand (pytest does not collect it):

    .venv/bin/python tests/benchmarks/bench_scale.py [--sizes 6000,20000,60000] [--runs 3]

For each size it generates a project (2,800 entities x ~20 goals at 60,000; one goal file per
entity, quotes verifiable against one generated seed document per entity) and 12 monthly figures
per goal, then times whole processes (median of ``--runs``; peak RSS from ``os.wait4``) of the
tracker commands and of their baselines, and prints a Markdown table with the ratios and, across
sizes, the cost per 1,000 goals (linear when it stays flat).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PY = sys.executable
TRACKER = [PY, "-m", "tracker"]
REPO = Path(__file__).resolve().parents[2]
ENTITIES_AT_60K = 2800
AS_OF = "2025-12-31"

SETTINGS = """\
timezone: Asia/Shanghai
channels:
  console: {type: stdout}
digests:
  - name: all
    title: all goals
    schedule: "0 9 * * *"
    channels: [console]
"""

# Baselines: the least a program must do for the same result, run as whole processes too.
PARSE_VALIDATE = """\
import sys, yaml
from pathlib import Path
from tracker.domain.goals import Goal
n = 0
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    defaults = data.get("defaults") or {}
    for entry in data["goals"]:
        merged = {**defaults, **{k: v for k, v in entry.items() if k != "quote"}}
        merged["source"] = {**defaults.get("source", {}), "quote": entry["quote"]}
        Goal.model_validate(merged)
        n += 1
print(n)
"""
CSV_EXECUTEMANY = """\
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[2])
conn.execute("CREATE TABLE f (goal, period, value REAL, unit, source, published, note)")
with conn, open(sys.argv[1], newline="", encoding="utf-8") as fh:
    reader = csv.reader(fh)
    next(reader)
    conn.executemany("INSERT INTO f VALUES (?, ?, ?, ?, ?, ?, ?)", reader)
"""
SQLITE_READ = """\
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT goal, period, period_end, value, unit, published FROM figures"
    " WHERE visible_from <= ? ORDER BY goal, period_end, id", (sys.argv[2],)
).fetchall()
print(len(rows))
"""


@dataclass
class Timing:
    seconds: float
    rss_mb: float


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> Timing:
    """One whole process: wall time and its own peak RSS (``os.wait4``, not the children sum)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=out)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            out.seek(0)
            tail = out.read()[-2000:].decode("utf-8", "replace")
            raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{tail}")
    return Timing(elapsed, usage.ru_maxrss / 1024)


def median_of(runs: int, once: Callable[[], Timing]) -> Timing:
    timings = [once() for _ in range(runs)]
    return Timing(statistics.median(t.seconds for t in timings), max(t.rss_mb for t in timings))


def generate(root: Path, goals: int) -> Path:
    """A project of ``goals`` goals in one file per entity; returns the figures CSV."""
    entities = max(1, round(goals * ENTITIES_AT_60K / 60_000))
    (root / "config" / "goals").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "config" / "tracker.yaml").write_text(SETTINGS, encoding="utf-8")
    figures = root / "figures.csv"
    with figures.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["goal", "period", "value", "unit", "source", "published", "note"])
        for e in range(entities):
            count = goals // entities + (e < goals % entities)
            _entity(root, e, count, writer)
    return figures


def _entity(root: Path, e: int, count: int, writer: Any) -> None:
    seed = f"seeds/entity-{e:04d}.txt"
    lines, quotes = [], []
    for g in range(count):
        gid = f"e{e:04d}-g{g:02d}"
        kind, target = g % 3, 5 + g % 7
        if kind == 0:
            quote, spec, unit = f"指标{g}增长{target}%", f'target: "≥ {target}%"', "%"
        elif kind == 1:
            quote = f"指标{g}全年完成{target * 20}亿元"
            spec, unit = f'measure: total\n    target: "≥ {target * 20} 亿元"', "亿元"
        else:
            quote = f"指标{g}达到{target * 100}家"
            spec, unit = f'measure: level\n    target: "≥ {target * 100} 家"', "家"
        quotes.append(quote)
        lines.append(f"  - id: {gid}\n    indicator: 指标{g}\n    {spec}\n    quote: {quote}\n")
        for month in range(1, 13):
            value = _value(kind, target, month, e + g)
            published = f"{2025 + (month == 12)}-{month % 12 + 1:02d}-20"
            writer.writerow([gid, f"2025-{month:02d}", value, unit, "bench", published, ""])
    (root / seed).write_text("。".join(quotes) + "。\n", encoding="utf-8")
    head = (
        f"defaults:\n  entity: 县{e:04d}\n  year: 2025\n  tags: [省{e % 31:02d}]\n"
        f"  source: {{document: {seed}, url: https://example.gov.cn/{e}.html}}\ngoals:\n"
    )
    (root / "config" / "goals" / f"entity-{e:04d}.yaml").write_text(
        head + "".join(lines), encoding="utf-8"
    )


def _value(kind: int, target: int, month: int, salt: int) -> str:
    wobble = 0.8 + (salt * 7 + month * 3) % 9 / 20
    if kind == 0:
        return f"{target * wobble:.2f}"
    if kind == 1:
        return f"{target * 20 * month / 12 * wobble:.2f}"
    return f"{target * 80 + target * 20 * month / 12 * wobble:.0f}"


@dataclass
class Row:
    step: str
    ours: Timing
    base: Timing | None
    base_name: str


def bench_size(goals: int, runs: int) -> list[Row]:
    work = Path(tempfile.mkdtemp(prefix=f"bench-scale-{goals}-"))
    try:
        return _bench_in(work, goals, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _bench_in(work: Path, goals: int, runs: int) -> list[Row]:
    figures = generate(work, goals)
    env = {**os.environ, "TRACKER_CONFIG": str(work / "config"), "PYTHONPATH": str(REPO)}
    env.pop("TRACKER_DATABASE", None)
    db = work / "var" / "tracker.db"
    goals_dir = str(work / "config" / "goals")

    def tracker(*args: str) -> Callable[[], Timing]:
        return lambda: run([*TRACKER, *args], work, env)

    def script(code: str, *args: str) -> Callable[[], Timing]:
        return lambda: run([PY, "-c", code, *args], work, env)

    def fresh_import() -> Timing:
        shutil.rmtree(work / "var", ignore_errors=True)
        return run([*TRACKER, "figures", "import", str(figures)], work, env)

    def fresh_baseline_import() -> Timing:
        target = work / "baseline.db"
        target.unlink(missing_ok=True)
        return run([PY, "-c", CSV_EXECUTEMANY, str(figures), str(target)], work, env)

    rows: list[Row] = []

    def add(step: str, ours: Callable[[], Timing], base: Callable[[], Timing] | None, name: str):
        base_t = median_of(runs, base) if base else None
        rows.append(Row(step, median_of(runs, ours), base_t, name))
        print(f"  {goals}: {step} done", file=sys.stderr, flush=True)

    shutil.rmtree(work / "var" / "cache", ignore_errors=True)
    cold_check = lambda: (  # noqa: E731 - each run starts without the config cache
        shutil.rmtree(work / "var" / "cache", ignore_errors=True),
        run([*TRACKER, "check"], work, env),
    )[1]
    add("`tracker check`", cold_check, script(PARSE_VALIDATE, goals_dir), "CSafeLoader+pydantic")
    add("repeat `tracker check`", tracker("check"), script(PARSE_VALIDATE, goals_dir), "same")
    add("`tracker figures import`", fresh_import, fresh_baseline_import, "csv+executemany")
    read = script(SQLITE_READ, str(db), AS_OF)
    add(
        "`tracker evaluate --json`",
        tracker("evaluate", "--json", "--as-of", AS_OF),
        read,
        "sqlite3 read",
    )
    add(
        "`tracker digest show`",
        tracker("digest", "show", "all", "--as-of", AS_OF),
        read,
        "sqlite3 read",
    )
    out = str(work / "site")
    add("`tracker report`", tracker("report", "--out", out, "--as-of", AS_OF), read, "sqlite3 read")
    return rows


def shipped_goals(runs: int) -> list[Row]:
    env = {**os.environ, "TRACKER_CONFIG": str(REPO / "config"), "PYTHONPATH": str(REPO)}
    rows = []
    for step, argv in (
        ("cold `tracker goals` (shipped)", [*TRACKER, "goals"]),
        ("`tracker check` (shipped)", [*TRACKER, "check"]),
        ("`tracker --help`", [*TRACKER, "--help"]),
    ):
        ours = median_of(runs, lambda argv=argv: run(argv, REPO, env))
        base = median_of(runs, lambda: run([PY, "-c", "pass"], REPO, env))
        rows.append(Row(step, ours, base, "python -c pass"))
    return rows


def table(title: str, rows: list[Row]) -> str:
    out = [f"\n### {title}\n", "| step | tracker | baseline | ratio |", "|---|---|---|---|"]
    for r in rows:
        ours = f"{r.ours.seconds:.2f} s, {r.ours.rss_mb:.0f} MB"
        if r.base is None:
            out.append(f"| {r.step} | {ours} | — | — |")
            continue
        base = f"{r.base_name}: {r.base.seconds:.2f} s, {r.base.rss_mb:.0f} MB"
        out.append(f"| {r.step} | {ours} | {base} | {r.ours.seconds / r.base.seconds:.1f}× |")
    return "\n".join(out)


def linear(results: dict[int, list[Row]]) -> str:
    sizes = sorted(results)
    out = ["\n### Cost per 1,000 goals (flat = linear)\n"]
    out.append("| step | " + " | ".join(f"{s:,}" for s in sizes) + " |")
    out.append("|---|" + "---|" * len(sizes))
    for i, r in enumerate(results[sizes[0]]):
        cells = [f"{results[s][i].ours.seconds / s * 1000:.3f} s" for s in sizes]
        out.append(f"| {r.step} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="6000,20000,60000", help="goal counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per step (median)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(table("Shipped config (61 goals)", shipped_goals(args.runs)))
    results = {}
    for size in sizes:
        results[size] = bench_size(size, args.runs)
        print(table(f"{size:,} goals, {size * 12:,} figures", results[size]), flush=True)
    if len(sizes) > 1:
        print(linear(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
