"""The pace still needed (``required``) and the ``awaiting_final`` status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal
from tracker.evaluate import Status, evaluate_goal

Goals = Callable[..., Goal]
Figures = Callable[..., FigureRecord]
OCT = date(2025, 10, 31)


def september(make_figure: Figures, value: float, unit: str = "%") -> FigureRecord:
    return make_figure("2025-09", value, unit=unit, published=date(2025, 10, 20))


def test_a_total_needs_the_rest_spread_over_the_remaining_months(
    make_goal: Goals, make_figure: Figures
) -> None:
    goal = make_goal(measure="total", target="≥ 180 亿元")
    result = evaluate_goal(goal, [september(make_figure, 118.2, "亿元")], OCT)
    assert result.as_json()["required"] == {"value": 20.6, "unit": "亿元", "basis": "per_month"}


def test_a_growth_goal_needs_the_rate_the_remaining_months_must_average(
    make_goal: Goals, make_figure: Figures
) -> None:
    result = evaluate_goal(make_goal(target="≥ 8%"), [september(make_figure, 6.0)], OCT)
    required = result.as_json()["required"]
    # (12 × 8 − 9 × 6) / 3 = 14: three months at +14 % bring the year to +8 %.
    assert required == {"value": 14.0, "unit": "%", "basis": "rest_of_period"}


def test_an_about_growth_goal_needs_only_the_low_edge_of_its_band(
    make_goal: Goals, make_figure: Figures
) -> None:
    result = evaluate_goal(make_goal(target="约 6%"), [september(make_figure, 5.0)], OCT)
    assert result.required is not None and result.required.value == pytest.approx(7.0)


def test_an_achieved_total_needs_nothing_more(make_goal: Goals, make_figure: Figures) -> None:
    goal = make_goal(measure="total", target="≥ 100 亿元")
    result = evaluate_goal(goal, [september(make_figure, 120, "亿元")], OCT)
    assert (result.status, result.required) == (Status.achieved, None)


def test_partial_data_after_the_deadline_awaits_the_final_figure_with_no_pace(
    make_goal: Goals, make_figure: Figures
) -> None:
    goal = make_goal(measure="total", target="≥ 180 亿元")
    result = evaluate_goal(goal, [september(make_figure, 118.2, "亿元")], date(2026, 12, 1))
    assert (result.status, result.required, result.stale) == (Status.awaiting_final, None, True)


def test_a_milestone_not_done_by_a_partial_report_awaits_the_final_one(
    make_goal: Goals, make_figure: Figures
) -> None:
    goal = make_goal(measure="milestone", target=None, unit=None)
    figure = make_figure("2025-09", 0, unit=None, published=date(2025, 10, 20))
    assert evaluate_goal(goal, [figure], date(2026, 1, 5)).status is Status.awaiting_final


def test_growth_below_zero_has_no_progress_at_all(make_goal: Goals, make_figure: Figures) -> None:
    result = evaluate_goal(make_goal(target="≥ 8%"), [september(make_figure, -3.5)], OCT)
    assert result.fraction is None and result.as_json()["progress"] is None


def test_a_level_moving_away_from_its_target_shows_zero_progress(
    make_goal: Goals, make_figure: Figures
) -> None:
    goal = make_goal(measure="level", target="≥ 500 家", baseline={"value": 400, "unit": "家"})
    result = evaluate_goal(goal, [september(make_figure, 380, "家")], OCT)
    assert result.fraction == 0.0


def test_a_gap_within_an_about_band_is_the_real_difference(
    make_goal: Goals, make_figure: Figures
) -> None:
    result = evaluate_goal(make_goal(target="约 6%"), [september(make_figure, 5.6)], OCT)
    assert result.status is Status.on_track and result.gap == pytest.approx(-0.4)


def _meets_by_keeping_the_pace(
    make_goal: Goals, make_figure: Figures, measure: str, value: float, month: int
) -> bool | None:
    """None when ``required`` is null; else whether the year meets the target at that pace."""
    if measure == "growth":
        goal = make_goal(target="≥ 7%")
    else:
        goal = make_goal(measure="total", target="≥ 180 亿元")
    unit = "%" if measure == "growth" else "亿元"
    figure = make_figure(f"2025-{month:02d}", value, unit=unit, published=date(2025, 12, 1))
    result = evaluate_goal(goal, [figure], date(2025, 12, 2))
    if result.required is None:
        return None
    left = 12 - month
    full = (
        (month * value + left * result.required.value) / 12
        if measure == "growth"
        else value + left * result.required.value
    )
    year = make_figure("2025", full, unit=unit, published=date(2026, 1, 20))
    return evaluate_goal(goal, [figure, year], date(2026, 2, 1)).status is Status.achieved


@settings(max_examples=200, deadline=None)
@given(
    measure=st.sampled_from(["growth", "total"]),
    value=st.floats(min_value=-10, max_value=250, allow_nan=False),
    month=st.integers(min_value=1, max_value=12),
)
def test_required_is_null_exactly_when_settled_and_keeping_it_meets_the_target(
    make_goal: Goals, make_figure: Figures, measure: str, value: float, month: int
) -> None:
    if measure == "total":
        value = abs(value)
    meets = _meets_by_keeping_the_pace(make_goal, make_figure, measure, value, month)
    settled = month == 12 or (measure == "total" and value >= 180)
    assert (meets is None) == settled
    assert meets in (None, True)
