"""Alerts: goals that moved into a digest's ``alert_on`` statuses get a short message, once.

What each digest last saw is kept in the store, so figures count however they came (a dropped
file, a feed, ``tracker figures import`` in another shell) and a restart neither repeats nor
misses an alert.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from tracker.config.project import Project
from tracker.config.settings import DigestConfig
from tracker.delivery.outcome import Outcome
from tracker.delivery.sender import Deliverer
from tracker.digest.alerts import Moved, build_alert
from tracker.digest.compose import select_goals
from tracker.digest.reach import Reach
from tracker.evaluate import Progress
from tracker.pipeline import evaluate_goals
from tracker.store.alerts import AlertBook
from tracker.store.database import Store

log = logging.getLogger("tracker.daemon")


def alert_on_moves(
    project: Project, store: Store, deliverer: Deliverer, now: datetime
) -> tuple[int, Outcome]:
    """Alert on goals that moved into a digest's ``alert_on`` statuses since last looked: how
    many goals moved, and what became of the alerts' parts.

    What each digest last saw is kept in the store, so figures count however they came
    (a dropped file, a feed, `tracker figures import` in another shell) and a restart
    neither repeats nor misses an alert. The first look only takes note.
    """
    outcome = Outcome()
    watched = [
        (d, select_goals(project.goals, d.select)) for d in project.settings.digests if d.alert_on
    ]
    if not watched:
        return 0, outcome
    as_of = now.date()
    goals = list({g.id: g for _, selected in watched for g in selected}.values())
    results = {p.id: p for p in evaluate_goals(project, store, goals, as_of)}
    book = AlertBook(store)
    alerted = 0
    for digest, selected in watched:
        moved, first_id = _record_moves(book, digest, [results[g.id] for g in selected])
        if moved and first_id is not None:
            key = f"{digest.name}!alert-{first_id}"
            outcome.merge(_send_alert(project, deliverer, now, digest, moved, as_of, key))
            alerted += len(moved)
    return alerted, outcome


def _record_moves(
    book: AlertBook, digest: DigestConfig, results: list[Progress]
) -> tuple[list[Moved], int | None]:
    """The moves into watched statuses not alerted yet, recorded once; the first alert id."""
    seen = book.seen_statuses(digest.name)
    current = {p.id: p.status.value for p in results}
    moved: list[Moved] = []
    first_id: int | None = None
    for progress in results if seen else ():  # the first look only takes note
        before, status = seen.get(progress.id, "no_data"), current[progress.id]
        if status == before or status not in digest.alert_on:
            continue
        # The unique (digest, goal, status, period) row makes the alert once-only even when
        # two processes notice the same move.
        alert_id = book.record_alert(digest.name, progress.id, status, progress.since or None)
        if alert_id is not None:
            moved.append(Moved(progress, before))
            first_id = min(first_id or alert_id, alert_id)
    book.save_statuses(digest.name, {g: s for g, s in current.items() if seen.get(g) != s})
    return moved, first_id


def _send_alert(
    project: Project,
    deliverer: Deliverer,
    now: datetime,
    digest: DigestConfig,
    moved: list[Moved],
    as_of: date,
    key: str,
) -> Outcome:
    document = build_alert(
        digest,
        moved,
        as_of=as_of,
        slot=now,
        templates_dir=project.config_dir / "templates",
        reach=Reach.of(project.settings, digest),
    )
    statuses = ", ".join(sorted({m.progress.status.value for m in moved}))
    log.info(
        "alert: %s: %d goal(s) moved to %s",
        digest.name,
        len(moved),
        statuses,
        extra={"event": "alert", "digest": digest.name},
    )
    return deliverer.deliver_document(key, now, as_of, digest.channels, document)
