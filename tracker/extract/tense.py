"""Tense: whether a sentence states a plan or reports what was achieved.

The tense carries from sentence to sentence until a year, 今年 or a plan word changes it, so a
review of last year stays in the past across its sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

import tracker.extract.cues as cues
from tracker.domain.goals import Comparator
from tracker.extract.hits import Hit, HitKind
from tracker.extract.patterns import YEAR
from tracker.extract.split import CLAUSE_SPLIT

_ACTUAL_KINDS = frozenset({HitKind.figure, HitKind.magnitude, HitKind.zero, HitKind.two_digit})


@dataclass
class Tense:
    """The tense of the sentence being read, and the year its past figures belong to."""

    plan_year: int
    past: bool = False
    actual: bool = False  # the current sentence reports an actual (完成…, no plan word)
    progress: bool = False  # the past is this year so far (今年以来, 上半年)
    context_year: int | None = None

    def update(self, s: str, hits: list[Hit]) -> None:
        """Read sentence ``s`` (with its figures ``hits``)."""
        years = [int(m.group(1)) for m in YEAR.finditer(s)]
        bounded = any(not h.plain and h.kind is HitKind.figure for h in hits)
        # 实施重点项目500个以上,年度完成投资800亿元: a bound makes the sentence a plan
        self.actual = reports_actual(s, hits, cues.DONE) and not bounded
        self.progress = False
        if cues.PROGRESS.search(s) and not cues.COMMITTED.search(s) and not bounded:
            self.past = self.progress = True  # 上半年,全市新增就业2435人: a result so far
            self.context_year = self.plan_year
            return
        if self.actual:  # 地区生产总值完成1234.5亿元: what was done, whatever the year says
            if years:
                self.past, self.context_year = True, max(years)
            elif cues.LAST_YEAR.search(s):
                self.past, self.context_year = True, self.plan_year - 1
            # undated, the actual is this sentence's: the sentences after keep their tense
        elif any(y >= self.plan_year for y in years) or cues.THIS_YEAR.search(s):
            self.past, self.context_year = False, self.plan_year
        elif years:
            self.past, self.context_year = True, max(years)
        elif cues.LAST_YEAR.search(s):
            self.past, self.context_year = True, self.plan_year - 1
        elif cues.PAST_SENTENCE.search(s) and not cues.STRONG_CUE.search(s):
            self.past = True
        elif cues.PLAN_AHEAD.search(s):
            self.past = False  # 将/要 alone make their own clause a plan, not the text after

    @property
    def baseline_year(self) -> int | None:
        """The year a past figure reports, when it is before the plan year."""
        if self.context_year and self.context_year < self.plan_year:
            return self.context_year
        return None


def reports_actual(s: str, hits: list[Hit], verbs: re.Pattern[str]) -> bool:
    """Whether ``s`` reports an actual: no plan word, and a verb of ``verbs`` governs a figure
    (same clause, no other verb between: not 完成改造后新增学位1000个).

    A figure with a target's bound (以上, 不少于, 以内, 1-2个) is not an actual, nor one that
    counts the noun after it (完成300户老旧小区改造: a task of the list, not a result)."""
    if cues.PLAN_CUE.search(s):
        return False
    for verb in verbs.finditer(s):
        for hit in hits:
            between = s[verb.end() : hit.start]
            if (
                hit.start >= verb.end()
                and _actual_figure(hit)
                and not cues.COUNTED_TASK.match(s, hit.end)
                and _has_subject(s, verb.start())
                and not CLAUSE_SPLIT.search(between)
                and not cues.OTHER_VERB.search(between)
            ):
                return True
    return False


def _has_subject(s: str, verb: int) -> bool:
    """Whether words stand before the verb in its clause: 全区完成…300亿元 reports, a clause
    that starts with 完成 (完成筛查1.25万人) is a task of a list."""
    starts = [m.end() for m in CLAUSE_SPLIT.finditer(s, 0, verb)]
    return verb > (starts[-1] if starts else 0)


def _actual_figure(hit: Hit) -> bool:
    if hit.kind not in _ACTUAL_KINDS:
        return False
    if hit.comparator in (Comparator.at_most, Comparator.between, Comparator.more_than):
        return False  # 超420亿元, 以内, 1-2个: a bound is a target's
    return hit.comparator is not Comparator.at_least or hit.plain or hit.kind != HitKind.figure
