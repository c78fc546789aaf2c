"""Figures that are no target of the plan year, one reason a case, and the targets beside them."""

from __future__ import annotations

import pytest

from extract.kit import read
from tracker.extract import extract_targets


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("“优化城乡人居环境”类,共3项\n", id="count-of-a-heading"),
        pytest.param("今年我县共10个项目被列入民生实事项目。", id="count-of-the-list"),
        pytest.param("投资15亿元,实施一批重点基础设施项目。", id="budget-of-the-works"),
        pytest.param("一般公共预算支出规模28.5万亿元。", id="spending"),
        pytest.param("推动汽车零部件产业扩大市场份额。", id="零部件"),
        pytest.param("城镇污水处理能力达到1080万吨/日。", id="rate-per-day"),
        pytest.param("项目于9月签订合同,滞后了2个月。", id="duration"),
        pytest.param("年底前实现每个街道有1处综合养老服务设施。", id="standard-per-place"),
        pytest.param("新建道路路基宽度24米。", id="width"),
        pytest.param("多数省份GDP目标高于5%。", id="summary-of-others"),
        pytest.param("海南则定在6%以上或者6%左右。", id="alternatives"),
        pytest.param("重庆、甘肃、河南3个省市目标同时锚定6%。", id="counted-list-summary"),
    ],
)
def test_no_target_is_proposed(text):
    assert read(text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("国土空间规划获批,全市新改建道路59条。", id="review-word"),
        pytest.param("已进场施工,完成30%。", id="已-first"),
        pytest.param("今年以来,已新增市场主体3200户,完成全年目标的65%。", id="share-of-target"),
        pytest.param(
            "当年计划投资35亿元,截至6月底累计完成投资18亿元。\n完成肝脏健康筛查1661人。",
            id="progress-after-a-plan-word",
        ),
        pytest.param(
            "重庆市GDP预计从2017年的2万亿元(人民币,下同)增加到3万亿元以上。", id="bracket-comma"
        ),
        pytest.param("“十四五”时期,地区生产总值年均增长5.4%。", id="ended-plan"),
    ],
)
def test_a_report_of_the_past_is_no_target(text):
    assert read(text, year=2026) == []


def test_a_year_that_is_a_baseline_puts_nothing_in_the_past():
    text = "就业去向落实率不低于2022年水平,新增退役军人就业1万人。"
    assert read(text) == [("新增退役军人就业", "total", "≥ 1 万人")]


def test_a_year_leading_a_sentence_holds_until_jinnian():
    assert read("2024年,全区地区生产总值增长6.5%,今年力争增长7%。") == [
        ("地区生产总值", "growth", "≥ 7%")
    ]


def test_a_deadline_in_a_progress_report_looks_ahead():
    text = "截至6月底,累计完成投资18亿元。\n4所学校进入收尾阶段,9月份投入使用。"
    assert read(text) == [("投入使用", "milestone", "")]


def test_a_table_cell_on_its_own_line_says_its_own_tense():
    text = "1-10月推进情况 |\n新建建筑垃圾中转站8个。 |\n已建成中转站3个。 |\n"
    assert read(text) == [("新建建筑垃圾中转站", "total", "≥ 8 个")]


def test_a_round_up_gives_each_listed_province_its_growth():
    found = extract_targets("各省GDP增长目标:江西、新疆为7%左右。", year=2023)
    assert [(c.entity, c.indicator, c.target_text) for c in found] == [
        ("江西省", "地区生产总值", "约 7%"),
        ("新疆维吾尔自治区", "地区生产总值", "约 7%"),
    ]


def test_a_province_followed_by_its_figure_is_the_subject():
    found = extract_targets("城镇新增就业目标:广东110万人以上,江苏120万人。", year=2025)
    assert [(c.entity, c.indicator, c.target_text) for c in found] == [
        ("广东省", "城镇新增就业", "≥ 110 万人"),
        ("江苏省", "城镇新增就业", "≥ 120 万人"),
    ]


def test_a_headline_and_its_body_name_one_goal():
    text = "重庆2023年预期目标GDP增长6%以上******\n重庆市地区生产总值(GDP)增长6%以上。"
    assert len(extract_targets(text, year=2023)) == 1
