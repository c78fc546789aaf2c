"""The report's view model: goals evaluated as of a day, laid out by entity, worst first.

:func:`build_report` turns goals and their figures into a :class:`Report`; every string the
pages show comes from the digest's :class:`GoalView`, the chart from :mod:`tracker.report.chart`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from tracker.digest.reach import entity_page
from tracker.digest.views import GoalView, goal_view
from tracker.domain.evaluation import EvaluationSettings
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal, Measure
from tracker.domain.periods import Language, Period
from tracker.domain.status import severity
from tracker.evaluate import Progress, current_points, evaluate_all
from tracker.present.statuses import STATUSES
from tracker.report.chart import ChartPoint, GoalChart, goal_chart
from tracker.report.text import TEXT

INDEX = "index.html"


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
        return Markup(self.chart.svg)  # built from escaped parts in tracker.report.chart


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


def goal_entry(
    progress: Progress, figures: Sequence[FigureRecord], page: str, language: Language
) -> GoalEntry:
    """One evaluated goal with its words, its chart and the page it is shown on."""
    goal = progress.goal
    points = chart_points(goal, figures, progress.as_of, language)
    return GoalEntry(
        goal=goal,
        progress=progress,
        view=goal_view(progress, language),
        chart=goal_chart(progress, points, language),
        page=page,
        severity=severity(progress.status),
        fraction=progress.fraction,
    )


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
    # entity -> its page, named after the entity so links to it stay valid (in goal order)
    pages: dict[str, str] = {}
    for goal in goals:
        pages.setdefault(goal.entity, entity_page(goal.entity))
    entries = [
        goal_entry(
            progress,
            figures_by_goal.get(progress.goal.id, ()),
            pages[progress.goal.entity],
            language,
        )
        for progress in evaluate_all(goals, figures_by_goal, as_of, settings)
    ]
    # Worst first (no_data is not on the scale: last), then in the order of the goal files.
    order = {goal.id: index for index, goal in enumerate(goals)}
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
