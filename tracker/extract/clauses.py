"""Reading one clause: each target figure becomes a :class:`Raw` goal with the words that name it.

A clause is split into list items on 、; an item without a figure waits for the next figure
(规上工业增加值、固定资产投资等…实现两位数增长) or widens the noun of the one before."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tracker.extract.cues as cues
from tracker.extract.classify import comparator_of, decline, growth_of
from tracker.extract.entities import TIME_LEAD, subject_at
from tracker.extract.hits import Hit, HitKind, HitRole
from tracker.extract.indicators import canonical_indicator
from tracker.extract.patterns import MAGNITUDE_NOUN, five_year_end, horizon
from tracker.extract.respectively import split_entities, split_names, subject_names
from tracker.extract.roles import mark_roles
from tracker.extract.split import CLAUSE_SPLIT, Span, items, spans

_PLACE = re.compile(r"园区|片区|集群|产业园")


@dataclass(frozen=True)
class Sentence:
    """A compact sentence and what its reading takes from the sentences before it."""

    text: str
    years: list[tuple[int, int]]  # (position, year) of every 2025年
    plan_year: int
    past: bool  # the tense carried to this sentence
    actual: bool  # the sentence reports an actual (完成…, no plan word)
    progress: bool = False  # its past is this year so far: a 预计 in it is this year's forecast


@dataclass
class Raw:
    """A goal or baseline read from one hit, before inheritance and stretch are resolved."""

    hit: Hit
    indicator: str
    context: str  # words around the figure used to choose the measure
    growth: bool
    past: bool
    entity: str
    year: int
    quote: Span  # sentence positions of the quote
    subjects: list[str] = field(default_factory=list)  # a list's items, each its own goal
    verb: str = ""  # the indicator's lead verb (新增, 引进, …), carried to the list after it
    horizon: int | None = None  # years the clause plans for (力争3年)
    forecast: bool = False
    stretch_cue: bool = False
    end_year: int | None = None  # 到2027年: a multi-year goal
    respectively: bool = False  # 分别 before the figure: the first of several goals
    subject: str = ""  # the subject of the clause before, for a figure named nowhere else


def read_clause(sentence: Sentence, clause: Span, hits: list[Hit], entity: str) -> list[Raw]:
    """The raw goals of ``sentence.text[clause]`` whose figures are ``hits``, for ``entity``."""
    return _ClauseReader(sentence, clause, entity).read(hits)


class _ClauseReader:
    def __init__(self, sentence: Sentence, clause: Span, entity: str) -> None:
        self.sentence = sentence
        self.s = sentence.text
        self.clause = clause
        self.entity = entity
        self.past = _clause_past(sentence, clause)
        # 今后五年,地区生产总值年均增长6%以上: a horizon said earlier in the sentence holds
        self.horizon = horizon(self.s[clause[0] : clause[1]]) or horizon(self.s[: clause[0]])
        self.raws: list[Raw] = []
        self.pending: list[Span] = []  # items without figures waiting for a list

    def read(self, hits: list[Hit]) -> list[Raw]:
        if cues.FISCAL.search(self.s, *self.clause):
            return []
        for ia, ib in items(self.s, *self.clause):
            item_hits = [h for h in hits if ia <= h.start < ib]
            if item_hits:
                self._item((ia, ib), item_hits)
            elif self.raws and self.raws[-1].hit.noun and not self.pending:
                last = self.raws[-1]  # 8个项目、平台: the noun of the figure goes on
                last.hit.noun += "、" + self.s[ia:ib]
                last.quote = (last.quote[0], ib)
            else:
                self.pending.append((ia, ib))
        self._respectively()
        return self.raws

    def _respectively(self) -> None:
        """分别增长5%、6.5%左右: the figures after 分别 share out the names before it."""
        for i, leader in enumerate(self.raws):
            if not leader.respectively:
                continue
            group = [leader]
            for raw in self.raws[i + 1 :]:
                if canonical_indicator(raw.indicator):
                    break
                group.append(raw)
            name = canonical_indicator(leader.indicator) or subject_names(self._clause_before())
            written = subject_names(self.s[self.clause[0] : leader.hit.start])
            entities = split_entities(written, len(group))  # 神木市、府谷县GDP分别增长7%、8%
            names = [entities[1]] * len(group) if entities else split_names(name, len(group))
            if not names:
                continue
            for n, (raw, each) in enumerate(zip(group, names, strict=True)):
                raw.indicator = each
                raw.entity = entities[0][n] if entities else raw.entity
                raw.growth = raw.growth or (leader.growth and raw.hit.unit == leader.hit.unit)
                if raw is not leader and raw.hit.plain:
                    raw.hit.comparator = leader.hit.comparator  # 分别超过90家和870家
                    raw.hit.plain = leader.hit.plain

    def _clause_before(self) -> str:
        """The clause before this one in the sentence (where 分别's names may stand)."""
        before = [self.s[a:b] for a, b in spans(self.s[: self.clause[0]], CLAUSE_SPLIT)]
        return before[-1] if before else ""

    def _item(self, item: Span, hits: list[Hit]) -> None:
        mark_roles(self.s, item, hits)
        previous_end = item[0]
        for hit in hits:
            if hit.role is not HitRole.target or self._counts_the_list(item, hit):
                continue
            raw = self._raw(item, previous_end, hit)
            raw.horizon = self.horizon
            self.raws.append(raw)
            previous_end = hit.end
            self.pending = []  # the items waiting before the first figure are its names
        self.pending = []

    def _raw(self, item: Span, previous_end: int, hit: Hit) -> Raw:
        s = self.s
        ia, ib = item
        pre = s[previous_end : hit.start]
        after = s[hit.end : ib]
        hit.comparator = comparator_of(hit, pre)
        growth, grows = growth_of(hit, pre, after)
        if growth:
            decline(hit, pre)
        indicator = _strip_subject(_indicator_words(hit, pre, grows, growth))
        subjects, indicator = self._with_pending(indicator, hit)
        year, end_year = _goal_year(self.sentence, hit)
        verb = cues.VERB_LEAD.match(canonical_indicator(indicator) or "")
        return Raw(
            hit=hit,
            indicator=indicator,
            context=pre + hit.noun + s[ia : hit.start],
            growth=growth,
            past=self.past,
            entity=self.entity,
            year=year,
            quote=(self.clause[0], ib if _quote_to_item_end(hit, after) else hit.end),
            subjects=subjects,
            verb=verb.group(0) if verb else "",
            forecast=bool(cues.FORECAST.search(pre)),
            respectively="分别" in s[ia : hit.start],
            subject="" if canonical_indicator(indicator) else subject_names(self._clause_before()),
            stretch_cue=bool(cues.STRETCH_CUE.search(pre)),
            end_year=end_year,
        )

    def _counts_the_list(self, item: Span, hit: Hit) -> bool:
        """江睦、银洲湖两个产业园: the figure counts the names before it, it is no target
        (with 等 the names are examples of a larger count)."""
        named = len(self.pending) + 1
        before = self.s[item[0] : hit.start]
        return bool(self.pending) and hit.target == named and "等" not in before

    def _with_pending(self, indicator: str, hit: Hit) -> tuple[list[str], str]:
        """Items waiting before the figure: each its own goal before 等, else one joint name."""
        pending = [self.s[x:y] for x, y in self.pending]
        if not pending:
            return [], indicator
        if ("等" in indicator or indicator.endswith(("均", "都"))) and not hit.noun:
            return [*pending, indicator.split("等")[0]], indicator
        return [], "、".join([*pending, indicator])


def _clause_past(sentence: Sentence, clause: Span) -> bool:
    """Whether the clause reports the past: its own words and years, else the sentence's tense."""
    ca, cb = clause
    text = sentence.text[ca:cb]
    past_clause = bool(
        sentence.actual
        or cues.PAST_CLAUSE.search(text)
        or (cues.SAME_PERIOD.search(text) and not cues.DECLARED.search(sentence.text))
    )
    clause_years = [y for p, y in sentence.years if ca <= p < cb]
    if clause_years and max(clause_years) < sentence.plan_year:
        past_clause = True
    past = past_clause or sentence.past
    if past and cues.STRONG_CUE.search(text) and not past_clause and not clause_years:
        past = False  # a plan word in the clause ends the review carried from before
    if sentence.progress and cues.FORECAST.search(text) and not past_clause:
        # 今年以来…已签约,预计新增47家: this year's forecast; 1-7月预计完成: an estimate so far
        past = bool(cues.PROGRESS.search(text))
    return past


def _indicator_words(hit: Hit, pre: str, grows: str, growth: bool) -> str:
    """The words that name what the figure measures (``grows``: ``pre`` before a growth word)."""
    if hit.scope:
        return f"{pre}({hit.scope})"
    if hit.kind is HitKind.rank:
        return hit.noun + "排名"
    if hit.kind is HitKind.milestone:
        return pre + hit.verb
    if hit.kind is HitKind.magnitude and hit.noun:
        return _magnitude_words(hit, pre)
    if hit.noun and not growth:
        return pre + hit.noun
    return grows


def _magnitude_words(hit: Hit, pre: str) -> str:
    word = MAGNITUDE_NOUN.match(hit.noun)
    if not word:
        return pre + hit.noun  # 超万亩产业熟地
    place = _PLACE.match(hit.noun[word.end() :])  # 千亿产值园区 -> 园区产值, 千亿GDP强区 -> GDP
    return (place.group(0) if place else "") + word.group(0)


def _strip_subject(indicator: str) -> str:
    """江海区力争地区生产总值 -> 力争地区生产总值: the entity is not part of the name."""
    lead = TIME_LEAD.sub("", indicator)
    named = subject_at(lead)
    if named and lead.startswith(named):
        return lead[len(named) :]  # 台山市增长6.5%: no name of its own, the one before holds
    return indicator


def _goal_year(sentence: Sentence, hit: Hit) -> tuple[int, int | None]:
    """The goal's year and, for 到2027年, its end year: a later year before the figure decides."""
    before = [y for p, y in sentence.years if p < hit.start]
    plan_end = five_year_end(sentence.text[: hit.start])
    if plan_end and plan_end > sentence.plan_year and not before:
        return sentence.plan_year, plan_end  # 到“十四五”末累计达到8万套
    if before and before[-1] > sentence.plan_year:
        if re.search(rf"到{before[-1]}年", sentence.text):
            return sentence.plan_year, before[-1]
        return before[-1], None
    return sentence.plan_year, None


def _quote_to_item_end(hit: Hit, after: str) -> bool:
    """Whether the quote runs to the end of the item (the words after the figure belong to it)."""
    return bool(
        hit.noun
        or hit.scope
        or hit.kind in (HitKind.milestone, HitKind.rank)
        or not after
        or cues.TARGET_AFTER.match(after)
    )
