"""Alerts: a short message for goals that newly reached a watched status (``alert_on``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tracker.config.settings import DigestConfig
from tracker.config.templates import TEMPLATE_SUFFIX
from tracker.digest.document import DigestDocument
from tracker.digest.reach import NOBODY, Reach
from tracker.digest.templates import render_template, split_sections, template_environment
from tracker.digest.views import GoalView, goal_view
from tracker.evaluate import Progress
from tracker.present.statuses import LABELS


@dataclass(frozen=True)
class Moved:
    """A goal whose verdict moved into a watched status, and the status it had before."""

    progress: Progress
    before: str


@dataclass(frozen=True)
class AlertItem:
    """One goal that moved into a watched status."""

    goal: GoalView
    before: str
    before_label: str


@dataclass(frozen=True)
class AlertView:
    """Everything an alert template sees."""

    items: list[AlertItem]


def build_alert(
    config: DigestConfig,
    moved: Sequence[Moved],
    *,
    as_of: date,
    slot: datetime | None = None,
    templates_dir: Path | None = None,
    reach: Reach = NOBODY,
) -> DigestDocument:
    """A short message for goals that newly reached a status in ``config.alert_on``; the
    owners of each goal that moved are mentioned (see ``reach``)."""
    language = config.language
    items = [
        AlertItem(
            goal_view(m.progress, language, reach, mention=True),
            m.before,
            _label(m.before, language),
        )
        for m in moved
    ]
    env = template_environment(templates_dir)
    markdown = render_template(env, f"alert.{language}{TEMPLATE_SUFFIX}", a=AlertView(items))
    title = ("目标状态提醒" if language == "zh" else "Target status alert") + f" · {as_of}"
    payload = {
        "digest": config.name,
        "kind": "alert",
        "slot": slot.isoformat() if slot else None,
        "as_of": as_of.isoformat(),
        "goals": [m.progress.as_json() for m in moved],
    }
    # Named apart from the digest so files of alerts and digests never collide.
    name = f"{config.name}-alert"
    sections = split_sections(markdown)
    return DigestDocument(name, title, language, sections, payload, people=dict(reach.people))


def _label(status: str, language: str) -> str:
    return LABELS[language].get(status, status)
