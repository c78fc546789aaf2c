"""Reading one clause: each target figure becomes a :class:`Raw` goal with the words that name it.

A clause is split into list items on 、; an item without a figure waits for the next figure
(规上工业增加值、固定资产投资等…实现两位数增长) or widens the noun of the one before."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tracker.extract.cues as cues
from tracker.domain.units import PERCENT
from tracker.extract.classify import comparator_of, decline, growth_of
from tracker.extract.entities import TIME_LEAD, full_name, subject_at
from tracker.extract.hits import Hit, HitKind, HitRole
from tracker.extract.indicators import canonical_indicator, generic
from tracker.extract.patterns import MADE, MAGNITUDE_NOUN, horizon
from tracker.extract.periods import Sentence, clause_past, goal_year
from tracker.extract.respectively import split_entities, split_names, subject_names
from tracker.extract.roles import mark_roles
from tracker.extract.split import Span, clause_spans, items

_PLACE = re.compile(r"园区|片区|集群|产业园")
# 固定资产投资、社零总额均增长8%, 进出口、外资均实现正增长: one figure for every item.
_SHARED = re.compile(r"(?:均|都|全部|各)(?:要|将)?(?:实现|达到|保持)?$")


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
    entities: list[str] = field(default_factory=list)  # 江西、新疆为7%左右: one goal each
    entity_subject: bool = False  # the figure's words start with an entity (海南为9.5%左右)
    subject_grows: bool = False  # the clause before names a growth (各地GDP增长目标:上海为5.5%)
    subject: str = ""  # the subject of the clause before, for a figure named nowhere else


def read_clause(
    sentence: Sentence, clause: Span, hits: list[Hit], entity: str, named: bool = False
) -> list[Raw]:
    """The raw goals of ``sentence.text[clause]`` whose figures are ``hits``, for ``entity``
    (``named``: the sentence named it as the subject, 西藏预期增长目标最高,为7%以上)."""
    return _ClauseReader(sentence, clause, entity, named).read(hits)


class _ClauseReader:
    def __init__(self, sentence: Sentence, clause: Span, entity: str, named: bool) -> None:
        self.sentence = sentence
        self.s = sentence.text
        self.clause = clause
        self.entity = entity
        self.named = named
        self.past = clause_past(sentence, clause)
        # 4所学校进入收尾阶段,9月份投入使用: a deadline looks ahead unless its clause says it is met
        self.deadline_past = bool(cues.PAST_CLAUSE.search(self.s, *clause))
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
                pending, before = list(self.pending), len(self.raws)
                self._item((ia, ib), item_hits)
                if len(self.raws) == before:  # 10亿元企业、5亿元企业…分别: only sizes, a name
                    self.pending = [*pending, (ia, ib)]
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
            last = group[-1].hit
            for raw in group[:-1]:
                if raw.hit.plain and not last.plain and last.kind is raw.hit.kind:
                    raw.hit.comparator, raw.hit.plain = last.comparator, False  # 5.5%、6.5%左右

    def _clause_before(self) -> str:
        """The clause before this one in the sentence (where 分别's names may stand)."""
        before = [self.s[a:b] for a, b in clause_spans(self.s[: self.clause[0]])]
        return before[-1] if before else ""

    def _item(self, item: Span, hits: list[Hit]) -> None:
        mark_roles(self.s, item, hits)
        if any(self._counts_the_list(item, hit) for hit in hits) and len(hits) > 1:
            self.pending = []  # 重庆、…、贵州12个省区市目标同时锚定6%: a summary of the list
            return
        previous_end = item[0]
        for hit in hits:
            if hit.role is not HitRole.target or self._counts_the_list(item, hit):
                continue
            raw = self._raw(item, previous_end, hit)
            raw.horizon = self.horizon
            self.raws.append(raw)
            counted = hit.noun and self.s.startswith(hit.noun, hit.end)
            previous_end = hit.end + len(hit.noun) if counted else hit.end  # the noun is its
            self.pending = []  # the items waiting before the first figure are its names
        self.pending = []

    def _raw(self, item: Span, previous_end: int, hit: Hit) -> Raw:
        s = self.s
        ia, ib = item
        pre = s[previous_end : hit.start]
        after = s[hit.end : ib].lstrip("”」’)）")
        hit.comparator = comparator_of(hit, pre)
        growth, grows = growth_of(hit, pre, after)
        if growth:
            decline(hit, pre)
        words = _indicator_words(hit, pre, grows, growth, after)
        entities = self._entity_list(words)
        indicator = _strip_subject(words)
        subjects: list[str] = []
        if entities:
            self.pending = []  # 江西、新疆为7%: the items were entities, not names
        else:
            subjects, indicator = self._with_pending(indicator, hit, growth)
        year, end_year = goal_year(self.sentence, hit)
        verb = cues.VERB_LEAD.match(canonical_indicator(indicator) or "")
        return Raw(
            hit=hit,
            indicator=indicator,
            context=pre + hit.noun + s[ia : hit.start],
            growth=growth,
            past=self.deadline_past if hit.kind is HitKind.milestone else self.past,
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
            entities=entities,
            entity_subject=bool(entities or self.named or subject_at(TIME_LEAD.sub("", words))),
            subject_grows=hit.unit == PERCENT and _names_a_growth(self._clause_before()),
        )

    def _entity_list(self, words: str) -> list[str]:
        """江西、新疆为7%左右, 甘肃、河南为6%: entities listed before one figure, each its goal."""
        pending = [self.s[x:y] for x, y in self.pending]
        last = subject_at(TIME_LEAD.sub("", words))
        if not pending or not last or any(subject_at(name) != name for name in pending):
            return []
        if "分别" in words:
            return []  # 神木市、府谷县GDP分别增长7%、8%: shared out by 分别
        return [full_name(name) for name in [*pending, last]]

    def _counts_the_list(self, item: Span, hit: Hit) -> bool:
        """江睦、银洲湖两个产业园: the figure counts the names before it, it is no target
        (with 等 the names are examples of a larger count)."""
        named = len(self.pending) + 1
        before = self.s[item[0] : hit.start]
        shared = "等" in before or "分别" in before  # examples of more; 分别: one figure each
        made = bool(MADE.search(before))  # 在…、…、…新建3处口袋公园: three built, a target
        return bool(self.pending) and hit.target == named and not shared and not made

    def _with_pending(self, indicator: str, hit: Hit, growth: bool) -> tuple[list[str], str]:
        """Items waiting before the figure: each its own goal before 等 (规上工业增加值、
        固定资产投资等…增长10%), else one joint name; names before 等 + a noun the figure
        counts are examples of it (筛查高血压、糖尿病等慢病患者2000万人次 is one goal)."""
        pending = [self.s[x:y] for x, y in self.pending]
        if not pending:
            return [], indicator
        head, _, tail = indicator.partition("等")
        examples = bool(tail) and not growth and not generic(canonical_indicator(tail) or "等")
        shared = _SHARED.search(indicator) or hit.kind is HitKind.both  # A、B产值双过亿
        if (tail or shared) and not hit.noun and not examples:
            return [*pending, head], indicator
        return [], "、".join([*pending, indicator])


def _names_a_growth(clause: str) -> bool:
    """各地GDP增长目标: a clause without a figure of its own that names a growth."""
    return bool(cues.GROWTH_WORD.search(clause)) and not any(ch.isdigit() for ch in clause)


def _indicator_words(hit: Hit, pre: str, grows: str, growth: bool, after: str) -> str:
    """The words that name what the figure measures (``grows``: ``pre`` before a growth word;
    a milestone's words after its verb: 6月底前完成主体工程建设)."""
    if hit.scope:
        return f"{pre}({hit.scope})"
    if hit.kind is HitKind.rank:
        return hit.noun + "排名"
    if hit.kind is HitKind.milestone:
        return pre + hit.verb + after
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
    if place:
        return place.group(0) + word.group(0)
    return canonical_indicator(pre) + word.group(0)  # 新材料产业达到百亿级规模


def _strip_subject(indicator: str) -> str:
    """江海区力争地区生产总值 -> 力争地区生产总值: the entity is not part of the name."""
    lead = TIME_LEAD.sub("", indicator)
    named = subject_at(lead)
    if named and lead.startswith(named):
        return lead[len(named) :]  # 台山市增长6.5%: no name of its own, the one before holds
    return indicator


def _quote_to_item_end(hit: Hit, after: str) -> bool:
    """Whether the quote runs to the end of the item (the words after the figure belong to it)."""
    return bool(
        hit.noun
        or hit.scope
        or hit.kind in (HitKind.milestone, HitKind.rank)
        or not after
        or cues.TARGET_AFTER.match(after)
    )
