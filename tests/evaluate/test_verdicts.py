"""Evaluation: visibility and revisions, staleness, growth verdicts, the JSON shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest

from tracker.domain.evaluation import EvaluationSettings
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal
from tracker.evaluate import Status, evaluate_all, evaluate_goal

Goals = Callable[..., Goal]
Figures = Callable[..., FigureRecord]
OCT = date(2025, 10, 31)


def status_of(goal: Goal, *figures: FigureRecord, as_of: date = OCT, **settings: float) -> Status:
    return evaluate_goal(goal, figures, as_of, EvaluationSettings(**settings)).status


# ---- which figures count -------------------------------------------------------------------


def test_no_figures_is_no_data_with_nothing_else(make_goal: Goals) -> None:
    result = evaluate_goal(make_goal(), [], OCT)
    assert (result.status, result.stale, result.latest, result.fraction) == (
        Status.no_data,
        False,
        None,
        None,
    )


def test_no_figures_after_the_deadline_is_still_no_data(make_goal: Goals) -> None:
    assert status_of(make_goal(), as_of=date(2026, 6, 1)) is Status.no_data


def test_a_figure_published_after_the_as_of_date_is_ignored(
    make_goal: Goals, make_figure: Figures
) -> None:
    figure = make_figure("2025-09", 6.2, published=date(2025, 10, 20))
    assert status_of(make_goal(), figure, as_of=date(2025, 10, 19)) is Status.no_data
    assert status_of(make_goal(), figure, as_of=date(2025, 10, 20)) is Status.on_track


def test_a_figure_without_published_counts_from_its_recording_day(
    make_goal: Goals, make_figure: Figures
) -> None:
    figure = make_figure("2025-09", 6.2, recorded=date(2025, 10, 22))
    assert status_of(make_goal(), figure, as_of=date(2025, 10, 21)) is Status.no_data
    assert status_of(make_goal(), figure, as_of=date(2025, 10, 22)) is Status.on_track


def test_the_newest_revision_visible_on_the_day_wins(
    make_goal: Goals, make_figure: Figures
) -> None:
    first = make_figure("2025-09", 6.2, published=date(2025, 10, 20))
    revised = make_figure("2025-09", 5.5, published=date(2025, 11, 10))
    assert status_of(make_goal(), revised, first, as_of=OCT) is Status.on_track
    assert status_of(make_goal(), revised, first, as_of=date(2025, 11, 10)) is Status.at_risk


def test_the_latest_figure_is_the_one_whose_period_ends_last(
    make_goal: Goals, make_figure: Figures
) -> None:
    june = make_figure("2025-06", 6.5, published=date(2025, 7, 20))
    late_march = make_figure("2025-03", 4.0, published=date(2025, 8, 1))
    result = evaluate_goal(make_goal(), [june, late_march], OCT)
    assert result.latest is not None and result.latest.period.text == "2025-06"


def test_figures_in_an_incompatible_unit_or_of_another_goal_are_ignored(
    make_goal: Goals, make_figure: Figures
) -> None:
    stray = make_figure("2025-09", 6.2, unit="个", published=date(2025, 10, 1))
    other = make_figure("2025-09", 6.2, goal="other", published=date(2025, 10, 1))
    assert status_of(make_goal(), stray, other) is Status.no_data


# ---- staleness -----------------------------------------------------------------------------


def test_an_old_latest_figure_is_stale(make_goal: Goals, make_figure: Figures) -> None:
    march = make_figure("2025-03", 6.2, published=date(2025, 4, 20))
    result = evaluate_goal(make_goal(), [march], date(2025, 6, 15))  # 76 days after 03-31
    assert (result.status, result.stale) == (Status.on_track, True)


def test_stale_days_is_a_setting(make_goal: Goals, make_figure: Figures) -> None:
    march = make_figure("2025-03", 6.2, published=date(2025, 4, 20))
    settings = EvaluationSettings(stale_days=100)
    assert not evaluate_goal(make_goal(), [march], date(2025, 6, 15), settings).stale


def test_a_final_verdict_never_goes_stale(make_goal: Goals, make_figure: Figures) -> None:
    year = make_figure("2025", 6.3, published=date(2026, 1, 20))
    result = evaluate_goal(make_goal(), [year], date(2027, 1, 1))
    assert (result.status, result.stale) == (Status.achieved, False)


# ---- growth --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (6.2, Status.on_track),
        (6.0, Status.on_track),
        (5.0, Status.at_risk),
        (4.9, Status.off_track),
    ],
)
def test_growth_before_the_full_year_compares_with_the_target(
    make_goal: Goals, make_figure: Figures, value: float, status: Status
) -> None:
    figure = make_figure("2025-09", value, published=date(2025, 10, 20))
    assert status_of(make_goal(target="≥ 6%"), figure) is status


@pytest.mark.parametrize(
    ("period", "value", "status"),
    [
        ("2025", 6.1, Status.achieved),
        ("2025", 5.9, Status.missed),
        ("2025-12", 6.0, Status.achieved),
    ],
)
def test_the_full_year_growth_figure_is_final(
    make_goal: Goals, make_figure: Figures, period: str, value: float, status: Status
) -> None:
    figure = make_figure(period, value, published=date(2026, 1, 20))
    assert status_of(make_goal(), figure, as_of=date(2026, 2, 1)) is status


def test_growth_after_the_deadline_without_the_full_year_awaits_it(
    make_goal: Goals, make_figure: Figures
) -> None:
    figure = make_figure("2025-11", 6.3, published=date(2025, 12, 20))
    assert status_of(make_goal(), figure, as_of=date(2026, 1, 10)) is Status.awaiting_final


def test_growth_gap_and_progress(make_goal: Goals, make_figure: Figures) -> None:
    figure = make_figure("2025-09", 5.4, published=date(2025, 10, 20))
    result = evaluate_goal(make_goal(target="≥ 6%"), [figure], OCT)
    assert result.gap == pytest.approx(-0.6) and result.fraction is None


def test_growth_margin_per_goal_overrides_the_setting(
    make_goal: Goals, make_figure: Figures
) -> None:
    figure = make_figure("2025-09", 5.3, published=date(2025, 10, 20))
    assert status_of(make_goal(at_risk_margin=0.5), figure) is Status.off_track
    assert status_of(make_goal(), figure, growth_at_risk_margin=0.5) is Status.off_track
    assert status_of(make_goal(), figure) is Status.at_risk


@pytest.mark.parametrize(
    ("value", "status", "gap"),
    [
        (5.6, Status.on_track, -0.4),  # the gap is the real difference from 6 %
        (6.5, Status.on_track, 0.5),
        (5.3, Status.at_risk, -0.7),
        (7.2, Status.on_track, 1.2),  # faster growth than 约6% is more than met
        (4.0, Status.off_track, -2.0),
    ],
)
def test_about_counts_the_tolerance_band_as_meeting(
    make_goal: Goals, make_figure: Figures, value: float, status: Status, gap: float
) -> None:
    figure = make_figure("2025-09", value, published=date(2025, 10, 20))
    result = evaluate_goal(make_goal(target="约 6%"), [figure], OCT)
    assert result.status is status and result.gap == pytest.approx(gap)


@pytest.mark.parametrize(
    ("target", "value", "status"),
    [
        ("≤ 3%", 2.5, Status.on_track),
        ("≤ 3%", 3.4, Status.at_risk),
        ("> 7%", 7.0, Status.at_risk),
        ("> 7%", 7.1, Status.on_track),
        ("5-6%", 6.4, Status.at_risk),
        ("5-6%", 5.5, Status.on_track),
    ],
)
def test_other_growth_comparators(
    make_goal: Goals, make_figure: Figures, target: str, value: float, status: Status
) -> None:
    figure = make_figure("2025-09", value, published=date(2025, 10, 20))
    assert status_of(make_goal(target=target), figure) is status


@pytest.mark.parametrize(("value", "met"), [(6.5, True), (6.2, False)])
def test_stretch_met_is_reported_separately(
    make_goal: Goals, make_figure: Figures, value: float, met: bool
) -> None:
    figure = make_figure("2025", value, published=date(2026, 1, 20))
    result = evaluate_goal(make_goal(stretch=6.5), [figure], date(2026, 2, 1))
    assert (result.status, result.stretch_met) == (Status.achieved, met)


def test_stretch_met_is_null_without_a_stretch(make_goal: Goals, make_figure: Figures) -> None:
    figure = make_figure("2025", 6.5, published=date(2026, 1, 20))
    assert evaluate_goal(make_goal(), [figure], date(2026, 2, 1)).stretch_met is None


# ---- output --------------------------------------------------------------------------------


def test_as_json_has_exactly_the_documented_keys(make_goal: Goals, make_figure: Figures) -> None:
    figure = make_figure("2025-09", 6.2, published=date(2025, 10, 20))
    data = evaluate_goal(make_goal(stretch=6.5), [figure], OCT).as_json()
    assert list(data) == [
        "id",
        "status",
        "stale",
        "measure",
        "comparator",
        "target",
        "stretch",
        "unit",
        "latest",
        "expected",
        "projected",
        "progress",
        "gap",
        "required",
        "stretch_met",
        "deadline",
    ]
    assert data["latest"] == {"period": "2025-09", "value": 6.2, "published": "2025-10-20"}
    assert (data["status"], data["deadline"]) == ("on_track", "2025-12-31")


def test_evaluate_all_keeps_the_goal_order(make_goal: Goals, make_figure: Figures) -> None:
    goals = [make_goal(id="b-2025"), make_goal(id="a-2025")]
    figures = {"a-2025": [make_figure("2025-09", 6.2, goal="a-2025", published=OCT)]}
    results = evaluate_all(goals, figures, OCT)
    assert [(r.id, r.status) for r in results] == [
        ("b-2025", Status.no_data),
        ("a-2025", Status.on_track),
    ]


def test_json_numbers_are_never_negative_zero(make_goal: Goals, make_figure: Figures) -> None:
    goal = make_goal(measure="level", target="≤ 50 位", baseline={"value": 80})
    figure = make_figure("2025-06", 80, unit="位", published=date(2025, 7, 20))
    data = evaluate_goal(goal, [figure], OCT).as_json()
    assert data["progress"] == 0.0  # (80 - 80) / (50 - 80) is -0.0
    assert "-0.0" not in json.dumps(data)


def test_a_figure_that_overflows_its_unit_is_ignored_and_json_stays_valid(
    make_goal: Goals, make_figure: Figures
) -> None:
    goal = make_goal(measure="total", target="≥ 180 亿元")
    huge = make_figure("2025-06", 1e308, unit="万元", published=date(2025, 7, 20))  # stored once
    progress = evaluate_goal(goal, [huge], OCT)
    assert (progress.status, progress.latest) == (Status.no_data, None)
    json.dumps(progress.as_json(), allow_nan=False)
