"""Targets, numbers and periods written the way readers expect (≥7%, 约6%, 1–2个, 1–9月)."""

from __future__ import annotations

import math

from tracker.domain.goals import Comparator, Goal, Measure
from tracker.domain.numbers import number
from tracker.domain.units import COUNTED, Unit, UnitError, parse_unit

_SYMBOLS = {
    Comparator.at_least: "≥",
    Comparator.more_than: ">",
    Comparator.at_most: "≤",
}
_WORDS_EN = {
    Comparator.at_least: "at least ",
    Comparator.more_than: "more than ",
    Comparator.at_most: "at most ",
    Comparator.about: "about ",
}


def amount(value: float, unit: str | None) -> str:
    """A value with its unit, ``%`` glued and other units spaced the Chinese way (80个, 180亿元)."""
    return f"{number(value)}{unit or ''}"


def target_text(goal: Goal, language: str = "zh") -> str:
    """The target in human form: ≥7%, 约6%, >300亿元, 1–2个, with the stretch when there is one."""
    if goal.measure is Measure.milestone or goal.target is None:
        return "完成" if language == "zh" else "done"
    unit = goal.unit
    if goal.comparator is Comparator.between and goal.target_max is not None:
        high = english_amount if language == "en" else amount
        text = f"{number(goal.target)}–{high(goal.target_max, unit)}"
    elif language == "en":
        text = _WORDS_EN[goal.comparator] + english_amount(goal.target, unit)
    elif goal.comparator is Comparator.about:
        text = "约" + amount(goal.target, unit)
    else:
        text = _SYMBOLS[goal.comparator] + amount(goal.target, unit)
    if goal.stretch is not None:
        stretch = (
            english_amount(goal.stretch, unit) if language == "en" else amount(goal.stretch, unit)
        )
        text += f"（争取{stretch}）" if language == "zh" else f" (stretch {stretch})"
    return text


def rate(value: float, language: str = "zh") -> str:
    """A growth rate as statisticians write it, one decimal: 增长6.0% / 下降3.5%, +6.0% / −3.5%."""
    shown = (
        f"{number(abs(value), 1)}%"
        if "." in number(abs(value), 1)
        else f"{number(abs(value), 1)}.0%"
    )
    if shown == "0.0%":
        return "与上年持平" if language == "zh" else "0.0%"
    if language == "zh":
        return ("下降" if value < 0 else "增长") + shown
    return ("−" if value < 0 else "+") + shown


def target_inline(goal: Goal, language: str = "zh") -> str:
    """The target without brackets, for text that is already in brackets: ≥9%，争取11%."""
    text = target_text(goal, language)
    if language == "zh":
        return text.replace("（争取", "，争取").removesuffix("）")
    return text.replace(" (stretch ", ", stretch ").removesuffix(")")


def signed(value: float, unit: str | None) -> str:
    """Growth rates carry their sign: +6.2%, -1.5%."""
    return f"{'+' if value > 0 else ''}{amount(value, unit)}"


def points(value: float, language: str = "zh") -> str:
    """A difference of two percentages is in percentage points, not percent."""
    suffix = "个百分点" if language == "zh" else " pp"
    return f"{'+' if value > 0 else ''}{number(value)}{suffix}"


_EN_UNITS: dict[str, tuple[str, str]] = {
    # base unit -> (prefix, suffix) in English; counts of things read as plain numbers
    "元": ("CNY ", ""),
    "美元": ("USD ", ""),
    "港元": ("HKD ", ""),
    "欧元": ("EUR ", ""),
    "平方米": ("", " m²"),
    "平方公里": ("", " km²"),
    "公里": ("", " km"),
    "吨": ("", " t"),
    "标箱": ("", " TEU"),
    "亩": ("", " mu"),
    "人": ("", " people"),
    "人次": ("", " visits"),
    "千瓦": ("", " kW"),
    "千瓦时": ("", " kWh"),
    "位": ("No. ", ""),
    "学位": ("", " places"),
}


def _known_unit(unit: str | None) -> Unit | None:
    """The parsed unit, or None for %, no unit or a unit we cannot scale."""
    if unit is None or unit == "%":
        return None
    try:
        return parse_unit(unit)
    except UnitError:
        return None


def chinese_amount(value: float, unit: str | None, digits: int = 2) -> str:
    """An amount in the magnitude a Chinese reader expects: 1.1万个, 180亿元, 1347万美元."""
    parsed = _known_unit(unit)
    if parsed is None:
        return amount(value, unit)
    if parsed.base == "位":  # a rank, never scaled
        return f"第{number(value, 0)}位"
    base_value = parsed.to_base(value)
    for prefix, scale in (("亿", 10**8), ("万", 10**4)):
        if abs(base_value) >= scale:
            return f"{number(base_value / scale, digits)}{prefix}{parsed.base}"
    return f"{number(base_value, digits)}{parsed.base}"


def english_amount(value: float, unit: str | None, digits: int = 2) -> str:
    """The same amount in English: CNY 18 bn, 11,000, 2.1 million m²."""
    parsed = _known_unit(unit)
    if parsed is None:
        return amount(value, unit)
    prefix, suffix = _EN_UNITS.get(parsed.base, ("", ""))
    base_value = parsed.to_base(value)
    for word, scale in ((" bn", 10**9), (" million", 10**6)):
        if abs(base_value) >= scale:
            return f"{prefix}{number(base_value / scale, digits)}{word}{suffix}"
    return f"{prefix}{_thousands(base_value, digits)}{suffix}"


def _thousands(value: float, digits: int) -> str:
    """English groups thousands: 8,600 and 11,000 alike (Chinese writes 8600 and 1.1万)."""
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def localized_amount(value: float, unit: str | None, language: str, digits: int = 2) -> str:
    """An amount for a reader of ``language``; estimates deserve fewer ``digits``."""
    if language == "en":
        return english_amount(value, unit, digits)
    return chinese_amount(value, unit, digits)


def estimate(value: float, unit: str | None, language: str = "zh") -> str:
    """A projected or missing amount: whole things for counts (84个, 1.15万个), else 1 decimal."""
    if not math.isfinite(value):
        return "—"
    parsed = _known_unit(unit)
    if parsed is not None and parsed.base in COUNTED:
        whole = round(parsed.to_base(value)) / parsed.scale  # 11466.7个 -> 11467个
        return localized_amount(whole, unit, language, digits=2)
    return localized_amount(value, unit, language, digits=1)
