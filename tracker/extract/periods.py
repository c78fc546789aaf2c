"""The period a clause speaks of: the sentence's tense, the years before it and the five-year
plan it names decide whether a figure is a result of the past, and which year a goal is for."""

from __future__ import annotations

import re
from dataclasses import dataclass

import tracker.extract.cues as cues
from tracker.extract.hits import Hit
from tracker.extract.patterns import FIVE_YEAR_PLAN, five_year_end, plan_period_end
from tracker.extract.split import Span


@dataclass(frozen=True)
class Sentence:
    """A compact sentence and what its reading takes from the sentences before it."""

    text: str
    years: list[tuple[int, int]]  # (position, year) of every 2025年
    plan_year: int
    past: bool  # the tense carried to this sentence
    actual: bool  # the sentence reports an actual (完成…, no plan word)
    progress: bool = False  # its past is this year so far: a 预计 in it is this year's forecast


def clause_past(sentence: Sentence, clause: Span) -> bool:
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
    if _ended_plan_before(sentence, cb):
        past_clause = True  # “十四五”时期,地区生产总值年均增长5.4%: in a 2026 report, a result
    if not clause_years and _lead_year_before(sentence, ca, cb):
        past_clause = True  # 2024年,全区地区生产总值增长6.5%: the year leads the clauses after
    past = past_clause or sentence.past
    if past and cues.STRONG_CUE.search(text) and not past_clause and not clause_years:
        past = False  # a plan word in the clause ends the review carried from before
    if sentence.progress and cues.FORECAST.search(text) and not past_clause:
        # 今年以来…已签约,预计新增47家: this year's forecast; 1-7月预计完成: an estimate so far
        past = bool(cues.PROGRESS.search(text))
    return past


def _ended_plan_before(sentence: Sentence, cb: int) -> bool:
    """The last five-year plan named up to the clause's end ended before the plan year."""
    found = list(FIVE_YEAR_PLAN.finditer(sentence.text, 0, cb))
    if not found:
        return False
    end = 2020 + 5 * "三四五六".index(found[-1].group("n"))
    return end < sentence.plan_year and not cues.THIS_YEAR.search(
        sentence.text, found[-1].end(), cb
    )


def _lead_year_before(sentence: Sentence, ca: int, cb: int) -> bool:
    """An earlier year written before the clause in its sentence, no 今年/年内 since."""
    before = [(p, y) for p, y in sentence.years if p < ca]
    if not before or before[-1][1] >= sentence.plan_year:
        return False
    return not cues.THIS_YEAR.search(sentence.text, before[-1][0], cb)


def goal_year(sentence: Sentence, hit: Hit) -> tuple[int, int | None]:
    """The goal's year and, for 到2027年, its end year: a later year before the figure decides."""
    before = [y for p, y in sentence.years if p < hit.start]
    plan_end = five_year_end(sentence.text[: hit.start])
    if plan_end is None and "年均" in sentence.text[: hit.start]:
        plan_end = plan_period_end(sentence.text[: hit.start])  # 十五五规划…年均增长5%左右
    if plan_end and plan_end > sentence.plan_year and not before:
        return sentence.plan_year, plan_end  # 到“十四五”末累计达到8万套
    if before and before[-1] > sentence.plan_year:
        if re.search(rf"到{before[-1]}年", sentence.text):
            return sentence.plan_year, before[-1]
        return before[-1], None
    return sentence.plan_year, None
