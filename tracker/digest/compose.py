"""Compose a progress digest: evaluated goals -> view model -> Jinja2 Markdown -> sections.

Templates ship in tracker/templates/ and can be overridden per digest from config/templates/.
The rendered Markdown is cut into sections at ``### `` headings; channels split between them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2

from tracker.config.settings import DigestConfig, Select
from tracker.config.templates import TEMPLATE_SUFFIX, jinja_environment
from tracker.digest.document import DigestDocument, Section
from tracker.domain.goals import Goal, Measure
from tracker.domain.numbers import number
from tracker.domain.periods import Language, Period
from tracker.errors import Problem
from tracker.present.humanize import estimate, localized_amount, points, signed, target_text
from tracker.present.statuses import LABELS, MARKS, STATUSES

BAR_WIDTH = 10


class TemplateProblem(Exception):
    """A template that does not compile or render, with the template file and line."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


@dataclass(frozen=True)
class GoalView:
    """One goal as a digest line shows it."""

    id: str
    entity: str
    indicator: str
    status: str
    mark: str
    status_label: str
    stale: bool
    target: str
    latest: str | None
    period: str | None
    bar: str | None
    percent: str | None
    projection: str | None
    gap: str | None
    stretch: str | None
    source_url: str | None
    source_label: str
    quote: str


@dataclass(frozen=True)
class Change:
    """Something that moved since the last delivered digest."""

    kind: str  # new_figure | status | achieved | off_track
    goal: GoalView
    before: str | None = None


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


def progress_bar(fraction: float | None) -> str | None:
    if fraction is None:
        return None
    filled = max(0, min(BAR_WIDTH, round(fraction * BAR_WIDTH)))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def goal_view(goal: Goal, result: Mapping[str, Any], language: str) -> GoalView:
    """Turn a goal and its evaluation (``Progress.as_json()``) into display strings."""
    status = str(result["status"])
    latest = result.get("latest")
    latest_text = period_text = None
    if latest:
        period = Period.parse(latest["period"])
        period_text = period.label("en" if language == "en" else "zh")
        value = float(latest["value"])
        if goal.measure is Measure.growth:
            shown = signed(value, "%")
        elif goal.measure is Measure.milestone:
            shown = (
                ("已完成" if value else "未完成")
                if language == "zh"
                else ("done" if value else "not done")
            )
        else:
            shown = localized_amount(value, goal.unit, language)
        latest_text = f"{period_text} {shown}"
    fraction = result.get("progress")
    projection = _projection(goal, result, language)
    entity, indicator = goal.names(language)
    return GoalView(
        id=goal.id,
        entity=entity,
        indicator=indicator,
        status=status,
        mark=MARKS[status],
        status_label=LABELS[language][status],
        stale=bool(result.get("stale")),
        target=target_text(goal, language),
        latest=latest_text,
        period=period_text,
        bar=progress_bar(fraction) if goal.measure is not Measure.milestone else None,
        percent=f"{round(fraction * 100) + 0:d}%" if fraction is not None else None,
        projection=projection,
        gap=_gap(goal, result, language),
        stretch=_stretch(result, language),
        source_url=goal.source.url,
        source_label=Path(goal.source.document).name if goal.source.document else "",
        quote=goal.source.quote,
    )


def _projection(goal: Goal, result: Mapping[str, Any], language: str) -> str | None:
    projected = result.get("projected")
    if projected is None or result["status"] in ("achieved", "missed"):
        return None
    if goal.measure is Measure.growth:
        value = signed(float(projected), "%")
    else:
        value = estimate(float(projected), goal.unit, language)
    return f"预计全年 {value}" if language == "zh" else f"projected {value}"


def _gap(goal: Goal, result: Mapping[str, Any], language: str) -> str | None:
    gap = result.get("gap")
    if gap is None or result["status"] not in ("at_risk", "off_track", "missed") or gap >= 0:
        return None
    if goal.measure is Measure.growth:
        return ("差 " if language == "zh" else "short by ") + points(abs(gap), language).lstrip("+")
    amount = estimate(abs(float(gap)), goal.unit, language)
    if result["status"] == "missed":
        return f"距目标差 {amount}" if language == "zh" else f"{amount} short of the target"
    return f"落后进度 {amount}" if language == "zh" else f"{amount} behind pace"


def _stretch(result: Mapping[str, Any], language: str) -> str | None:
    met = result.get("stretch_met")
    if met is None:
        return None
    if language == "zh":
        return "已达争取目标" if met else "未达争取目标"
    return "stretch met" if met else "stretch not met"


def snapshot(results: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """What a digest showed, per goal: enough to tell next time what changed."""
    return {
        str(r["id"]): {
            "status": r["status"],
            "period": (r.get("latest") or {}).get("period"),
            "value": (r.get("latest") or {}).get("value"),
        }
        for r in results
    }


def changes_since(
    views: Sequence[GoalView],
    results: Sequence[Mapping[str, Any]],
    previous: Mapping[str, Mapping[str, Any]] | None,
) -> list[Change]:
    """New figures and status moves since the previous snapshot, most important first."""
    if previous is None:
        return []
    current = snapshot(results)
    found: list[Change] = []
    for view in views:
        now, before = current[view.id], previous.get(view.id)
        if before is None:
            continue
        if now["status"] != before.get("status"):
            kind = {"achieved": "achieved", "off_track": "off_track"}.get(now["status"], "status")
            found.append(Change(kind, view, str(before.get("status"))))
        elif now["period"] and (now["period"], now["value"]) != (
            before.get("period"),
            before.get("value"),
        ):
            found.append(Change("new_figure", view))
    order = {"achieved": 0, "off_track": 1, "status": 2, "new_figure": 3}
    return sorted(found, key=lambda c: order[c.kind])


def template_environment(templates_dir: Path | None) -> jinja2.Environment:
    """Digest and alert templates, with the status vocabulary and the ``num`` filter."""
    env = jinja_environment(templates_dir)
    env.globals["labels"] = LABELS
    env.globals["MARKS"] = MARKS
    env.filters["num"] = number
    return env


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render ``name``; a syntax or runtime error names the template file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        path = Path(exc.filename or exc.name or name)
        raise TemplateProblem(
            Problem(path, exc.lineno, "template", exc.message or str(exc))
        ) from None
    except Exception as exc:  # any error raised while rendering is the template's to explain
        path, line = _template_frame(exc, env, name)
        message = (
            str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
        )
        raise TemplateProblem(Problem(path, line, "template", message)) from None


def _template_frame(
    exc: BaseException, env: jinja2.Environment, name: str
) -> tuple[Path, int | None]:
    """The template file and line a runtime error happened on (Jinja rewrites tracebacks)."""
    tb = exc.__traceback__
    found: tuple[Path, int | None] = (Path(name), None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found


def split_sections(markdown: str) -> tuple[Section, ...]:
    """Cut rendered Markdown at ``### `` headings; blank lines inside a section are dropped."""
    sections: list[Section] = []
    heading: str | None = None
    lines: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("### "):
            if heading is not None or lines:
                sections.append(Section(heading, tuple(lines)))
            heading, lines = line[4:].strip(), []
        elif line.strip():
            lines.append(line.rstrip())
    if heading is not None or lines:
        sections.append(Section(heading, tuple(lines)))
    return tuple(sections)


def default_title(config: DigestConfig) -> str:
    if config.title:
        return config.title
    return "目标进度简报" if config.language == "zh" else "Target progress digest"


def build_digest(
    config: DigestConfig,
    goals: Sequence[Goal],
    results: Sequence[Mapping[str, Any]],
    *,
    as_of: date,
    previous: Mapping[str, Mapping[str, Any]] | None = None,
    slot: datetime | None = None,
    templates_dir: Path | None = None,
) -> DigestDocument:
    """The digest for ``goals`` (already selected) and their evaluation ``results``."""
    language: Language = config.language
    by_id = {str(r["id"]): r for r in results}
    views = [goal_view(g, by_id[g.id], language) for g in goals if g.id in by_id]
    entities: dict[str, list[GoalView]] = {}
    for view in views:
        entities.setdefault(view.entity, []).append(view)
    periods = [Period.parse(r["latest"]["period"]) for r in results if r.get("latest")]
    latest_period = max(periods, key=lambda p: p.end) if periods else None
    changes = changes_since(views, [by_id[v.id] for v in views], previous)
    fresh = Counter(c.goal.entity for c in changes if c.kind == "new_figure")
    counts = [
        (s, MARKS[s], LABELS[language][s], sum(v.status == s for v in views)) for s in STATUSES
    ]
    digest_view = DigestView(
        title=default_title(config),
        language=language,
        as_of=as_of,
        data_period=latest_period.label(language, with_year=True) if latest_period else None,
        counts=[c for c in counts if c[3]],
        changes=[c for c in changes if c.kind != "new_figure"],
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
            dict(by_id[v.id]) | {"entity": v.entity, "indicator": v.indicator} for v in views
        ],
    }
    return DigestDocument(config.name, title, language, split_sections(markdown), payload)


@dataclass(frozen=True)
class AlertItem:
    """One goal that moved into a watched status."""

    goal: GoalView
    before: str
    before_label: str


@dataclass(frozen=True)
class AlertView:
    items: list[AlertItem]


def build_alert(
    config: DigestConfig,
    moved: Sequence[tuple[Goal, Mapping[str, Any], str]],
    *,
    as_of: date,
    slot: datetime | None = None,
    templates_dir: Path | None = None,
) -> DigestDocument:
    """A short message for goals that newly reached a status in ``config.alert_on``."""
    language = config.language
    items = [
        AlertItem(goal_view(goal, result, language), before, LABELS[language].get(before, before))
        for goal, result, before in moved
    ]
    env = template_environment(templates_dir)
    markdown = render_template(env, f"alert.{language}{TEMPLATE_SUFFIX}", a=AlertView(items))
    title = ("目标状态提醒" if language == "zh" else "Target status alert") + f" · {as_of}"
    payload = {
        "digest": config.name,
        "kind": "alert",
        "slot": slot.isoformat() if slot else None,
        "as_of": as_of.isoformat(),
        "goals": [dict(result) for _, result, _ in moved],
    }
    # Named apart from the digest so files of alerts and digests never collide.
    name = f"{config.name}-alert"
    return DigestDocument(name, title, language, split_sections(markdown), payload)
