"""Figures found in a sentence (:class:`Hit`): what they say, before their role is known."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import tracker.extract.patterns as p
from tracker.domain.goals import Comparator
from tracker.domain.units import PERCENT, parse_unit
from tracker.extract.numerals import is_chinese, number_value


class HitKind(StrEnum):
    """The pattern a figure was written in."""

    figure = "figure"  # 增长7%, 不少于80个, 1-2个
    magnitude = "magnitude"  # 超千亿, 千亿产值
    two_digit = "two-digit"  # 两位数增长: at least 10%
    doubling = "doubling"  # 翻一番: at least 100% more
    flat = "flat"  # 与上年持平: about 0%; 正增长: more than 0%
    zero = "zero"  # “零”突破: at least one
    rank = "rank"  # 争创…50强: at most 50th
    milestone = "milestone"  # 3月底前动工: done by a date


class HitRole(StrEnum):
    """What a figure is to its sentence."""

    target = "target"
    modifier = "modifier"  # qualifies a noun: 10亿元以上项目
    scope = "scope"  # what an amount covers: 年度投资300亿元的(415个)区重点项目


# Kinds whose wording is fixed, so what follows them never makes them a modifier.
FIXED_KINDS = frozenset(
    {
        HitKind.two_digit,
        HitKind.doubling,
        HitKind.flat,
        HitKind.zero,
        HitKind.rank,
        HitKind.milestone,
    }
)


@dataclass
class Hit:
    """One figure in a sentence (positions relative to the sentence).

    Mutable: reading the clause marks its role and may widen its noun or adjust its comparator."""

    start: int
    end: int
    kind: HitKind
    comparator: Comparator | None
    target: float | None
    unit: str
    target_max: float | None = None
    noun: str = ""  # the noun a figure counts when it precedes it (8个项目)
    role: HitRole = HitRole.target
    deadline: date | None = None  # a milestone's month (year 1: the plan year is not known yet)
    verb: str = ""  # a milestone's verb: 动工, 建成, …
    scope: str = ""  # what an amount covers: 年度投资300亿元的(415个区重点项目)
    plain: bool = False  # no comparator word: "增长7%" (at least), "控制在5%" (at most)


def find_hits(s: str) -> list[Hit]:
    """Every figure of sentence ``s`` in reading order; a figure or magnitude inside an earlier
    hit is not one of its own, and a figure in a unit the tracker does not know is dropped."""
    hits = [*_two_digits(s), *_doublings(s), *_flats(s), *_zeros(s), *_milestones(s), *_ranks(s)]
    hits += [h for h in _fractions(s) if all(h.end <= x.start or h.start >= x.end for x in hits)]
    for hit in [*_figures(s), *_magnitudes(s)]:
        if all(hit.end <= h.start or hit.start >= h.end for h in hits):
            hits.append(hit)
    hits.sort(key=lambda h: h.start)
    return [h for h in hits if _valid_unit(h.unit)]


def _two_digits(s: str) -> Iterator[Hit]:
    for m in p.TWO_DIGIT.finditer(s):
        yield Hit(m.start(), m.end(), HitKind.two_digit, Comparator.at_least, 10.0, PERCENT)


def _doublings(s: str) -> Iterator[Hit]:
    for m in p.DOUBLING.finditer(s):
        times = 2 ** int(number_value(m.group("n")) or 1)
        growth = (times - 1) * 100.0
        yield Hit(m.start(), m.end(), HitKind.doubling, Comparator.at_least, growth, PERCENT)


def _flats(s: str) -> Iterator[Hit]:
    for m in p.FLAT.finditer(s):
        positive = bool(m.group("positive"))
        comparator = Comparator.more_than if positive else Comparator.about
        yield Hit(m.start(), m.end(), HitKind.flat, comparator, 0.0, PERCENT)


def _fractions(s: str) -> Iterator[Hit]:
    for m in p.FRACTION_FIGURE.finditer(s):
        den, num = number_value(m.group("den")), number_value(m.group("num"))
        if den and num is not None and num < den:
            share = round(100 * num / den, 4)
            at_least = Comparator.at_least
            yield Hit(m.start(), m.end(), HitKind.figure, at_least, share, PERCENT, plain=True)


def _zeros(s: str) -> Iterator[Hit]:
    for m in p.ZERO.finditer(s):
        yield Hit(m.start(), m.end(), HitKind.zero, Comparator.at_least, 1.0, "个")


def _milestones(s: str) -> Iterator[Hit]:
    for m in p.MILESTONE.finditer(s):
        yield Hit(
            m.start(),
            m.end(),
            HitKind.milestone,
            comparator=None,
            target=None,
            unit="",
            verb=m.group("verb"),
            deadline=date(1, int(m.group("m")), 1),
        )


def _ranks(s: str) -> Iterator[Hit]:
    for m in p.RANK.finditer(s):
        group = "n" if m.group("n") else "top"
        place = number_value(m.group(group))
        if place is None:
            continue
        start = m.start(group) - (group == "top")  # 前十: the quote keeps 前
        what = m.group("what").strip('“”"')
        yield Hit(start, m.end(), HitKind.rank, Comparator.at_most, place, "位", noun=what)


def _figures(s: str) -> Iterator[Hit]:
    for m in p.FIGURE.finditer(s):
        a_unit = PERCENT if m.group("pa") else m.group("aunit")
        b_unit = PERCENT if m.group("pb") or (m.group("pa") and m.group("b")) else m.group("unit")
        unit = b_unit or a_unit
        if not unit or (m.group("pa") and m.group("aunit")):
            continue
        if a_unit and b_unit and a_unit != b_unit:
            continue  # 3%-5亿元: two figures, not a range
        a = number_value(m.group("a"))
        b = number_value(m.group("b")) if m.group("b") else None
        if a is None or (b is not None and b <= a) or (m.group("b") and b is None):
            continue
        if is_chinese(m.group("a")) and _vague(s, m, unit):
            continue
        more = bool(m.group("yu")) or "余" in unit
        plain = not (b or m.group("prefix") or m.group("suffix") or more)
        yield Hit(
            m.start(),
            m.end(),
            HitKind.figure,
            _figure_comparator(m, b, more),
            a,
            _unit_text(unit.replace("余", "")),
            target_max=b,
            plain=plain,
        )


def _vague(s: str, m: re.Match[str], unit: str) -> bool:
    """A Chinese number that counts nothing: 一批, 二次会议 (an ordinal), 一个 after no verb
    of making (一个余地: an article); 千亿 alone is a magnitude (read as one), not a figure."""
    number = m.group("a")
    if m.group("pa"):
        return False
    if number == "一" and not p.MADE.search(s, 0, m.start()):
        return True
    return bool(p.VAGUE_ONE.match(number + unit)) or unit == "次" or not set(number) - set("百千")


def _figure_comparator(m: re.Match[str], upper: float | None, more: bool) -> Comparator:
    if m.group("prefix") and m.group("suffix") == "左右":
        return Comparator.about  # 超…左右: about, whatever the prefix says
    if upper is not None:
        return Comparator.between
    if more and not m.group("prefix"):
        return Comparator.more_than  # 3万余人, 30多个
    if m.group("prefix"):
        return p.PREFIX_WORDS[m.group("prefix")]
    if m.group("suffix"):
        return p.SUFFIX_WORDS[m.group("suffix")]
    return Comparator.at_least


def _magnitudes(s: str) -> Iterator[Hit]:
    for m in p.MAGNITUDE.finditer(s):
        unit = m.group("unit")
        if unit == "万":
            continue
        noun_match = p.MAGNITUDE_NOUN.match(s[m.end() :])
        prefix = m.group("prefix")
        graded = bool(m.group("grade"))
        if graded and (prefix or not p.BECOMES.search(s, 0, m.start())):
            continue  # 千亿级产业集群: a class of things, unless the figure becomes it
        if not prefix and not noun_match and not graded:
            continue  # 千亿产业集群: a bare magnitude names a class of things
        scale_unit = unit[:2] if unit.startswith("万亿") else unit[:1]
        base = unit[len(scale_unit) :]
        comparator = p.PREFIX_WORDS[prefix] if prefix else Comparator.at_least
        noun = noun_match.group(0) if noun_match and not prefix else ""
        noun = noun or (s[m.end() : m.end() + 2] if graded else "")  # 培育成千亿级产业
        value = p.MAGNITUDE_VALUES[m.group("m")]
        if scale_unit == "万亿":  # 迈上万亿台阶: 10000 亿元, which tracker check finds as 万
            value, scale_unit = value * 10000, "亿"
        yield Hit(
            m.start(),
            m.end(),
            HitKind.magnitude,
            comparator,
            value,
            _unit_text(scale_unit + base),
            noun=noun,
        )


def _unit_text(unit: str) -> str:
    """亿 and 万亿 alone are money: 亿元; people are counted in 万人 (2.5万名, 200万学生)."""
    if unit in ("亿", "万亿"):
        return unit + "元"
    if unit in ("万", "万名"):
        return "万人"
    return unit


def _valid_unit(unit: str) -> bool:
    if unit == "":
        return True
    try:
        parse_unit(unit)
    except ValueError:
        return False
    return True
