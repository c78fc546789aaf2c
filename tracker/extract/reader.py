"""Reading an article sentence by sentence, with what carries between sentences: the section's
entity, the tense, the goals read so far and the baselines they will get."""

from __future__ import annotations

import tracker.extract.cues as cues
from tracker.extract.article import Article, Line
from tracker.extract.baselines import Baselines
from tracker.extract.clauses import Raw, read_clause
from tracker.extract.entities import HEADER, Entities, subject_at
from tracker.extract.hits import HitKind, find_hits
from tracker.extract.model import Candidate
from tracker.extract.patterns import years_at
from tracker.extract.periods import Sentence
from tracker.extract.resolve import Proposals, SentenceResolver
from tracker.extract.roles import breakdown_parts
from tracker.extract.split import clause_spans, quoted, sentence_spans
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
        self.recent: list[str] = []  # the sentences just read

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
            if line.compact.endswith("|"):
                self.tense = Tense(self.year)  # a table's cell, one a line: it says its own tense
            parts = breakdown_parts(line.compact)
            for a, b in sentence_spans(line.compact):
                self._sentence(line, a, b, parts)
        return [self.baselines.attach(g) for g in self.proposals.goals]

    def _sentence(self, line: Line, a: int, b: int, parts: set[int]) -> None:
        s = line.compact[a:b]
        self.recent = [*self.recent[-3:], s]  # this sentence and the three before
        hits = find_hits(s)
        self.tense.update(s, hits, continued=a > 0 and line.compact[a - 1] in ";；")
        if not hits:
            return
        inside = quoted(s)  # a figure in a title or name is not a target; “零”突破 is quoted
        kept = (HitKind.zero, HitKind.rank)  # “零”突破, 跻身“全国百强”: the target itself
        hits = [h for h in hits if not inside[h.start] or h.kind in kept]
        hits = [h for h in hits if a + h.start not in parts]  # (其中:…): parts of the figure
        tense = self.tense
        sentence = Sentence(s, years_at(s), self.year, tense.past, tense.actual, tense.progress)
        subject = None
        raws: list[Raw] = []
        for ca, cb in clause_spans(s):
            name = subject_at(s[ca:cb])
            if name:
                subject = self.entities.canonical(name)
            clause_hits = [h for h in hits if ca <= h.start < cb]
            if cues.VAGUE_SUBJECT.match(s, ca):
                continue  # 多数省份GDP目标高于5%: a summary of others' targets
            if clause_hits:
                entity = self._entity(subject)
                named = subject is not None and not self.fixed_entity
                raws.extend(read_clause(sentence, (ca, cb), clause_hits, entity, named))
        resolver = SentenceResolver(
            self.proposals, self.baselines, line, a, self.tense.baseline_year
        )
        if any(cues.GDP_TOPIC.search(recent) for recent in self.recent):
            resolver.topic = "地区生产总值"
        resolver.run(s, raws)

    def _entity(self, subject: str | None) -> str:
        """Whose goal: the option, the clause's subject, the section, the article's main one."""
        return self.fixed_entity or subject or self.section or self.entities.main or ""
