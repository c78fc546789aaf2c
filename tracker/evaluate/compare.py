"""Comparisons with a target that forgive float noise, and what "reaching" a target means."""

from __future__ import annotations

from tracker.domain.goals import Comparator, Goal

_EPSILON = 1e-9


def ge(a: float, b: float) -> bool:
    """a >= b, forgiving float noise (6.2 - 5.2 is 1.0000000000000004, still a 1-point gap)."""
    return a >= b - _EPSILON * max(1.0, abs(b))


def gt(a: float, b: float) -> bool:
    return a > b + _EPSILON * max(1.0, abs(b))


def growth_shortfall(goal: Goal, value: float) -> tuple[bool, float, float]:
    """(meets, shortfall >= 0 when not meeting, signed gap) of a growth rate against the target."""
    target = goal.target or 0.0
    comparator = goal.comparator
    if comparator is Comparator.about:
        # 增长6%左右 is met from the bottom of the band up: growing faster is 超额完成, not a
        # miss (a rate that must not run high, like CPI, is written as a ceiling: at_most).
        # The gap is the real difference from the stated target.
        low = target - goal.effective_tolerance
        if gt(low, value):
            return False, low - value, value - target
        return True, 0.0, value - target
    if comparator is Comparator.between:
        high = goal.target_max if goal.target_max is not None else target
        if gt(target, value):
            return False, target - value, value - target
        if gt(value, high):
            return False, value - high, value - high
        return True, 0.0, 0.0
    if comparator is Comparator.at_most:
        return ge(target, value), max(value - target, 0.0), value - target
    if comparator is Comparator.more_than:
        return gt(value, target), max(target - value, 0.0), value - target
    return ge(value, target), max(target - value, 0.0), value - target


def stretch_met(goal: Goal, value: float, decreasing: bool = False) -> bool | None:
    if goal.stretch is None or decreasing or goal.comparator is Comparator.at_most:
        return None
    return ge(value, goal.stretch)


def ratio(value: float, target: float | None) -> float | None:
    return value / target if target else None


def threshold_of(goal: Goal, decreasing: bool) -> float:
    """The number that counts as reaching the target: the near edge of an 'about' band."""
    target = goal.target or 0.0
    if goal.comparator is Comparator.about:
        return (
            target + goal.effective_tolerance if decreasing else target - goal.effective_tolerance
        )
    return target


def reached(goal: Goal, value: float, threshold: float, decreasing: bool) -> bool:
    if decreasing:
        return ge(threshold, value)
    if goal.comparator is Comparator.more_than:
        return gt(value, threshold)
    return ge(value, threshold)
