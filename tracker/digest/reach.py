"""Who a digest reaches and where it links: goal owners, their mentions, report pages.

A goal's owners are its own ``owners`` (or its file's ``defaults``), else its entity's in
``owners:`` of tracker.yaml. The report's pages are named after the entity (:func:`entity_page`),
so a link a digest sent months ago still opens the same entity's page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from tracker.config.people import Person
from tracker.config.settings import DigestConfig, Settings
from tracker.digest.marks import Trusted, web_url
from tracker.domain.goals import Goal


def entity_slug(name: str) -> str:
    """A stable ASCII file name for an entity: its name in pinyin (python-slugify), plus a
    short hash of the exact name when that is not plain ASCII, since transliteration can make
    two names alike (香洲区, 湘洲区)."""
    from slugify import slugify

    slug = slugify(name, max_length=60, word_boundary=True) or "entity"
    if name.isascii():
        return slug
    return f"{slug}-{hashlib.sha256(name.encode()).hexdigest()[:6]}"


def entity_page(name: str) -> str:
    """The report page of entity ``name``: ``<slug>.html``."""
    return f"{entity_slug(name)}.html"


def page_url(base: str, name: str, goal_id: str | None = None) -> Trusted | None:
    """The address of ``name``'s report page (at ``#goal-ID`` when given) under ``base``."""
    anchor = f"#goal-{quote(goal_id, safe='')}" if goal_id else ""
    return web_url(base.rstrip("/") + "/" + entity_page(name) + anchor)


@dataclass(frozen=True)
class Reach:
    """The people a digest may mention, which statuses mention owners, and the report's base
    address (``report_url`` of the digest, else of tracker.yaml)."""

    people: Mapping[str, Person] = field(default_factory=dict)
    owners: Mapping[str, Sequence[str]] = field(default_factory=dict)
    mention: frozenset[str] = frozenset()
    report_url: str | None = None

    @classmethod
    def of(cls, settings: Settings, digest: DigestConfig) -> Reach:
        # Everyone has a name to show: the key where none is given.
        people = {
            k: p if p.name else p.model_copy(update={"name": k}) for k, p in settings.people.items()
        }
        return cls(
            people=people,
            owners=settings.owners,
            mention=frozenset(digest.mention),
            report_url=digest.report_url or settings.report_url,
        )

    def owners_of(self, goal: Goal) -> tuple[str, ...]:
        """The keys of ``goal``'s owners who are defined in ``people``, each once."""
        keys = goal.owners or tuple(self.owners.get(goal.entity, ()))
        return tuple(k for k in dict.fromkeys(keys) if k in self.people)

    def names(self, keys: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.people[k].name or k for k in keys)

    def page(self, entity: str, goal_id: str | None = None) -> Trusted | None:
        return page_url(self.report_url, entity, goal_id) if self.report_url else None


NOBODY = Reach()
