"""Reading an article sentence by sentence, with what carries between sentences: the section's
entity, the tense, the goals read so far and the baselines they will get."""

from __future__ import annotations

from tracker.extract.article import Article, Line
from tracker.extract.baselines import Baselines
from tracker.extract.clauses import Raw, Sentence, read_clause
from tracker.extract.entities import HEADER, Entities, subject_at
from tracker.extract.hits import HitKind, find_hits
from tracker.extract.model import Candidate
from tracker.extract.patterns import years_at
from tracker.extract.resolve import Proposals, SentenceResolver
from tracker.extract.split import CLAUSE_SPLIT, quoted, sentence_spans, spans
from tracker.extract.tables import Table, is_row
from tracker.extract.tense import Tense


class Reader:
    """Proposes the goals of one article for ``year``; ``entity`` overrides what it names."""

    def __init__(self, article: Article, year: int, entities: Entities, entity: str | None) -> None:
        self.article = article
        self.year = year
        self.entities = entities
        self.fixed_entity = entity
        self.section: str | None = None  # the entity of the current section header
        self.tense = Tense(year)
        self.proposals = Proposals()
        self.baselines = Baselines()
        self.table = Table(year)

    def run(self) -> list[Candidate]:
        """The goals in reading order, each with its baseline when the article gives one."""
        for line in self.article.lines:
            header = HEADER.match(line.compact)
            if header:
                self.section = self.entities.canonical(header.group("n"))
                continue
            if is_row(line):
                for goal in self.table.read(line, self._entity(None)):
                    self.proposals.add(goal, 0)
                continue
            self.table = Table(self.year)  # a table ends at the first line that is no row
            for a, b in sentence_spans(line.compact):
                self._sentence(line, a, b)
        return [self.baselines.attach(g) for g in self.proposals.goals]

    def _sentence(self, line: Line, a: int, b: int) -> None:
        s = line.compact[a:b]
        hits = find_hits(s)
        self.tense.update(s, hits)
        if not hits:
            return
        inside = quoted(s)  # a figure in a title or name is not a target; “零”突破 is quoted
        kept = (HitKind.zero, HitKind.rank)  # “零”突破, 跻身“全国百强”: the target itself
        hits = [h for h in hits if not inside[h.start] or h.kind in kept]
        tense = self.tense
        sentence = Sentence(s, years_at(s), self.year, tense.past, tense.actual, tense.progress)
        subject = None
        raws: list[Raw] = []
        for ca, cb in spans(s, CLAUSE_SPLIT):
            name = subject_at(s[ca:cb])
            if name:
                subject = self.entities.canonical(name)
            clause_hits = [h for h in hits if ca <= h.start < cb]
            if clause_hits:
                entity = self._entity(subject)
                raws.extend(read_clause(sentence, (ca, cb), clause_hits, entity))
        resolver = SentenceResolver(
            self.proposals, self.baselines, line, a, self.tense.baseline_year
        )
        resolver.run(s, raws)

    def _entity(self, subject: str | None) -> str:
        """Whose goal: the option, the clause's subject, the section, the article's main one."""
        return self.fixed_entity or subject or self.section or self.entities.main or ""
