"""Compose a progress digest: verdicts -> view model -> Jinja2 Markdown -> sections.

Templates ship in tracker/templates/ and can be overridden per digest from config/templates/.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker.config.settings import DigestConfig, Select
from tracker.config.templates import TEMPLATE_SUFFIX
from tracker.digest.changes import Change, ChangeKind, changes_since
from tracker.digest.document import DigestDocument
from tracker.digest.templates import render_template, split_sections, template_environment
from tracker.digest.views import GoalView, goal_view
from tracker.domain.goals import Goal
from tracker.domain.periods import Language
from tracker.evaluate import Progress
from tracker.present.statuses import LABELS, MARKS, STATUSES


@dataclass
class DigestView:
    """Everything a digest template sees."""

    title: str
    language: str
    as_of: date
    data_period: str | None
    counts: list[tuple[str, str, str, int]]
    changes: list[Change]
    entities: list[tuple[str, list[GoalView]]]
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
) -> DigestDocument:
    """The digest of ``results`` (the verdicts on the digest's selected goals, in order)."""
    language: Language = config.language
    views = [goal_view(p, language) for p in results]
    entities: dict[str, list[GoalView]] = {}
    for view in views:
        entities.setdefault(view.entity, []).append(view)
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
        new_figures=[(entity, fresh[entity]) for entity in entities if fresh[entity]],
        entities=list(entities.items()),
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
    return DigestDocument(config.name, title, language, split_sections(markdown), payload)
