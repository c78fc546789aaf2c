"""The mistakes table of test_mistakes: a project to spoil, and each mistake as a Case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SEED = (
    "2025年主要预期目标：规模以上工业增加值增长7%，引进项目不少于80个，经济增长6%左右。"
    "力争新引进超亿元项目不少于50个。\n"
)
GOALS = """\
defaults:
  entity: 测试区
  year: 2025
  source:
    document: seeds/doc.txt
goals:
  - id: iva
    indicator: 规模以上工业增加值
    target: "≥ 7%"
    quote: 规模以上工业增加值增长7%
  - id: projects
    indicator: 引进项目
    target: "≥ 80 个"
    quote: 引进项目不少于80个
"""
SETTINGS = """\
timezone: Asia/Shanghai
channels:
  box: {type: file, path: var/outbox}
digests:
  - name: daily
    schedule: "0 9 * * *"
    channels: [box]
"""
FIGURES = "goal,period,value,unit,source,published,note\n"
GOAL_FILE = "config/goals/g.yaml"
SETTINGS_FILE = "config/tracker.yaml"
# Words of the parsers and validators underneath, never to be shown to users.
JARGON = (
    "Traceback",
    "Input should",
    "String should",
    "pydantic",
    "errors.pydantic.dev",
    "expected <block end>",
    "found character",
    "could not find expected",
    "while scanning",
    "ValidationError",
    "RecursionError",
    "sqlalchemy",
)


@dataclass(frozen=True)
class Case:
    """One mistake: files to write (on top of the good project), the command, the line."""

    name: str
    files: dict[str, str | Callable[[str], str]]
    where: str  # PATH:LINE (or PATH) the one line starts with
    says: str  # the plain words it says
    args: tuple[str, ...] = ("check",)
    extra: dict[str, bytes] = field(default_factory=dict)

    def write(self, root: Path) -> None:
        for relative, content in self.files.items():
            path = root / relative
            text = content(path.read_text("utf-8")) if callable(content) else content
            path.write_text(text, "utf-8")
        for relative, data in self.extra.items():
            (root / relative).write_bytes(data)

    @staticmethod
    def is_summary(line: str) -> bool:
        return line.endswith("problem(s) found") or "nothing imported" in line


def goal(name: str, old: str, new: str, line: int, says: str) -> Case:
    """A mistake made by editing the goal file: ``old`` replaced by ``new`` (once)."""

    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return Case(name, {GOAL_FILE: edit}, f"{GOAL_FILE}:{line}", says)


def setting(name: str, old: str, new: str, line: int, says: str) -> Case:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return Case(name, {SETTINGS_FILE: edit}, f"{SETTINGS_FILE}:{line}", says)


def figures(name: str, rows: str, line: int | None, says: str, header: str = FIGURES) -> Case:
    where = "figures.csv" if line is None else f"figures.csv:{line}"
    return Case(
        name, {"figures.csv": header + rows}, where, says, ("figures", "import", "figures.csv")
    )


CASES: list[Case] = [
    # -- YAML syntax ------------------------------------------------------------------------
    goal("unclosed-quote", 'target: "≥ 7%"', 'target: "≥ 7%', 9, "unclosed quote opened on line 9"),
    goal("unclosed-single-quote", "quote: 引进项目", "quote: '引进项目", 14, "unclosed quote"),
    goal(
        "tab-indent", "    indicator: 引进项目", "\tindicator: 引进项目", 12, "indent with spaces"
    ),
    goal(
        "full-width-colon",
        "indicator: 引进项目",
        "indicator：引进项目",
        12,
        "full-width colon '：'",
    ),
    goal(
        "no-space-after-colon", "indicator: 引进项目", "indicator:引进项目", 12, "space after ':'"
    ),
    goal(
        "forgotten-dash", "  - id: projects", "    id: projects", 11, "start a new item with '- '"
    ),
    goal(
        "colon-in-value",
        "quote: 引进项目不少于80个",
        "quote: 目标: 引进项目",
        14,
        "put it in quotes",
    ),
    goal("unclosed-bracket", "year: 2025", "year: 2025\n  tags: [珠海, 经开区", 4, "unclosed '['"),
    goal("dash-without-space", "  - id: projects", "  -id: projects", 11, "space after '-'"),
    goal("text-after-quote", 'target: "≥ 7%"', 'target: "≥ 7"%', 9, "text after the closing quote"),
    goal("bad-indent", '    target: "≥ 80 个"', '      target: "≥ 80 个"', 13, "indentation"),
    goal(
        "anchor", "entity: 测试区", "entity: &e 测试区\n  entity_en: *e", 2, "anchors and aliases"
    ),
    goal("unknown-tag", "year: 2025", "year: !int 2025", 3, "unknown YAML tag '!int'"),
    # -- fields -----------------------------------------------------------------------------
    goal(
        "field-typo",
        "    indicator: 引进项目",
        "    indicatr: 引进项目",
        12,
        "did you mean 'indicator'",
    ),
    goal("top-level-typo", "goals:", "goal:", 6, "did you mean 'goals'"),
    goal("id-with-capitals", "id: projects", "id: Projects 2025", 11, "write e.g. 'projects-2025'"),
    goal("measure-typo", '"≥ 80 个"', '"≥ 80 个"\n    measure: totl', 14, "did you mean 'total'"),
    goal(
        "comparator-typo",
        '"≥ 80 个"',
        "80\n    unit: 个\n    comparator: atleast",
        15,
        "'at_least'",
    ),
    goal("unknown-unit", '"≥ 80 个"', '"≥ 80 只猫"', 13, "unknown unit '只猫'"),
    goal("unreadable-target", '"≥ 80 个"', '"about eighty"', 13, "cannot read target"),
    goal("growth-not-percent", '"≥ 80 个"', '"≥ 80 个"\n    measure: growth', 13, "is in %"),
    goal(
        "between-no-max", '"≥ 80 个"', "80\n    unit: 个\n    comparator: between", 11, "target_max"
    ),
    goal("range-backwards", '"≥ 80 个"', '"90-80 个"', 13, "must be above target"),
    goal("stretch-below", '"≥ 80 个"', '"≥ 80 个"\n    stretch: 70', 14, "must be above target"),
    goal(
        "milestone-target",
        '"≥ 80 个"',
        '"≥ 80 个"\n    measure: milestone',
        13,
        "a milestone has no",
    ),
    goal(
        "negative-tolerance", '"≥ 80 个"', '"≥ 80 个"\n    tolerance: -1', 14, "must be at least 0"
    ),
    goal("tags-not-list", "year: 2025", "year: 2025\n  tags: 珠海", 4, "expected a list of tags"),
    goal("year-out-of-range", "year: 2025", "year: 20225", 3, "must be at most 2100"),
    goal("year-in-words", "year: 2025", "year: 二〇二五", 3, "expected a whole number"),
    goal(
        "impossible-date", '"≥ 80 个"', '"≥ 80 个"\n    deadline: 2025-02-30', 14, "has no day 30"
    ),
    goal("deadline-month-13", '"≥ 80 个"', '"≥ 80 个"\n    deadline: 2025/13/01', 14, "month 13"),
    goal(
        "javascript-url",
        "document: seeds/doc.txt",
        "document: seeds/doc.txt\n    url: javascript:alert(1)",
        6,
        "https:// or http://",
    ),
    goal("duplicate-id", "id: projects", "id: iva", 11, "duplicate id 'iva'"),
    # -- quotes -----------------------------------------------------------------------------
    goal(
        "quote-not-found",
        "quote: 引进项目不少于80个",
        "quote: 引进项目不少于90个",
        14,
        "quote not found",
    ),
    goal("target-typo", '"≥ 80 个"', '"≥ 8 个"', 14, "the quote states 80个, not the target 8个"),
    goal(
        "unit-disagrees",
        'target: "≥ 80 个"\n    quote: 引进项目不少于80个',
        'target: "≥ 50%"\n    quote: 新引进超亿元项目不少于50个',
        14,
        "the quote states 50个, but the target is 50%; write the unit",
    ),
    goal("document-missing", "seeds/doc.txt", "seeds/dco.txt", 5, "did you mean 'seeds/doc.txt'"),
    # -- config/tracker.yaml ----------------------------------------------------------------
    setting("channel-type", "type: file", "type: wechat", 3, "did you mean 'wecom'"),
    setting("time-zone", "Asia/Shanghai", "Asia/Beijing", 1, "unknown time zone"),
    setting("unknown-channel", "channels: [box]", "channels: [bx]", 7, "unknown channel 'bx'"),
    setting("bad-cron", '"0 9 * * *"', '"every day"', 6, "5-field cron"),
    setting(
        "missing-variable", "path: var/outbox", 'path: "${OUTBOX_DIR}"', 3, "OUTBOX_DIR is not set"
    ),
    setting("setting-typo", "timezone:", "timezon:", 1, "did you mean 'timezone'"),
    # -- figure files -----------------------------------------------------------------------
    figures("unknown-goal", "projets,2025-09,63,个,,2025-10-20,\n", 2, "did you mean 'projects'"),
    figures("decimal-comma", "projects,2025-09,6,3,个,,2025-10-20,\n", 2, "cells but the header"),
    figures("malformed-thousands", 'projects,2025-09,"1,5",个,,2025-10-20,\n', 2, "(1,500)"),
    figures("period-month-13", "projects,2025-13,63,个,,2025-10-20,\n", 2, "month 13 is not 1–12"),
    figures("not-cumulative", "projects,2025年3-9月,63,个,,2025-10-20,\n", 2, "cumulative"),
    figures("published-early", "projects,2025-09,63,个,,2025-09-20,\n", 2, "before the period"),
    figures("published-future", "projects,2025-09,63,个,,2099-10-20,\n", 2, "in the future"),
    figures("wrong-unit", "iva,2025-09,7.3,亿元,,2025-10-20,\n", 2, "cannot be converted"),
    figures("negative-count", "projects,2025-09,-3,个,,2025-10-20,\n", 2, "cannot be negative"),
    figures(
        "header-typo", "projects,2025-09,63\n", 1, "did you mean 'value'", "goal,period,vaule\n"
    ),
    figures("wide-header", "", 1, "1,000,000 columns", ",".join(["x"] * 1_000_000) + "\n"),
    figures("bad-date", "projects,2025-09,63,个,,2025-10-32,\n", 2, "has no day 32"),
]
