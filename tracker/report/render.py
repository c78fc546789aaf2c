"""The report's pages: a :class:`Report` rendered with tracker/templates/report/, then written.

Every page stands alone: CSS and SVG are inline, nothing is fetched, and the one small script
(click-to-sort table headers) only enhances a table that is already sorted by severity.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from tracker import __version__
from tracker.config.templates import jinja_environment
from tracker.files import write_atomically
from tracker.present.statuses import COLORS, LABELS
from tracker.report.build import INDEX, Report
from tracker.report.chart import FONT_FAMILY

# Pages this tool wrote carry its generator tag (base.html.j2); only those are ever removed.
_GENERATED = b'<meta name="generator" content="target tracker'


def template_environment() -> jinja2.Environment:
    """The report templates, with the status words and colours every page uses."""
    env = jinja_environment(None, package_folder="templates/report", html=True)
    env.globals.update(
        labels=LABELS,
        status_colors=COLORS,
        font_family=FONT_FAMILY,
        version=__version__,
    )
    return env


def render_report(report: Report) -> dict[str, str]:
    """Every page of the report: ``index.html`` and one ``<entity slug>.html`` per entity."""
    env = template_environment()
    context: dict[str, Any] = {"r": report, "t": report.text, "lang": report.language}
    index = env.get_template("index.html.j2")
    pages = {INDEX: index.render(period=report.data_period, **context)}
    page = env.get_template("entity.html.j2")
    for entity in report.entities:
        pages[entity.page] = page.render(entity=entity, period=entity.data_period, **context)
    return pages


def write_report(pages: Mapping[str, str], out: Path) -> list[Path]:
    """Write ``pages`` into ``out`` (created as needed); entity pages of an earlier report that
    this one does not have (``entity-N.html`` of older versions too) are removed so the folder
    never links to stale pages; other files are left alone."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, html in pages.items():
        path = out / name
        write_atomically(path, html.encode("utf-8"))
        written.append(path)
    for old in out.glob("*.html"):
        if old.name not in pages and _generated(old):
            old.unlink()
    return written


def _generated(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return _GENERATED in file.read(2048)
    except OSError:
        return False
