"""A goal's source address must be a web page: digests and the report link to it."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tracker.errors import Problem

if TYPE_CHECKING:
    from tracker.config.located_yaml import LocatedYaml, Location
    from tracker.domain.goals import Goal


def check_source_url(goal: Goal, located: LocatedYaml, location: Location) -> list[Problem]:
    """A problem when ``source.url`` is not an http(s) address (``javascript:``, ``file:``…)."""
    url = (goal.source.url or "").strip()
    if not url:
        return []
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return []
    own = (*location, "source", "url") in located.lines
    line = located.line_of((*location, "source", "url") if own else ("defaults", "source", "url"))
    message = f"expected a web address starting with https:// or http://, got {url[:80]!r}"
    return [Problem(located.path, line, "source.url", message)]
