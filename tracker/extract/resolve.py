"""From the raw goals of one sentence to candidates: what carries from one figure to the next.

* A list's verb carries to its items (新增百亿级企业1家、50亿级企业1家).
* A higher percentage after 争取/力争 with no name of its own is the stretch of the goal before
  it (确保增长9%、争取11%).
* A figure without a name takes the name of the one before; a percentage after a growth goal is
  a growth rate too (增长7%，力争8%).
* Past figures become baselines, not goals."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date

import tracker.extract.cues as cues
from tracker.domain.goals import Comparator, Measure
from tracker.domain.units import PERCENT
from tracker.extract.article import Line
from tracker.extract.baselines import Baselines
from tracker.extract.classify import measure_of, zero_unit
from tracker.extract.clauses import Raw
from tracker.extract.hits import HitKind
from tracker.extract.indicators import (
    canonical_indicator,
    generic,
    refers_back,
    same_family,
    without_entity,
)
from tracker.extract.model import Candidate

_COMMITMENT = re.compile(r"力争|确保|争取")  # 预计… beside one of these: no forecast tag
_VERB_KINDS = (HitKind.figure, HitKind.magnitude)


@dataclass
class Proposals:
    """The goals read so far, with where each quote starts in its compact line."""

    goals: list[Candidate] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)

    def add(self, goal: Candidate, quote_start: int) -> None:
        self.goals.append(goal)
        self.quote_starts.append(quote_start)

    def stretch(self, goal: Candidate, value: float | None, line: Line, end: int) -> Candidate:
        """Give ``goal`` its stretch ``value``, its quote running on to ``end``."""
        index = self.goals.index(goal)  # the first goal equal to it
        stretched = replace(goal, stretch=value, quote=line.quote(self.quote_starts[index], end))
        self.goals[index] = stretched
        return stretched


@dataclass
class _ListVerb:
    """The lead verb of a list's first item and the unit of its figure."""

    verb: str = ""
    unit: str = ""

    def name(self, raw: Raw, name: str) -> str:
        """``name``, with the list's verb before it when the item has none of its own."""
        if raw.hit.kind in _VERB_KINDS and not raw.growth and name and raw.verb:
            self.verb, self.unit = raw.verb, raw.hit.unit
        elif self.verb and name and self._carries_to(raw, name):
            return self.verb + name
        return name

    def _carries_to(self, raw: Raw, name: str) -> bool:
        return bool(
            not cues.FLOW.search(name)
            and not cues.LEVEL.search(raw.context)
            and not cues.LEVEL_WEAK.search(raw.context)
            and raw.hit.comparator is not Comparator.more_than
            and same_family(self.unit, raw.hit.unit)
        )


class SentenceResolver:
    """Resolves the raw goals of one sentence into :class:`Proposals` and :class:`Baselines`."""

    def __init__(
        self,
        proposals: Proposals,
        baselines: Baselines,
        line: Line,
        offset: int,
        baseline_year: int | None,
    ) -> None:
        self.proposals = proposals
        self.baselines = baselines
        self.line = line
        self.offset = offset  # where the sentence starts in the line
        self.baseline_year = baseline_year
        self.previous: Raw | None = None
        self.previous_goal: Candidate | None = None
        self.list_verb = _ListVerb()

    def run(self, s: str, raws: list[Raw]) -> None:
        """Read the raws of compact sentence ``s`` in order."""
        short = len(s) <= cues.LIST_ITEM_CHARS  # an item of a list
        cued = bool(cues.CUE.search(s) or cues.TASK_VERB.search(s) or short)
        declared = bool(_COMMITMENT.search(s))
        for raw in raws:
            name = without_entity(canonical_indicator(raw.indicator), raw.entity)
            name = self.list_verb.name(raw, name)
            if raw.past:
                self.baselines.record(raw, name, self.previous, self.baseline_year)
                self.previous = raw
            elif cued:
                self._goal(raw, name, declared)

    def _goal(self, raw: Raw, name: str, declared: bool) -> None:
        if not name and self._is_stretch(raw):
            self._stretch(raw)
            return
        if (not name or refers_back(name)) and self.previous is not None:
            before = self.previous_goal.indicator if self.previous_goal else ""
            # GDP增长5%,总量突破…; 江海区GDP增长6%,台山市增长6.5%,高新区增长8%
            name = canonical_indicator(self.previous.indicator) or before or name
        if not name and self.previous is None:
            name = canonical_indicator(raw.subject)  # 城镇化率提高1个百分点,达到65%
        if not name and not raw.subjects:
            return
        goal = self.previous_goal
        if (
            raw.hit.unit == PERCENT
            and goal is not None
            and goal.measure is Measure.growth
            and not canonical_indicator(raw.indicator)
        ):
            raw.growth = True  # 增长7%,力争8%: the second figure is a growth rate too
        for subject in raw.subjects or [name]:
            indicator = canonical_indicator(subject) if raw.subjects else name
            if indicator and not generic(indicator):
                self._add(raw, indicator, declared)
        self.previous = raw

    def _is_stretch(self, raw: Raw) -> bool:
        """确保9%、争取11%: a higher percentage with a stretch cue, the goal before without one."""
        goal = self.previous_goal
        return (
            raw.hit.unit == PERCENT
            and goal is not None
            and raw.stretch_cue
            and goal.unit == PERCENT
            and goal.target is not None
            and raw.hit.target is not None
            and raw.hit.target > goal.target
            and goal.stretch is None
        )

    def _stretch(self, raw: Raw) -> None:
        assert self.previous_goal is not None  # checked by _is_stretch
        end = self.offset + raw.quote[1]
        self.previous_goal = self.proposals.stretch(
            self.previous_goal, raw.hit.target, self.line, end
        )

    def _add(self, raw: Raw, indicator: str, declared: bool) -> None:
        start, end = (self.offset + i for i in raw.quote)
        figure = (self.offset + raw.hit.start, self.offset + raw.hit.end)
        goal = _candidate(raw, indicator, self.line.quote(start, end, figure), declared)
        self.proposals.add(goal, start)
        self.previous_goal = goal


def _candidate(raw: Raw, indicator: str, quote: str, declared: bool) -> Candidate:
    hit = raw.hit
    deadline, tags = _deadline(raw)
    if raw.forecast and not declared:
        tags.append("forecast")
    unit = zero_unit(indicator) if hit.kind is HitKind.zero else hit.unit or "个"
    return Candidate(
        entity=raw.entity,
        indicator=indicator,
        measure=measure_of(hit, raw.growth, raw.context + indicator),
        comparator=hit.comparator or Comparator.at_least,
        target=hit.target,
        target_max=hit.target_max,
        unit=unit,
        year=raw.year,
        quote=quote,
        deadline=deadline,
        tags=tuple(tags),
    )


def _deadline(raw: Raw) -> tuple[date | None, list[str]]:
    """A milestone's month end, the last year of a horizon or 到2027年, with their tags."""
    hit = raw.hit
    if hit.kind is HitKind.milestone:
        month = hit.deadline.month if hit.deadline else 12
        return date(raw.year, month, calendar.monthrange(raw.year, month)[1]), []
    if raw.horizon and raw.horizon > 1:
        return date(raw.year + raw.horizon - 1, 12, 31), ["multi-year"]
    if raw.end_year:
        return date(raw.end_year, 12, 31), ["multi-year"]
    return None, []
