"""The Goal model: defaults, compact targets, and the rules that keep a goal consistent."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from tracker.domain.goals import Comparator, Goal, Measure, parse_target


def make(**fields: object) -> Goal:
    base: dict[str, object] = {
        "id": "g",
        "entity": "区",
        "indicator": "指标",
        "year": 2025,
        "source": {"quote": "增长7%"},
    }
    return Goal.model_validate(base | fields)


@pytest.mark.parametrize(
    ("text", "comparator", "target", "target_max", "unit"),
    [
        ("≥ 7%", Comparator.at_least, 7, None, "%"),
        ("7%", Comparator.at_least, 7, None, "%"),
        ("> 300 亿元", Comparator.more_than, 300, None, "亿元"),
        ("约 6%", Comparator.about, 6, None, "%"),
        ("~6%", Comparator.about, 6, None, "%"),
        ("≤5%", Comparator.at_most, 5, None, "%"),
        ("1-2 个", Comparator.between, 1, 2, "个"),
        ("1–2个", Comparator.between, 1, 2, "个"),
        ("80个以上", Comparator.at_least, 80, None, "个"),
        ("6.5%左右", Comparator.about, 6.5, None, "%"),
        ("不少于 80 个", Comparator.at_least, 80, None, "个"),
    ],
)
def test_compact_target_forms(text, comparator, target, target_max, unit):
    parsed = parse_target(text)
    assert (parsed["comparator"], parsed["target"], parsed.get("target_max")) == (
        comparator,
        target,
        target_max,
    )
    assert parsed["unit"] == unit


def test_unreadable_target_explains_the_form():
    with pytest.raises(ValidationError, match="target: cannot read target 'lots'"):
        make(target="lots")


def test_percent_target_defaults_to_growth_and_other_units_to_total():
    assert make(target="≥ 7%").measure is Measure.growth
    assert make(target="≥ 80 个").measure is Measure.total


def test_year_sets_calendar_span_and_deadline_can_extend_it():
    goal = make(target="1-2 个", deadline=date(2027, 12, 31))
    assert (goal.start, goal.deadline, goal.goal_months) == (
        date(2025, 1, 1),
        date(2027, 12, 31),
        36,
    )


def test_stretch_accepts_percent_text_and_must_exceed_target():
    assert make(target="≥ 9%", stretch="11%").stretch == 11
    with pytest.raises(ValidationError, match="stretch: 5 must be above target 9"):
        make(target="≥ 9%", stretch=5)


def test_stretch_in_another_magnitude_is_converted():
    assert make(target="≥ 1 亿元", stretch="15000 万元").stretch == pytest.approx(1.5)


def test_growth_must_be_in_percent():
    with pytest.raises(ValidationError, match="unit: a growth goal is in %"):
        make(target="≥ 7 个", measure="growth")


def test_milestone_has_no_number():
    assert make(measure="milestone").target is None
    with pytest.raises(ValidationError, match="target: a milestone has no number"):
        make(measure="milestone", target=1)


def test_between_needs_an_upper_bound_above_target():
    with pytest.raises(ValidationError, match="target_max: 1 must be above target 2"):
        make(comparator="between", target=2, target_max=1, unit="个")


def test_about_tolerance_defaults():
    assert make(target="约 6%").effective_tolerance == 0.5
    assert make(target="约 200 亿元").effective_tolerance == pytest.approx(10)
    assert make(target="约 6%", tolerance=0.3).effective_tolerance == 0.3


def test_id_must_be_a_slug():
    with pytest.raises(ValidationError, match="id"):
        make(id="不是slug", target="7%")


def test_json_shape_has_exactly_the_documented_keys():
    data = make(target="≥ 7%", baseline={"value": 286.27, "unit": "亿元", "year": 2024}).as_json()
    assert list(data) == [
        "id",
        "entity",
        "indicator",
        "measure",
        "comparator",
        "target",
        "target_max",
        "stretch",
        "unit",
        "start",
        "deadline",
        "baseline",
        "tags",
        "source",
    ]
    assert data["start"] == "2025-01-01" and data["target"] == 7.0
    assert list(data["source"]) == ["document", "url", "published", "quote"]


def test_a_bad_year_is_one_error_on_year():
    with pytest.raises(ValidationError) as caught:
        make(year="2025年", target="7%")
    assert [e["loc"] for e in caught.value.errors()] == [("year",)]


@pytest.mark.parametrize("text", ["６．５％左右", "约６．５％", "６.５%左右"])
def test_full_width_targets_as_an_ime_types_them(text):
    parsed = parse_target(text)
    assert (parsed["comparator"], parsed["target"], parsed["unit"]) == (Comparator.about, 6.5, "%")


def test_dates_in_goal_files_may_be_written_as_people_write_them():
    source = {"quote": "增长7%", "published": "2025/1/17"}
    goal = make(target="≥ 7%", deadline="2027年12月31日", source=source)
    assert (goal.deadline, goal.source.published) == (date(2027, 12, 31), date(2025, 1, 17))


def test_an_id_that_is_not_a_slug_gets_one_suggested():
    with pytest.raises(ValidationError, match=r"write e\.g\. 'zhuhai-gdp-2025'"):
        make(id="Zhuhai GDP 2025")
