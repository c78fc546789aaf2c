"""``tracker report``: a static, self-contained HTML report of every goal's progress.

    report = build_report(goals, store.figures_as_of(day, ids), day)
    write_report(render_report(report), Path("site"))

writes ``site/index.html`` (every entity with its status counts, all goals worst first) and
``site/entity-N.html`` (each goal with its chart, numbers and source quote).
"""

from __future__ import annotations

from tracker.report.site import (
    INDEX,
    EntityEntry,
    GoalEntry,
    Report,
    build_report,
    render_report,
    write_report,
)
from tracker.report.svg import ChartPoint, GoalChart, goal_chart

__all__ = [
    "INDEX",
    "ChartPoint",
    "EntityEntry",
    "GoalChart",
    "GoalEntry",
    "Report",
    "build_report",
    "goal_chart",
    "render_report",
    "write_report",
]
