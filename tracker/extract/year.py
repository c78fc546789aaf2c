"""The year of the goals: the year written before the targets, else the date, else the footer."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import tracker.extract.cues as cues
from tracker.extract.article import Article
from tracker.extract.hits import HitKind, find_hits
from tracker.extract.model import YearSource
from tracker.extract.patterns import years_at
from tracker.extract.split import sentences
from tracker.extract.tense import reports_actual


@dataclass
class _YearCounts:
    """What the article's sentences say about years."""

    stated: Counter[int] = field(default_factory=Counter)  # written before a planned figure
    first_seen: dict[int, int] = field(default_factory=dict)  # rank of its first statement
    mentioned: Counter[int] = field(default_factory=Counter)
    reported: set[int] = field(default_factory=set)  # 2024年完成GDP573.7亿元: plan year is later

    def read(self, s: str) -> None:
        years = years_at(s)
        hits = [h for h in find_hits(s) if h.kind != HitKind.milestone]
        if years and reports_actual(s, hits, cues.REPORTED):
            self.reported.update(y for _, y in years)
            return
        for _, y in years:
            self.mentioned[y] += 1
        if not hits or not cues.STRONG_CUE.search(s) or cues.PAST_SENTENCE.search(s):
            return
        first = hits[0].start
        for pos, y in years:
            if pos < first and s[max(0, pos - 1) : pos] != "到":  # 到2027年: a deadline
                self.stated[y] += 1
                self.first_seen.setdefault(y, len(self.first_seen))


def article_year(article: Article, published: date | None) -> tuple[int, YearSource]:
    """The year of the goals and where it came from (see :attr:`Extraction.year_from`)."""
    counts = _YearCounts()
    for line in article.lines:
        for s in sentences(line.compact):
            counts.read(s)
    stated, first_seen = counts.stated, counts.first_seen
    if published is not None:
        # A page plans for the year it is published in or the next (a report in December); a
        # year stated before a target outside that window is one the text looks back on.
        stated = Counter({y: n for y, n in stated.items() if 0 <= y - published.year <= 1})
    if stated:
        return max(stated, key=lambda y: (stated[y], -first_seen[y])), YearSource.text
    if published is not None:
        return published.year, YearSource.published
    if article.copyright_year is not None:
        return article.copyright_year, YearSource.copyright
    after = max(counts.reported) + 1 if counts.reported else None
    if counts.mentioned:
        best = max(counts.mentioned, key=lambda y: (counts.mentioned[y], y))
        if after is None or best >= after:
            return best, YearSource.mentions
    if after is not None:
        return after, YearSource.reports
    return date.today().year, YearSource.today
