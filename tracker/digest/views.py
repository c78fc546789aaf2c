"""One goal's verdict as display strings: the row a digest, an alert or the report shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracker.domain.goals import Goal, Measure
from tracker.domain.status import Status
from tracker.evaluate import Progress
from tracker.evaluate.result import rounded
from tracker.present.humanize import estimate, localized_amount, points, signed, target_text
from tracker.present.statuses import LABELS, MARKS

BAR_WIDTH = 10
_SETTLED = (Status.achieved, Status.missed)
_BEHIND = (Status.at_risk, Status.off_track, Status.missed)


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


def progress_bar(fraction: float | None) -> str | None:
    if fraction is None:
        return None
    filled = max(0, min(BAR_WIDTH, round(fraction * BAR_WIDTH)))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def goal_view(progress: Progress, language: str) -> GoalView:
    """Turn a verdict into display strings (numbers rounded as ``evaluate --json`` rounds them)."""
    goal, status = progress.goal, progress.status
    latest_text = period_text = None
    if progress.latest is not None:
        period_text = progress.latest.period.label("en" if language == "en" else "zh")
        latest_text = f"{period_text} {_shown_value(goal, progress.latest.value, language)}"
    fraction = rounded(progress.fraction, 4)
    entity, indicator = goal.names(language)
    return GoalView(
        id=goal.id,
        entity=entity,
        indicator=indicator,
        status=status.value,
        mark=MARKS[status],
        status_label=LABELS[language][status],
        stale=progress.stale,
        target=target_text(goal, language),
        latest=latest_text,
        period=period_text,
        bar=progress_bar(fraction) if goal.measure is not Measure.milestone else None,
        percent=f"{round(fraction * 100) + 0:d}%" if fraction is not None else None,
        projection=_projection(progress, language),
        gap=_gap(progress, language),
        stretch=_stretch(progress.stretch_met, language),
        source_url=goal.source.url,
        source_label=Path(goal.source.document).name if goal.source.document else "",
        quote=goal.source.quote,
    )


def _shown_value(goal: Goal, raw: float, language: str) -> str:
    value = rounded(raw) or 0.0
    if goal.measure is Measure.growth:
        return signed(value, "%")
    if goal.measure is Measure.milestone:
        if language == "zh":
            return "已完成" if value else "未完成"
        return "done" if value else "not done"
    return localized_amount(value, goal.unit, language)


def _projection(progress: Progress, language: str) -> str | None:
    projected = rounded(progress.projected)
    if projected is None or progress.status in _SETTLED:
        return None
    goal = progress.goal
    if goal.measure is Measure.growth:
        value = signed(projected, "%")
    else:
        value = estimate(projected, goal.unit, language)
    return f"预计全年 {value}" if language == "zh" else f"projected {value}"


def _gap(progress: Progress, language: str) -> str | None:
    gap = rounded(progress.gap)
    if gap is None or progress.status not in _BEHIND or gap >= 0:
        return None
    goal = progress.goal
    if goal.measure is Measure.growth:
        return ("差 " if language == "zh" else "short by ") + points(abs(gap), language).lstrip("+")
    amount = estimate(abs(gap), goal.unit, language)
    if progress.status is Status.missed:
        return f"距目标差 {amount}" if language == "zh" else f"{amount} short of the target"
    return f"落后进度 {amount}" if language == "zh" else f"{amount} behind pace"


def _stretch(met: bool | None, language: str) -> str | None:
    if met is None:
        return None
    if language == "zh":
        return "已达争取目标" if met else "未达争取目标"
    return "stretch met" if met else "stretch not met"
