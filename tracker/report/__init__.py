"""``tracker report``: a static, self-contained HTML report of every goal's progress.

    report = build_report(goals, store.figures_as_of(day, ids), day)
    write_report(render_report(report), Path("site"))

writes ``site/index.html`` (every entity with its status counts, all goals worst first) and
``site/<entity slug>.html`` (each goal with its chart, numbers and source quote).

build.py   the view model: goals evaluated as of a day, by entity, worst first
render.py  the pages from tracker/templates/report/, and writing them into a folder
text.py    the pages' words (zh/en)
chart/     one goal's inline SVG chart (numeric and milestone charts, axes, text alternative)
"""

from __future__ import annotations

from tracker.report.build import (
    INDEX,
    EntityEntry,
    GoalEntry,
    Report,
    build_report,
    chart_points,
)
from tracker.report.chart import ChartPoint, GoalChart, goal_chart
from tracker.report.render import render_report, write_report

__all__ = [
    "INDEX",
    "ChartPoint",
    "EntityEntry",
    "GoalChart",
    "GoalEntry",
    "Report",
    "build_report",
    "chart_points",
    "goal_chart",
    "render_report",
    "write_report",
]
