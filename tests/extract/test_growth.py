"""Growth targets: 增长7%, 增速超7%, 6%左右, ceilings on prices and rates, lists."""

from __future__ import annotations

import pytest

from extract.kit import ABOUT, AT_LEAST, AT_MOST, MORE, figures, only
from tracker.domain.goals import Measure
from tracker.extract import extract_targets


@pytest.mark.parametrize(
    ("sentence", "indicator", "comparator", "target"),
    [
        ("规模以上工业增加值增长7%。", "规模以上工业增加值", AT_LEAST, 7),
        ("力争全年GDP增长6.5%以上。", "地区生产总值", AT_LEAST, 6.5),
        ("规上工业增加值增速超7%。", "规模以上工业增加值", MORE, 7),
        ("2025年全区经济增长的预期目标是 6%左右。", "地区生产总值", ABOUT, 6),
        ("居民消费价格涨幅2%左右。", "居民消费价格", AT_MOST, 2),
        ("确保完成全年经济增长9%的预期目标。", "地区生产总值", AT_LEAST, 9),
    ],
)
def test_growth_targets(sentence, indicator, comparator, target):
    goal = only(sentence)
    assert (goal.indicator, goal.comparator, goal.target) == (indicator, comparator, target)
    assert (goal.measure, goal.unit) == (Measure.growth, "%")
    assert goal.quote in sentence


def test_rate_kept_below_is_an_upper_bound_level():
    goal = only("城镇调查失业率控制在5.5%以内。")
    assert (goal.indicator, goal.measure, goal.comparator, goal.target) == (
        "城镇调查失业率",
        Measure.level,
        AT_MOST,
        5.5,
    )


@pytest.mark.parametrize(
    ("sentence", "comparator", "target_text"),
    [
        ("居民消费价格涨幅控制在2%左右。", AT_MOST, "≤ 2%"),
        ("居民消费价格涨幅2%左右。", AT_MOST, "≤ 2%"),
        ("地区生产总值增长6%左右。", ABOUT, "约 6%"),
    ],
)
def test_price_rise_about_a_figure_is_a_ceiling_growth_about_stays_about(
    sentence, comparator, target_text
):
    goal = only(sentence)
    assert (goal.comparator, goal.target_text, goal.measure) == (
        comparator,
        target_text,
        Measure.growth,
    )


def test_comma_list_gives_one_goal_per_indicator():
    text = "2025年主要预期目标:规模以上工业增加值增长7%,固定资产投资增长11%,外贸进出口总额增长3%。"
    assert figures(text) == [
        ("规模以上工业增加值", AT_LEAST, 7, "%"),
        ("固定资产投资", AT_LEAST, 11, "%"),
        ("外贸进出口总额", AT_LEAST, 3, "%"),
    ]


def test_double_digit_growth_of_a_list_is_one_goal_per_indicator():
    text = "今年,规上工业增加值、固定资产投资、社会消费品零售总额等主要经济指标实现两位数增长。"
    found = extract_targets(text, year=2025)
    names = ["规模以上工业增加值", "固定资产投资", "社会消费品零售总额"]
    assert [c.indicator for c in found] == names
    assert {(c.measure, c.comparator, c.target, c.unit) for c in found} == {
        (Measure.growth, AT_LEAST, 10, "%")
    }
    assert all(c.quote == text.strip("今年,。") for c in found)
