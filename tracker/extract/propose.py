"""The entry points: an article's text in, an :class:`Extraction` of proposed goals out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from tracker.domain.text import decode_text, normalize
from tracker.extract.article import Article
from tracker.extract.entities import Entities
from tracker.extract.indicators import restates
from tracker.extract.model import UNKNOWN_ENTITY, Candidate, Extraction, YearSource
from tracker.extract.reader import Reader
from tracker.extract.year import article_year


def extract(
    text: str,
    *,
    entity: str | None = None,
    year: int | None = None,
    published: date | None = None,
) -> Extraction:
    """Read ``text`` and propose its targets.

    ``entity`` and ``year`` override what the article says; ``published`` dates the article
    (its year is used when the text only says 今年).
    """
    article = Article.read(text)
    if published is None:
        published = article.date
    doc_year, year_from = (year, YearSource.option) if year else article_year(article, published)
    entities = Entities.find(article)
    candidates = Reader(article, doc_year, entities, entity).run()
    named = _most_common(c.entity for c in candidates if c.entity)
    default_entity = entity or entities.main or named or UNKNOWN_ENTITY
    candidates = [c if c.entity else replace(c, entity=default_entity) for c in candidates]
    candidates = _dedupe(candidates)  # after the entities are known: one goal is said twice
    return Extraction(
        default_entity,
        doc_year,
        tuple(candidates),
        article.url,
        published,
        year_from=year_from,
        says_this_year=any("今年" in line.compact for line in article.lines),
    )


def extract_targets(
    text: str,
    *,
    entity: str | None = None,
    year: int | None = None,
    published: date | None = None,
) -> list[Candidate]:
    """The candidates of :func:`extract` as a list."""
    return list(extract(text, entity=entity, year=year, published=published).candidates)


def decode_article(data: bytes) -> str:
    """Article bytes as text: UTF-8 (BOM or not), else GB18030; ValueError for anything else."""
    return decode_text(data)[0]


def _dedupe(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Each goal once: a repeated body, a repeated quote or a headline restating a goal of the
    body (same figure, one name inside the other) gives no second goal."""
    seen: set[tuple[Any, ...]] = set()
    figures: dict[tuple[Any, ...], list[str]] = {}
    kept = []
    for cand in candidates:
        keys = [
            ("goal", cand.entity, cand.indicator, cand.target, cand.target_max, cand.unit),
            ("quote", normalize(cand.quote), cand.indicator),
        ]
        figure = (cand.entity, cand.measure, cand.comparator, cand.target, cand.target_max)
        names = figures.setdefault((*figure, cand.unit, cand.year), [])
        if any(k in seen for k in keys) or any(restates(n, cand.indicator) for n in names):
            continue
        seen.update(keys)
        names.append(cand.indicator)
        kept.append(cand)
    return kept


def _most_common(values: Iterable[str]) -> str | None:
    counts = Counter(values)
    return counts.most_common(1)[0][0] if counts else None
