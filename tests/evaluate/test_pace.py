"""Evaluation of totals and levels (paced against the calendar) and of milestones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tracker.domain.evaluation import EvaluationSettings
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal
from tracker.evaluate import Progress, Status, evaluate_goal

Goals = Callable[..., Goal]
Figures = Callable[..., FigureRecord]
AUG = date(2025, 8, 31)
PUBLISHED = date(2025, 7, 20)


@pytest.fixture
def investment(make_goal: Goals) -> Goal:
    return make_goal(measure="total", target="≥ 180 亿元")


@pytest.fixture
def high_tech(make_goal: Goals) -> Goal:
    return make_goal(measure="level", target="≥ 500 家", baseline={"value": 400, "unit": "家"})


def judge(goal: Goal, *figures: FigureRecord, as_of: date = AUG, **settings: float) -> Progress:
    return evaluate_goal(goal, figures, as_of, EvaluationSettings(**settings))


def june(value: float, make_figure: Figures, unit: str = "亿元") -> FigureRecord:
    return make_figure("2025-06", value, unit=unit, published=PUBLISHED)


# ---- totals --------------------------------------------------------------------------------


def test_a_total_ahead_of_pace_is_on_track(investment: Goal, make_figure: Figures) -> None:
    result = judge(investment, june(95, make_figure))
    assert (result.status, result.expected, result.projected, result.gap) == (
        Status.on_track,
        90,
        190,
        5,
    )
    assert result.fraction == pytest.approx(95 / 180)


@pytest.mark.parametrize(
    ("value", "status"), [(85, Status.at_risk), (81, Status.at_risk), (80, Status.off_track)]
)
def test_a_total_behind_pace_is_judged_by_its_projection(
    investment: Goal, make_figure: Figures, value: float, status: Status
) -> None:
    assert judge(investment, june(value, make_figure)).status is status  # 162 = 90 % of 180


def test_a_total_is_achieved_as_soon_as_it_reaches_the_target(
    investment: Goal, make_figure: Figures
) -> None:
    result = judge(investment, june(185, make_figure))
    assert (result.status, result.gap, result.stale) == (Status.achieved, 5, False)


def test_a_total_with_partial_data_after_the_deadline_awaits_the_final_figure(
    investment: Goal, make_figure: Figures
) -> None:
    september = make_figure("2025-09", 150, unit="亿元", published=date(2025, 10, 20))
    result = judge(investment, september, as_of=date(2026, 1, 5))
    assert (result.status, result.gap, result.final) == (Status.awaiting_final, -30, False)


def test_a_total_whose_full_year_figure_is_short_is_missed(
    investment: Goal, make_figure: Figures
) -> None:
    year = make_figure("2025", 170, unit="亿元", published=date(2026, 1, 20))
    result = judge(investment, year, as_of=date(2026, 2, 1))
    assert (result.status, result.gap) == (Status.missed, -10)


def test_a_total_figure_in_another_magnitude_is_converted(
    investment: Goal, make_figure: Figures
) -> None:
    result = judge(investment, june(950000, make_figure, unit="万元"))
    assert result.latest is not None and result.latest.value == pytest.approx(95)


def test_the_pace_margin_is_a_setting_and_a_goal_field(
    make_goal: Goals, investment: Goal, make_figure: Figures
) -> None:
    figure = june(75, make_figure)  # projected 150, 16.7 % short
    assert judge(investment, figure).status is Status.off_track
    assert judge(investment, figure, pace_at_risk_margin=0.2).status is Status.at_risk
    loose = make_goal(measure="total", target="≥ 180 亿元", at_risk_margin=0.2)
    assert judge(loose, figure).status is Status.at_risk


def test_about_totals_are_reached_at_the_bottom_of_the_band(
    make_goal: Goals, make_figure: Figures
) -> None:
    goal = make_goal(measure="total", target="约 210 万平方米")  # tolerance 5 %: 199.5
    assert judge(goal, june(200, make_figure, "万平方米")).status is Status.achieved


@pytest.mark.parametrize(
    ("value", "as_of", "status"),
    [
        (40, AUG, Status.on_track),
        (55, AUG, Status.at_risk),
        (60, AUG, Status.off_track),
        (101, AUG, Status.missed),
        (90, date(2026, 1, 5), Status.awaiting_final),
    ],
)
def test_an_at_most_total_is_a_ceiling(
    make_goal: Goals, make_figure: Figures, value: float, as_of: date, status: Status
) -> None:
    goal = make_goal(measure="total", target="≤ 100 万吨")
    assert judge(goal, june(value, make_figure, "万吨"), as_of=as_of).status is status


def test_a_multi_year_total_is_paced_over_its_whole_span(
    make_goal: Goals, make_figure: Figures
) -> None:
    goal = make_goal(measure="total", target="≥ 3 个", deadline=date(2027, 12, 31))
    figure = make_figure("2026", 2, unit="个", published=date(2027, 1, 20))
    result = judge(goal, figure, as_of=date(2027, 2, 1))
    assert (result.status, result.expected, result.elapsed) == (Status.on_track, 2, 2 / 3)


# ---- levels --------------------------------------------------------------------------------


def test_a_level_progresses_from_its_baseline(high_tech: Goal, make_figure: Figures) -> None:
    result = judge(high_tech, june(455, make_figure, "家"))
    assert (result.status, result.fraction, result.expected, result.projected) == (
        Status.on_track,
        0.55,
        450,
        510,
    )


@pytest.mark.parametrize(
    ("value", "status"), [(445, Status.at_risk), (440, Status.off_track), (500, Status.achieved)]
)
def test_a_level_behind_pace_is_judged_by_its_projection(
    high_tech: Goal, make_figure: Figures, value: float, status: Status
) -> None:
    assert judge(high_tech, june(value, make_figure, "家")).status is status


def test_a_level_short_after_the_deadline_awaits_the_final_figure(
    high_tech: Goal, make_figure: Figures
) -> None:
    result = judge(high_tech, june(480, make_figure, "家"), as_of=date(2026, 1, 2))
    assert (result.status, result.gap) == (Status.awaiting_final, -20)


def test_a_level_short_in_its_full_year_figure_is_missed(
    high_tech: Goal, make_figure: Figures
) -> None:
    year = make_figure("2025", 480, unit="家", published=date(2026, 1, 20))
    result = judge(high_tech, year, as_of=date(2026, 2, 1))
    assert (result.status, result.gap) == (Status.missed, -20)


def test_without_a_baseline_the_first_figure_is_the_start(
    make_goal: Goals, make_figure: Figures
) -> None:
    goal = make_goal(measure="level", target="≥ 500 家")
    march = make_figure("2025-03", 430, unit="家", published=date(2025, 4, 20))
    september = make_figure("2025-09", 470, unit="家", published=date(2025, 10, 20))
    only_march = judge(goal, march)
    assert (only_march.status, only_march.expected, only_march.fraction) == (
        Status.on_track,
        None,
        0.0,
    )
    assert judge(goal, march, september, as_of=date(2025, 10, 31)).expected == pytest.approx(
        430 + 70 * 6 / 9
    )


def test_a_baseline_in_another_magnitude_is_converted(
    make_goal: Goals, make_figure: Figures
) -> None:
    goal = make_goal(measure="level", target="≥ 500 家", baseline={"value": 0.04, "unit": "万家"})
    assert judge(goal, june(455, make_figure, "家")).expected == pytest.approx(450)


@pytest.mark.parametrize(
    ("rank", "status"),
    [(60, Status.on_track), (48, Status.achieved), (66, Status.at_risk), (70, Status.off_track)],
)
def test_an_at_most_level_counts_down(
    make_goal: Goals, make_figure: Figures, rank: float, status: Status
) -> None:
    goal = make_goal(measure="level", target="≤ 50 位", baseline={"value": 80})
    assert judge(goal, june(rank, make_figure, "位")).status is status  # expected 65 by June


# ---- milestones ----------------------------------------------------------------------------


@pytest.fixture
def groundbreaking(make_goal: Goals) -> Goal:
    return make_goal(measure="milestone", target=None, deadline=date(2025, 6, 30))


def test_a_milestone_done_is_achieved(groundbreaking: Goal, make_figure: Figures) -> None:
    done = make_figure("2025-05", 1.0, unit=None, published=date(2025, 5, 28))
    result = judge(groundbreaking, done, as_of=date(2025, 6, 1))
    assert (result.status, result.fraction) == (Status.achieved, 1.0)


def test_a_milestone_not_yet_done_is_on_track(groundbreaking: Goal, make_figure: Figures) -> None:
    not_yet = make_figure("2025-04", 0.0, unit=None, published=date(2025, 5, 5))
    assert judge(groundbreaking, not_yet, as_of=date(2025, 5, 10)).status is Status.on_track


def test_a_stale_milestone_is_at_risk(make_goal: Goals, make_figure: Figures) -> None:
    goal = make_goal(measure="milestone", target=None)
    not_yet = make_figure("2025-03", 0.0, unit=None, published=date(2025, 4, 5))
    result = judge(goal, not_yet, as_of=date(2025, 7, 1))
    assert (result.status, result.stale) == (Status.at_risk, True)


def test_a_milestone_not_done_by_its_deadline_is_missed(
    groundbreaking: Goal, make_figure: Figures
) -> None:
    not_yet = make_figure("2025-06", 0.0, unit=None, published=date(2025, 6, 20))
    assert judge(groundbreaking, not_yet, as_of=date(2025, 7, 1)).status is Status.missed


def test_level_without_baseline_reached_by_its_first_figure_shows_full_progress(
    make_goal, make_figure
) -> None:
    from tracker.evaluate import evaluate_goal

    goal = make_goal(measure="level", target="> 550 家")
    result = evaluate_goal(goal, [make_figure("2025-06", 560, unit="家")], date(2025, 7, 31))
    assert result.status.value == "achieved"
    assert result.fraction is not None and result.fraction > 1
