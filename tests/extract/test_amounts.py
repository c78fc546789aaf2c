"""Amounts and counts: 不少于80个, 超300亿元, 零突破, ranges, modifiers, ranks and milestones."""

from __future__ import annotations

from datetime import date

import pytest

from extract.kit import AT_LEAST, MORE, figures, only
from tracker.domain.goals import Comparator, Measure
from tracker.extract import extract_targets


@pytest.mark.parametrize(
    ("sentence", "indicator", "measure", "comparator", "target", "unit"),
    [
        ("力争2025年引进项目不少于80个。", "引进项目", Measure.total, AT_LEAST, 80, "个"),
        ("今年投资额不低于180亿元。", "投资额", Measure.total, AT_LEAST, 180, "亿元"),
        ("今年投资总额超300亿元。", "投资总额", Measure.total, MORE, 300, "亿元"),
        ("全年完成固定资产投资300亿元以上。", "固定资产投资", Measure.total, AT_LEAST, 300, "亿元"),
        ("力争新增高企100家。", "新增高新技术企业", Measure.total, AT_LEAST, 100, "家"),
        ("年内新增学位1.1万个。", "新增学位", Measure.total, AT_LEAST, 1.1, "万个"),
        ("力争年内实现国家高企超550家。", "国家高新技术企业", Measure.level, MORE, 550, "家"),
        ("力争高企增至490家。", "高新技术企业", Measure.level, AT_LEAST, 490, "家"),
        ("推动至少3家商务酒店开业运营。", "商务酒店开业运营", Measure.total, AT_LEAST, 3, "家"),
        ("力争百亿级招商项目实现“零”突破。", "百亿级招商项目", Measure.total, AT_LEAST, 1, "个"),
        ("推动南湾片区 GDP 超千亿。", "南湾片区地区生产总值", Measure.level, MORE, 1000, "亿元"),
    ],
)
def test_amount_and_count_targets(sentence, indicator, measure, comparator, target, unit):
    goal = only(sentence)
    assert (goal.indicator, goal.measure, goal.comparator, goal.target, goal.unit) == (
        indicator,
        measure,
        comparator,
        target,
        unit,
    )


@pytest.mark.parametrize(
    ("sentence", "indicator", "unit"),
    [
        ("力争百亿级招商项目实现零的突破。", "百亿级招商项目", "个"),
        ('力争上市企业实现"零"突破。', "上市企业", "家"),
        ("今年独角兽企业零突破。", "独角兽企业", "家"),
        ("力争总部经济零突破。", "总部经济", "家"),
        ("力争独角兽实现“零”的突破。", "独角兽", "个"),
    ],
)
def test_zero_breakthrough_is_at_least_one_counted_in_its_nouns_unit(sentence, indicator, unit):
    goal = only(sentence)
    assert (goal.indicator, goal.measure, goal.target_text) == (
        indicator,
        Measure.total,
        f"≥ 1 {unit}",
    )


def test_range_over_three_years_is_a_multi_year_between_goal():
    goal = only("力争3年新增1-2个千亿产业集群。")
    assert (goal.comparator, goal.target, goal.target_max) == (Comparator.between, 1, 2)
    assert goal.deadline == date(2027, 12, 31)
    assert goal.tags == ("multi-year",)
    assert goal.target_text == "1-2 个"


def test_qualifying_amounts_are_not_targets():
    text = "力争全年引进亿元以上项目60个、10亿元以上项目10个,培育年产值100亿元以上企业(集团)1家。"
    assert figures(text) == [
        ("引进亿元以上项目", AT_LEAST, 60, "个"),
        ("引进10亿元以上项目", AT_LEAST, 10, "个"),
        ("培育年产值100亿元以上企业(集团)", AT_LEAST, 1, "家"),
    ]


def test_verb_of_a_list_carries_to_its_items():
    text = "力争2025年新增百亿级企业1家、50亿级企业1家、10亿级企业2家。"
    assert [c.indicator for c in extract_targets(text)] == [
        "新增百亿级企业",
        "新增50亿级企业",
        "新增10亿级企业",
    ]


def test_amount_of_listed_projects_is_the_target_not_their_count():
    goal = only("加快推进年度投资300亿元的415个区重点项目建设。")
    assert (goal.target, goal.unit, goal.measure) == (300, "亿元", Measure.total)
    assert "415个区重点项目" in goal.indicator
    assert goal.quote == "加快推进年度投资300亿元的415个区重点项目建设"


def test_rank_and_milestone():
    rank = only("大力实施江门高新区争创全国高新区50强三年行动计划。")
    assert (rank.target_text, rank.measure) == ("≤ 50 位", Measure.level)
    assert rank.deadline == date(2027, 12, 31)
    milestone = only("今年,新会区将配合推进项目建设,预计项目在3月底前动工。")
    assert (milestone.measure, milestone.target, milestone.deadline) == (
        Measure.milestone,
        None,
        date(2025, 3, 31),
    )
