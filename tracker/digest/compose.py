"""Compose a progress digest: verdicts -> view model -> Jinja2 Markdown -> sections.

Templates ship in tracker/templates/ and can be overridden per digest from config/templates/.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker.config.settings import DigestConfig, Select
from tracker.config.templates import TEMPLATE_SUFFIX
from tracker.digest.changes import Change, ChangeKind, changes_since
from tracker.digest.document import DigestDocument, Link, Section
from tracker.digest.marks import user_text
from tracker.digest.reach import NOBODY, Reach
from tracker.digest.templates import render_template, split_sections, template_environment
from tracker.digest.views import GoalView, goal_view
from tracker.domain.goals import Goal
from tracker.domain.periods import Language
from tracker.evaluate import Progress
from tracker.present.statuses import LABELS, MARKS, STATUSES


@dataclass(frozen=True)
class Source:
    """One cited article, listed once under the entity section that quotes it."""

    label: str
    url: str


@dataclass(frozen=True)
class EntitySection:
    """One ``### `` section: an entity's goals of one plan year, and the articles they cite."""

    name: str
    year: int
    heading: str  # the entity, with the year when the digest spans several
    goals: list[GoalView]
    sources: list[Source]
    report_url: str | None = None  # the entity's report page, with `report_url`


@dataclass
class DigestView:
    """Everything a digest template sees."""

    title: str
    language: str
    as_of: date
    data_period: str | None
    counts: list[tuple[str, str, str, int]]
    changes: list[Change]
    entities: list[EntitySection]
    years: list[int]  # the plan years the digest's goals belong to, oldest first
    year_label: str  # 2025年 / 2022、2025年 · 2025 / 2022 and 2025
    first_digest: bool
    total: int
    new_figures: list[tuple[str, int]]  # entities with new figures, in digest order
    labels: Mapping[str, str] = field(default_factory=dict)


def select_goals(goals: Sequence[Goal], select: Select) -> list[Goal]:
    """Goals matching every given criterion (entity substring, year, any tag, id) and carrying
    none of ``exclude_tags``."""
    return [
        g
        for g in goals
        if (not select.entity or any(e in g.entity for e in select.entity))
        and (not select.year or g.year in select.year)
        and (not select.tags or set(select.tags) & set(g.tags))
        and (not select.ids or g.id in select.ids)
        and not set(select.exclude_tags) & set(g.tags)
    ]


def default_title(config: DigestConfig) -> str:
    if config.title:
        return config.title
    return "目标进度简报" if config.language == "zh" else "Target progress digest"


def build_digest(
    config: DigestConfig,
    results: Sequence[Progress],
    *,
    as_of: date,
    previous: Mapping[str, Mapping[str, Any]] | None = None,
    slot: datetime | None = None,
    templates_dir: Path | None = None,
    reach: Reach = NOBODY,
) -> DigestDocument:
    """The digest of ``results`` (the verdicts on the digest's selected goals, in order).

    ``reach`` says whose owners to mention (``mention:``) and where the report pages are.
    """
    language: Language = config.language
    views = [
        goal_view(p, language, reach, mention=p.status.value in reach.mention) for p in results
    ]
    years = sorted({v.year for v in views})
    sections = entity_sections(views, several_years=len(years) > 1, language=language)
    if reach.report_url:
        sections = [replace(s, report_url=reach.page(s.name)) for s in sections]
    periods = [p.latest.period for p in results if p.latest is not None]
    latest_period = max(periods, key=lambda p: p.end) if periods else None
    changes = changes_since(views, results, previous)
    fresh = Counter(c.goal.entity for c in changes if c.kind is ChangeKind.new_figure)
    counts = [
        (s.value, MARKS[s], LABELS[language][s], sum(v.status == s for v in views))
        for s in STATUSES
    ]
    digest_view = DigestView(
        title=default_title(config),
        language=language,
        as_of=as_of,
        data_period=latest_period.label(language, with_year=True) if latest_period else None,
        counts=[c for c in counts if c[3]],
        changes=[c for c in changes if c.kind is not ChangeKind.new_figure],
        new_figures=[
            (name, fresh[name]) for name in dict.fromkeys(v.entity for v in views) if fresh[name]
        ],
        entities=sections,
        years=years,
        year_label=year_label(years, language),
        first_digest=previous is None,
        total=len(views),
        labels=LABELS[language],
    )
    env = template_environment(templates_dir)
    name = config.template or f"digest.{language}{TEMPLATE_SUFFIX}"
    markdown = render_template(env, name, d=digest_view)
    title = f"{digest_view.title} · {as_of.isoformat()}"
    payload = {
        "digest": config.name,
        "slot": slot.isoformat() if slot else None,
        "as_of": as_of.isoformat(),
        "language": language,
        "data_period": latest_period.text if latest_period else None,
        "counts": {s: c for s, _, _, c in counts},
        "goals": [
            p.as_json() | {"entity": v.entity, "indicator": v.indicator}
            for p, v in zip(results, views, strict=True)
        ],
    }
    linked = with_report_links(split_sections(markdown), sections, language)
    return DigestDocument(config.name, title, language, linked, payload, people=dict(reach.people))


REPORT_LABEL = {"zh": "{} · 查看报告", "en": "{} · open the report"}


def with_report_links(
    rendered: Sequence[Section], entities: Sequence[EntitySection], language: str
) -> tuple[Section, ...]:
    """Each rendered entity section with the link to its entity's report page."""
    pages = {
        user_text(e.heading): Link(REPORT_LABEL[language].format(user_text(e.name)), e.report_url)
        for e in entities
        if e.report_url
    }
    return tuple(replace(s, link=pages[s.heading]) if s.heading in pages else s for s in rendered)


def entity_sections(
    views: Sequence[GoalView], *, several_years: bool, language: str
) -> list[EntitySection]:
    """Goals by entity in digest order; by year first (newest first) when there are several."""
    groups: dict[tuple[int, str], list[GoalView]] = {}
    for view in views:
        groups.setdefault((view.year if several_years else 0, view.entity), []).append(view)
    order = sorted(groups, key=lambda key: -key[0]) if several_years else list(groups)
    sections = []
    for key in order:
        goals = groups[key]
        name, year = key[1], goals[0].year
        heading = f"{name}（{year}年目标）" if language == "zh" else f"{name} ({year} targets)"
        sections.append(
            EntitySection(name, year, heading if several_years else name, goals, _sources(goals))
        )
    return sections


def _sources(goals: Sequence[GoalView]) -> list[Source]:
    """Each cited article once, in the order its goals appear."""
    found: dict[str, str] = {}
    for goal in goals:
        if goal.source_url and goal.source_url not in found:
            found[goal.source_url] = goal.source_label
    return [Source(label, url) for url, label in found.items()]


def year_label(years: Sequence[int], language: str) -> str:
    if not years:
        return ""
    if language == "zh":
        return "、".join(str(y) for y in years) + "年"
    if len(years) == 1:
        return str(years[0])
    return ", ".join(str(y) for y in years[:-1]) + f" and {years[-1]}"
