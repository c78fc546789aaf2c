"""The static HTML report: an overview page and one page per entity, charts inline.

:func:`build_report` evaluates goals as of a day into a :class:`Report` view model,
:func:`render_report` turns it into pages (file name -> HTML) with the Jinja2 templates in
tracker/templates/report/, and :func:`write_report` writes them into a folder.

Every page stands alone: CSS and SVG are inline, nothing is fetched, and the one small script
(click-to-sort table headers) only enhances a table that is already sorted by severity.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from tracker import __version__
from tracker.config.templates import jinja_environment
from tracker.digest.views import GoalView, goal_view
from tracker.domain.evaluation import EvaluationSettings
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal, Measure
from tracker.domain.periods import Language, Period
from tracker.domain.status import severity
from tracker.evaluate import Progress, current_points, evaluate_all
from tracker.present.statuses import COLORS, LABELS, STATUSES
from tracker.report.svg import FONT_FAMILY, ChartPoint, GoalChart, goal_chart

INDEX = "index.html"
ENTITY_PAGE = "entity-{number}.html"
_ENTITY_PAGE = re.compile(r"^entity-\d+\.html$")

# Worst first: the overview table's default order. no_data is not on the scale: last.

TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "title": "目标进度报告",
        "html_lang": "zh-CN",
        "as_of": "截至",
        "data_period": "数据至",
        "no_figures": "尚无已公布数据",
        "goals_count": "项目标",
        "entities_count": "个主体",
        "entities": "各主体进展",
        "all_goals": "全部目标",
        "entity": "主体",
        "indicator": "指标",
        "target": "目标",
        "latest": "最新数据",
        "progress": "完成进度",
        "projection": "预计",
        "status": "状态",
        "deadline": "截止日期",
        "gap": "差距",
        "stretch": "争取目标",
        "stale": "数据陈旧",
        "source": "来源",
        "published": "发布于",
        "note": "备注",
        "data": "图表数据",
        "period": "期间",
        "value": "数值",
        "pace": "序时进度应达",
        "overview": "返回总览",
        "sort_hint": "表格默认按状态严重程度排序；启用脚本后可点击表头排序。",
        "goals_of": "的目标",
        "footer": "由 target tracker {version} 生成；数据截至上述日期已公布的数字。",
        "skip": "跳到正文",
    },
    "en": {
        "title": "Target progress report",
        "html_lang": "en",
        "as_of": "As of",
        "data_period": "data to",
        "no_figures": "no figures published yet",
        "goals_count": "goals",
        "entities_count": "entities",
        "entities": "Entities",
        "all_goals": "All goals",
        "entity": "Entity",
        "indicator": "Indicator",
        "target": "Target",
        "latest": "Latest",
        "progress": "Progress",
        "projection": "Projection",
        "status": "Status",
        "deadline": "Deadline",
        "gap": "Gap",
        "stretch": "Stretch",
        "stale": "stale",
        "source": "Source",
        "published": "published",
        "note": "Note",
        "data": "Chart data",
        "period": "Period",
        "value": "Value",
        "pace": "Pace asks for",
        "overview": "Back to the overview",
        "sort_hint": "Sorted by status, worst first; with scripts on, click a header to sort.",
        "goals_of": "goals",
        "footer": "Made by target tracker {version} from the figures published by the date above.",
        "skip": "Skip to content",
    },
}


@dataclass(frozen=True)
class GoalEntry:
    """One goal as the report shows it: digest strings, numbers to sort by, chart, source."""

    goal: Goal
    progress: Progress
    view: GoalView
    chart: GoalChart
    page: str
    severity: int
    fraction: float | None

    @property
    def anchor(self) -> str:
        return f"goal-{self.goal.id}"

    @property
    def href(self) -> str:
        return f"{self.page}#{self.anchor}"

    @property
    def bar(self) -> int | None:
        """Width of the progress bar in percent (0–100), None where progress has no meaning."""
        if self.fraction is None or self.goal.measure is Measure.milestone:
            return None
        return max(0, min(100, round(self.fraction * 100)))

    @property
    def percent(self) -> str | None:
        """Progress as a whole percentage (65%), never "-0%"."""
        if self.fraction is None:
            return None
        return f"{round(self.fraction * 100):d}%"

    @property
    def latest_sort(self) -> str:
        latest = self.progress.latest
        return latest.period.end.isoformat() if latest else ""

    @property
    def source_href(self) -> str | None:
        """The source URL when it is a web address (never ``javascript:`` and the like)."""
        url = self.goal.source.url
        return url if url and url.lower().startswith(("https://", "http://")) else None

    @property
    def svg(self) -> Markup:
        return Markup(self.chart.svg)  # built from escaped parts in tracker.report.svg


@dataclass(frozen=True)
class EntityEntry:
    """An entity (区, 市, 开发区) with its page and its goals, worst first."""

    name: str
    page: str
    goals: tuple[GoalEntry, ...]
    data_period: str | None = None

    @property
    def counts(self) -> list[tuple[str, int]]:
        return status_counts(self.goals)


@dataclass(frozen=True)
class Report:
    """Everything the templates see."""

    title: str
    language: Language
    as_of: date
    data_period: str | None
    entities: tuple[EntityEntry, ...]
    goals: tuple[GoalEntry, ...]  # all, worst first
    text: Mapping[str, str] = field(default_factory=dict)

    @property
    def counts(self) -> list[tuple[str, int]]:
        return status_counts(self.goals)

    def entity_of(self, page: str) -> EntityEntry:
        return next(e for e in self.entities if e.page == page)


def status_counts(goals: Sequence[GoalEntry]) -> list[tuple[str, int]]:
    """(status, count) in the digest's order, statuses without goals left out."""
    counts = [(s, sum(g.view.status == s for g in goals)) for s in STATUSES]
    return [(s, n) for s, n in counts if n]


def data_period(goals: Sequence[GoalEntry], language: Language) -> str | None:
    """The latest period any of ``goals`` has a figure for: 2025年1–9月."""
    periods = [g.progress.latest.period for g in goals if g.progress.latest is not None]
    latest: Period | None = max(periods, key=lambda p: p.end) if periods else None
    return latest.label(language, with_year=True) if latest else None


def chart_points(
    goal: Goal, figures: Sequence[FigureRecord], as_of: date, language: Language
) -> list[ChartPoint]:
    """The figures of ``goal`` visible on ``as_of`` (one per period, in the goal's unit)."""
    with_year = goal.goal_months > 12
    return [
        ChartPoint(p.period.end, p.value, p.period.label(language, with_year=with_year), p.period)
        for p in current_points(goal, figures, as_of)
    ]


def build_report(
    goals: Sequence[Goal],
    figures_by_goal: Mapping[str, Sequence[FigureRecord]],
    as_of: date,
    *,
    settings: EvaluationSettings | None = None,
    language: Language = "zh",
    title: str | None = None,
) -> Report:
    """Evaluate ``goals`` as of ``as_of`` and lay them out by entity, worst first."""
    results = evaluate_all(goals, figures_by_goal, as_of, settings)
    pages: dict[str, str] = {}
    for goal in goals:
        pages.setdefault(goal.entity, ENTITY_PAGE.format(number=len(pages) + 1))
    order = {goal.id: index for index, goal in enumerate(goals)}
    entries = []
    for progress in results:
        goal = progress.goal
        points = chart_points(goal, figures_by_goal.get(goal.id, ()), as_of, language)
        entries.append(
            GoalEntry(
                goal=goal,
                progress=progress,
                view=goal_view(progress, language),
                chart=goal_chart(progress, points, language),
                page=pages[goal.entity],
                severity=severity(progress.status),
                fraction=progress.fraction,
            )
        )
    entity_rank = {name: index for index, name in enumerate(pages)}
    entries.sort(key=lambda e: (e.severity, entity_rank[e.goal.entity], order[e.goal.id]))
    entities = []
    for name, page in pages.items():
        own = tuple(e for e in entries if e.goal.entity == name)
        entities.append(EntityEntry(name, page, own, data_period(own, language)))
    text = TEXT[language]
    return Report(
        title=title or text["title"],
        language=language,
        as_of=as_of,
        data_period=data_period(entries, language),
        entities=tuple(entities),
        goals=tuple(entries),
        text=text,
    )


def template_environment() -> jinja2.Environment:
    env = jinja_environment(None, package_folder="templates/report", html=True)
    env.globals.update(
        labels=LABELS,
        status_colors=COLORS,
        font_family=FONT_FAMILY,
        version=__version__,
    )
    return env


def render_report(report: Report) -> dict[str, str]:
    """Every page of the report: ``index.html`` and one ``entity-N.html`` per entity."""
    env = template_environment()
    context: dict[str, Any] = {"r": report, "t": report.text, "lang": report.language}
    index = env.get_template("index.html.j2")
    pages = {INDEX: index.render(period=report.data_period, **context)}
    page = env.get_template("entity.html.j2")
    for entity in report.entities:
        pages[entity.page] = page.render(entity=entity, period=entity.data_period, **context)
    return pages


def write_report(pages: Mapping[str, str], out: Path) -> list[Path]:
    """Write ``pages`` into ``out`` (created as needed); entity pages of an earlier report that
    this one does not have are removed so the folder never links to stale pages."""
    from tracker.files import write_atomically

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, html in pages.items():
        path = out / name
        write_atomically(path, html.encode("utf-8"))
        written.append(path)
    for old in out.iterdir():
        if _ENTITY_PAGE.match(old.name) and old.name not in pages:
            old.unlink()
    return written
