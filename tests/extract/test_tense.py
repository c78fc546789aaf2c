"""Stretch targets, forecasts, and past figures that become baselines instead of goals."""

from __future__ import annotations

import pytest

from extract.kit import AT_LEAST, figures, only
from tracker.domain.goals import Baseline
from tracker.extract import extract, extract_targets


@pytest.mark.parametrize(
    "sentence",
    [
        "台山市确保全年经济增长9%、争取11%。",
        "新会区预计地区生产总值增长9%以上,在实际工作中力争达到11%。",
        "确保完成全年经济增长9%的预期目标,在实际工作中争取11%的增长。",
    ],
)
def test_stretch_target(sentence):
    goal = only(sentence)
    assert (goal.indicator, goal.target, goal.stretch) == ("地区生产总值", 9, 11)
    assert goal.quote.endswith("11%") or goal.quote.endswith("11%的增长")
    assert "forecast" not in goal.tags


def test_forecast_is_tagged():
    goal = only("今年以来,96个项目已签约,预计新增上规企业47家。")
    assert (goal.indicator, goal.target, goal.unit) == ("新增上规企业", 47, "家")
    assert goal.tags == ("forecast",)


def test_last_years_figures_become_the_baseline_not_goals():
    text = (
        "2024年,火炬开发区全年完成GDP573.7亿元,增长3.5%;社会消费品零售总额增长9.3%。\n"
        "2025年,火炬开发区力争全年GDP增长6.5%以上。\n"
    )
    goal = only(text)
    assert (goal.indicator, goal.target) == ("地区生产总值", 6.5)
    assert goal.baseline == Baseline(value=573.7, unit="亿元", year=2024, growth=3.5)


@pytest.mark.parametrize(
    "text",
    [
        "地区生产总值完成1234.5亿元。",
        "2025年,地区生产总值完成1234.5亿元,增长5%。",
        "全区完成固定资产投资300亿元。",
        "规上工业增加值同比增长5.2%。",
        "力争独角兽企业实现了零的突破。",
    ],
)
def test_reported_actuals_are_never_goals(text):
    assert extract_targets(text, year=2025) == []


def test_actual_without_a_year_is_the_baseline_of_the_matching_goal():
    text = "地区生产总值完成1234.5亿元,增长5%。\n今年力争地区生产总值增长6%。\n"
    goal = only(text)
    assert (goal.indicator, goal.target_text) == ("地区生产总值", "≥ 6%")
    assert goal.baseline == Baseline(value=1234.5, unit="亿元", growth=5)


@pytest.mark.parametrize(
    "first",
    [
        "2024年,火炬开发区全年完成GDP573.7亿元,增长3.5%。",
        "2024年火炬开发区实现地区生产总值573.7亿元,增长3.5%。",
        "2024年火炬开发区地区生产总值达到573.7亿元,同比增长3.5%。",
    ],
)
def test_past_year_of_an_undated_report_is_not_the_plan_year(first):
    result = extract(first + "\n今年火炬开发区力争GDP增长6.5%以上。\n")
    assert result.year == 2025
    assert [(c.target_text, c.baseline) for c in result.candidates] == [
        ("≥ 6.5%", Baseline(value=573.7, unit="亿元", year=2024, growth=3.5))
    ]


def test_declared_growth_on_the_same_period_is_a_goal():
    goal = only("力争全年GDP同比增长6%。")
    assert (goal.indicator, goal.target_text) == ("地区生产总值", "≥ 6%")


def test_review_of_last_year_carries_until_the_plan_starts():
    text = (
        "2024年是开局之年。\n全年共签约项目72个,总投资约151.5亿元。\n"
        "今年,经开区将力争引进项目不少于80个。\n"
    )
    assert figures(text) == [("引进项目", AT_LEAST, 80, "个")]
