"""One goal's verdict as display strings: the row a digest, an alert or the report shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracker.digest.marks import NO_MENTION, Trusted, mention_marks, web_url
from tracker.digest.reach import NOBODY, Reach
from tracker.domain.goals import Goal, Measure
from tracker.domain.status import Status
from tracker.evaluate import Progress
from tracker.evaluate.result import rounded
from tracker.present.humanize import estimate, localized_amount, rate, target_inline, target_text
from tracker.present.pace import gap_text, required_text
from tracker.present.statuses import LABELS, MARKS

BAR_WIDTH = 10
_SETTLED = (Status.achieved, Status.missed, Status.awaiting_final)


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
    target_inline: str  # the target without brackets, for use inside brackets
    year: int
    latest: str | None
    period: str | None
    bar: str | None
    percent: str | None
    projection: str | None
    gap: str | None
    required: str | None  # the pace still needed, for goals at risk or off track
    stretch: str | None
    source_url: str | None  # an http(s) address made safe inside links, else None
    source_label: str
    quote: str
    owners: tuple[str, ...] = ()  # the owners' names
    mention: Trusted = NO_MENTION  # marks mentioning the owners, when this digest does
    report_url: Trusted | None = None  # the goal on its entity's report page


def progress_bar(fraction: float | None) -> str | None:
    if fraction is None:
        return None
    filled = max(0, min(BAR_WIDTH, round(fraction * BAR_WIDTH)))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def goal_view(
    progress: Progress, language: str, reach: Reach = NOBODY, *, mention: bool = False
) -> GoalView:
    """Turn a verdict into display strings (numbers rounded as ``evaluate --json`` rounds them).

    With ``mention`` the view carries marks mentioning the goal's owners (see ``reach``).
    """
    goal, status = progress.goal, progress.status
    latest_text = period_text = None
    if progress.latest is not None:
        period_text = progress.latest.period.label("en" if language == "en" else "zh")
        shown = _shown_value(goal, progress.latest.value, language)
        glue = "" if goal.measure is Measure.growth and language == "zh" else " "
        latest_text = f"{period_text}{glue}{shown}"
    fraction = rounded(progress.fraction, 4)
    entity, indicator = goal.names(language)
    owners = reach.owners_of(goal)
    return GoalView(
        id=goal.id,
        entity=entity,
        indicator=indicator,
        status=status.value,
        mark=MARKS[status],
        status_label=LABELS[language][status],
        stale=progress.stale,
        target=Trusted(target_text(goal, language)),
        target_inline=Trusted(target_inline(goal, language)),
        year=goal.year,
        latest=made(latest_text),
        period=period_text,
        bar=progress_bar(fraction) if goal.measure is not Measure.milestone else None,
        percent=f"{round(fraction * 100) + 0:d}%" if fraction is not None else None,
        projection=made(_projection(progress, language)),
        gap=made(gap_text(progress, language)),
        required=made(required_text(progress, language)),
        stretch=_stretch(progress.stretch_met, language) if _on_course(progress) else None,
        source_url=web_url(goal.source.url),
        source_label=Path(goal.source.document).name if goal.source.document else "",
        quote=goal.source.quote,
        owners=reach.names(owners),
        mention=mention_marks(owners) if mention else NO_MENTION,
        report_url=reach.page(goal.entity, goal.id),
    )


def made(text: str | None) -> Trusted | None:
    """Text the tool wrote from numbers and known units (``≥7%``, ``> 300亿元``): not user
    text, so the template prints it as it is."""
    return None if text is None else Trusted(text)


def _shown_value(goal: Goal, raw: float, language: str) -> str:
    value = rounded(raw) or 0.0
    if goal.measure is Measure.growth:
        return rate(value, language)
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
        value = rate(projected, language)
    else:
        value = estimate(projected, goal.unit, language)
    return f"预计全年{value}" if language == "zh" else f"projected {value}"


def _on_course(progress: Progress) -> bool:
    """The stretch (争取) target is worth mentioning only once the base target is in hand."""
    return progress.status in (Status.on_track, Status.achieved)


def _stretch(met: bool | None, language: str) -> str | None:
    if met is None:
        return None
    if language == "zh":
        return "已达争取目标" if met else "未达争取目标"
    return "stretch met" if met else "stretch not met"
