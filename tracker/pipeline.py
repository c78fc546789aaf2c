"""The steps every command and the daemon share: store -> evaluate -> compose.

Commands and ``tracker run`` call these rather than wiring the stages themselves, so a digest
shown with ``tracker digest show``, sent by ``tracker digest send`` and sent on schedule is the
same digest.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from tracker.config.project import Project
from tracker.config.settings import DigestConfig
from tracker.digest.changes import snapshot
from tracker.digest.compose import build_digest, select_goals
from tracker.digest.document import DigestDocument
from tracker.digest.reach import Reach
from tracker.domain.goals import Goal
from tracker.evaluate import Progress, evaluate_all
from tracker.store.database import Store

log = logging.getLogger("tracker.pipeline")


def evaluate_goals(
    project: Project, store: Store, goals: Sequence[Goal], as_of: date
) -> list[Progress]:
    """The verdicts on ``goals`` as of ``as_of``, from the figures visible that day."""
    figures = store.figures_as_of(as_of, [g.id for g in goals])
    return evaluate_all(goals, figures, as_of, project.settings.evaluation)


def compose_digest(
    project: Project,
    store: Store,
    digest: DigestConfig,
    as_of: date,
    *,
    slot: datetime | None = None,
    previous: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple[DigestDocument, dict[str, Any]]:
    """The digest document for ``digest`` as of ``as_of``, and the snapshot it shows."""
    goals = select_goals(project.goals, digest.select)
    results = evaluate_goals(project, store, goals, as_of)
    document = build_digest(
        digest,
        results,
        as_of=as_of,
        previous=previous,
        slot=slot,
        templates_dir=project.config_dir / "templates",
        reach=Reach.of(project.settings, digest),
    )
    if digest.chart and results:
        document = with_chart(document, results, digest.language)
    return document, snapshot(results)


def with_chart(
    document: DigestDocument, results: Sequence[Progress], language: str
) -> DigestDocument:
    """``document`` with the PNG summary attached (or unchanged if it cannot be drawn)."""
    from tracker.digest.chart import summary_png

    try:
        image = summary_png(results, language)
    except Exception:  # a chart is a bonus: the digest goes without it rather than not at all
        log.exception(
            "chart for %s could not be drawn; sending the digest without it", document.digest
        )
        return document
    return replace(document, image=image)
