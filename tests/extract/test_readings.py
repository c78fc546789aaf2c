"""How a figure is read in the wordings found on unseen articles: one behaviour a case, on text
written here."""

from __future__ import annotations

from datetime import date

import pytest

from extract.kit import read
from tracker.extract import extract, extract_targets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "06 完成两癌免费检查17万人\n",
            [("两癌免费检查", "total", "≥ 17 万人")],
            id="spaced-number",
        ),
        pytest.param(
            "改造提升1个区域性养老服务中心。",
            [("改造提升区域性养老服务中心", "total", "≥ 1 个")],
            id="区域性",
        ),
        pytest.param(
            "提升改造一个未成年人保护工作站。",
            [("提升改造未成年人保护工作站", "total", "≥ 1 个")],
            id="一个-after-task",
        ),
        pytest.param("新增学位一万个。", [("新增学位", "total", "≥ 1 万个")], id="一万个"),
        pytest.param(
            "新增城镇就业一万二千人。", [("新增城镇就业", "total", "≥ 12000 人")], id="万-inside"
        ),
        pytest.param("新引进项目百余个。", [("新引进项目", "total", "> 100 个")], id="百余"),
        pytest.param(
            "完成老楼加装电梯200部以上。", [("老楼加装电梯", "total", "≥ 200 部")], id="部"
        ),
        pytest.param("今年GDP成长目标为5%。", [("地区生产总值", "growth", "≥ 5%")], id="成长"),
        pytest.param("GDP增长目标定在5%左右。", [("地区生产总值", "growth", "约 5%")], id="定在"),
        pytest.param(
            "最低工资标准平均上调15%左右。", [("最低工资标准", "growth", "约 15%")], id="上调"
        ),
        pytest.param(
            "补助标准提高到每人每年640元。", [("补助标准", "level", "≥ 640 元")], id="提高到"
        ),
        pytest.param(
            "居民消费价格增长2%左右。", [("居民消费价格", "growth", "≤ 2%")], id="CPI-增长"
        ),
        pytest.param(
            "新开企业数占全市1/5。", [("新开企业数占", "level", "≥ 20%")], id="slash-share"
        ),
        pytest.param(
            "产值占全市的三分之一以上。", [("产值占全市", "level", "≥ 33.3333%")], id="share-bound"
        ),
        pytest.param(
            "地区生产总值成长「5%以上」。", [("地区生产总值", "growth", "≥ 5%")], id="quoted-figure"
        ),
        pytest.param(
            "6月底前完成主体工程建设。", [("主体工程建设", "milestone", "")], id="milestone-object"
        ),
        pytest.param(
            "培育形成3个万亿级产业集群。",
            [("培育形成万亿级产业集群", "level", "≥ 3 个")],
            id="clusters",
        ),
    ],
)
def test_a_wording_is_read(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "城乡居民人均可支配收入分别增长6%和7%。",
            [
                ("城镇居民人均可支配收入", "growth", "≥ 6%"),
                ("农村居民人均可支配收入", "growth", "≥ 7%"),
            ],
            id="城乡",
        ),
        pytest.param(
            "进出口总额、实际使用外资均实现正增长。",
            [("进出口总额", "growth", "> 0%"), ("实际使用外资", "growth", "> 0%")],
            id="均实现",
        ),
        pytest.param(
            "新建学校、幼儿园各5所。",
            [("新建学校", "total", "≥ 5 所"), ("幼儿园", "total", "≥ 5 所")],
            id="各",
        ),
        pytest.param(
            "培育国家级、省级专精特新企业分别达到10家、50家。",
            [
                ("培育国家级专精特新企业", "total", "≥ 10 家"),
                ("培育省级专精特新企业", "total", "≥ 50 家"),
            ],
            id="shared-noun",
        ),
        pytest.param(
            "新增10亿元企业、5亿元企业分别不少于2家、3家。",
            [("新增10亿元企业", "total", "≥ 2 家"), ("新增5亿元企业", "total", "≥ 3 家")],
            id="size-classes",
        ),
        pytest.param(
            "完成5座桥下空间改造新增5个城市客厅。",
            [("桥下空间改造", "total", "≥ 5 座"), ("新增城市客厅", "total", "≥ 5 个")],
            id="second-task",
        ),
    ],
)
def test_one_clause_gives_each_name_its_goal(text, expected):
    assert read(text) == expected


def test_a_bracketed_breakdown_is_no_target_of_its_own():
    assert read("改造危桥12座(其中:1座四类危桥、11座宽路窄桥)。") == [
        ("改造危桥(其中:1座四类危桥、11座宽路窄桥)", "total", "≥ 12 座")
    ]


def test_names_before_deng_and_a_noun_are_examples_of_one_goal():
    assert read("免费筛查高血压、糖尿病等慢病患者2000万人次。") == [
        ("免费筛查高血压、糖尿病等慢病患者", "total", "≥ 2000 万人次")
    ]


def test_a_count_after_dui_with_a_task_is_a_target():
    assert read("对1000户困难家庭进行适老化改造。") == [
        ("困难家庭进行适老化改造", "total", "≥ 1000 户")
    ]


def test_an_investment_done_is_a_target_and_money_to_spend_is_not():
    assert read("完成投资300亿元以上。投资15亿元,实施一批重点项目。") == [
        ("投资", "total", "≥ 300 亿元")
    ]


def test_a_list_after_a_semicolon_keeps_its_plan():
    text = "主要预期目标:地区生产总值增长6%;一般公共预算收入完成1.5亿元。"
    assert read(text) == [
        ("地区生产总值", "growth", "≥ 6%"),
        ("一般公共预算收入", "total", "≥ 1.5 亿元"),
    ]


def test_a_multi_year_average_under_a_plans_name_is_for_its_last_year():
    (goal,) = extract_targets(
        "十五五规划提出,地区生产总值年均增长5%左右。", year=2026, entity="某市"
    )
    assert (goal.target, goal.deadline) == (5, date(2030, 12, 31))


def test_the_plan_year_is_the_pages_year_or_the_next():
    text = "2024年广西地区生产总值增长4.2%左右,今年预期目标增长5%左右。"
    assert extract(text, published=date(2025, 1, 21)).year == 2025
