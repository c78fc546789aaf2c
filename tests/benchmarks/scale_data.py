"""A national-scale project on disk: goal files of 20 goals per county, seeds, monthly figures.

Used by bench_scale.py. ``make_project(root, goals)`` writes ``goals / 20`` goal files (one per
county-level unit, as a national deployment keeps them), a seed document per file that quotes
every target, and ``figures.csv`` with 12 monthly cumulative figures per goal.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

PER_FILE = 20
MONTHS = 12
AS_OF = date(2025, 12, 31)
# (indicator, compact target, quote template, figure unit, monthly value) per goal of a file.
KINDS = (
    ("地区生产总值", '"≥ 6%"', "地区生产总值增长6%", "%", lambda m, r: 5.5 + r.random()),
    ("固定资产投资", '"≥ 11%"', "固定资产投资增长11%", "%", lambda m, r: 9 + 3 * r.random()),
    ("引进项目", '"≥ 80 个"', "引进项目不少于80个", "个", lambda m, r: 6 * m + r.randint(0, 5)),
    ("投资额", '"≥ 180 亿元"', "投资额不低于180亿元", "亿元", lambda m, r: 14.5 * m + r.random()),
    ("高新技术企业", '"≥ 500 家"', "高新技术企业达到500家", "家", lambda m, r: 400 + 8 * m),
)


def _goal_lines(unit: int, index: int) -> str:
    indicator, target, quote, _, _ = KINDS[index % len(KINDS)]
    measure = "\n    measure: level\n    baseline: {value: 400}" if index % 5 == 4 else ""
    return (
        f"  - id: u{unit:05d}-{index:02d}\n"
        f"    indicator: {indicator}第{index}项\n"
        f"    target: {target}{measure}\n"
        f"    quote: {quote}\n"
    )


def make_project(root: Path, goals: int, seed: int = 7) -> tuple[Path, Path]:
    """Write the project under ``root``; return (config folder, figures.csv)."""
    (root / "config" / "goals").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    units = goals // PER_FILE
    for unit in range(units):
        quotes = "，".join(kind[2] for kind in KINDS)
        (root / "seeds" / f"u{unit:05d}.txt").write_text(f"2025年主要目标：{quotes}。\n", "utf-8")
        body = "".join(_goal_lines(unit, index) for index in range(PER_FILE))
        (root / "config" / "goals" / f"u{unit:05d}.yaml").write_text(
            f"defaults:\n  entity: 县{unit:05d}\n  year: 2025\n"
            f"  source:\n    document: seeds/u{unit:05d}.txt\ngoals:\n{body}",
            "utf-8",
        )
    figures = root / "figures.csv"
    rng = random.Random(seed)
    with figures.open("w", encoding="utf-8") as out:
        out.write("goal,period,value,unit,source,published,note\n")
        for unit in range(units):
            for index in range(PER_FILE):
                _, _, _, fig_unit, value = KINDS[index % len(KINDS)]
                for month in range(1, MONTHS + 1):
                    published = date(2025, month, 28) + timedelta(days=20)
                    out.write(
                        f"u{unit:05d}-{index:02d},2025-{month:02d},{value(month, rng):.2f},"
                        f"{fig_unit},统计局,{published.isoformat()},\n"
                    )
    return root / "config", figures
