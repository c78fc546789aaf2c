"""The shapes of issue 14, one behaviour each, on text written here in the articles' style."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.extract import extract, extract_targets


def read(text: str, **options: object) -> list[tuple[str, str, str]]:
    """(indicator, measure, target) of every goal, for an entity and year given."""
    options = {"year": 2025, "entity": "某市", **options}
    found = extract_targets(text, **options)  # type: ignore[arg-type]
    return [(c.indicator, c.measure.value, c.target_text) for c in found]


# -- line lists, bullets and 民生实事 --------------------------------------------------------------


@pytest.mark.parametrize("bullet", ["●", "◆", "▶", "■", "1.", "2、", "（一）", "(3)", "①", "*"])
def test_a_bulleted_line_without_a_plan_word_is_a_target(bullet):
    assert read(f"{bullet}新增科技型中小企业150家以上") == [
        ("新增科技型中小企业", "total", "≥ 150 家")
    ]


def test_bullets_on_one_line_are_items_of_their_own():
    assert read("◆改造背街小巷120条◆新建城市书房12家") == [
        ("改造背街小巷", "total", "≥ 120 条"),
        ("新建城市书房", "total", "≥ 12 家"),
    ]


def test_minsheng_tasks_with_any_verb_are_read():
    text = "今年办好十件民生实事:\n加装电梯500台。\n为3000户困难家庭开展适老化改造。\n"
    assert read(text) == [
        ("加装电梯", "total", "≥ 500 台"),
        ("困难家庭开展适老化改造", "total", "≥ 3000 户"),
    ]


def test_a_task_that_starts_with_wancheng_is_no_reported_actual():
    assert read("完成老旧小区改造45个。") == [("老旧小区改造", "total", "≥ 45 个")]


def test_the_count_of_the_list_is_no_target():
    assert read("2025年将办好15件民生实事,新增普惠托位1800个。") == [
        ("新增普惠托位", "total", "≥ 1800 个")
    ]


def test_the_count_that_introduces_a_list_is_no_target():
    assert read("今年新增12项,包括:新建口袋公园30个。") == [("新建口袋公园", "total", "≥ 30 个")]


def test_a_design_dimension_is_no_target():
    assert read("新建滨江路,全长1200米、宽24米。") == [("全长", "total", "≥ 1200 米")]


# -- Chinese numerals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("引进十个以上项目。", ("引进项目", "total", "≥ 10 个")),
        ("新增高新技术企业一百家。", ("新增高新技术企业", "total", "≥ 100 家")),
        ("经济总量迈上三千亿元。", ("地区生产总值", "total", "≥ 3000 亿元")),
        ("城镇新增就业一千两百万人以上。", ("城镇新增就业", "total", "≥ 1200 万人")),
        ("经济增长百分之四点五至百分之五。", ("地区生产总值", "growth", "4.5-5%")),
        ("打造两个千亿级产业集群。", ("打造千亿级产业集群", "level", "≥ 2 个")),
    ],
)
def test_chinese_numerals_are_read_on_the_figure(text, expected):
    assert read(text) == [expected]


def test_a_chinese_numeral_keeps_its_quote_as_written():
    (goal,) = extract_targets("引进十个以上项目。", year=2025, entity="某市")
    assert goal.quote == "引进十个以上项目"


@pytest.mark.parametrize("text", ["十四届人大二次会议召开。", "要留下一个余地。", "一批项目开工。"])
def test_chinese_numbers_that_count_nothing_are_no_targets(text):
    assert read(text) == []


# -- several goals from one clause -----------------------------------------------------------------


def test_fenbie_gives_one_goal_per_name():
    assert read("城镇和农村居民人均可支配收入分别增长5%、6.5%左右。") == [
        ("城镇居民人均可支配收入", "growth", "≥ 5%"),
        ("农村居民人均可支配收入", "growth", "约 6.5%"),
    ]


def test_fenbie_takes_its_names_from_the_clause_before():
    text = "到2027年,全区高新技术企业和科技型企业实现倍增,分别超过90家和870家。"
    assert read(text) == [
        ("高新技术企业", "level", "> 90 家"),
        ("科技型企业", "level", "> 870 家"),
    ]


def test_jun_shares_one_figure_out_to_every_name():
    assert [name for name, _, _ in read("固定资产投资、工业投资均增长10%左右。")] == [
        "固定资产投资",
        "工业投资",
    ]


def test_two_counts_joined_by_he_are_two_targets():
    assert read("新增托班托额300个和社区托育托额500个。") == [
        ("新增托班托额", "total", "≥ 300 个"),
        ("新增社区托育托额", "total", "≥ 500 个"),
    ]


# -- forecasts and actuals -------------------------------------------------------------------------


def test_a_forecast_under_a_review_header_is_no_target():
    text = "■2024年成绩单\n●预计全市生产总值增长5%\n■2025年主要目标\n●全市生产总值增长6%左右\n"
    assert read(text) == [("生产总值", "growth", "约 6%")]


def test_a_forecast_of_the_plan_year_is_tagged():
    (goal,) = extract_targets("预计投入资金5000万元。", year=2025, entity="某市")
    assert (goal.year, goal.tags) == (2025, ("forecast",))


def test_last_years_actual_is_no_target():
    assert read("去年全市完成固定资产投资320亿元。今年固定资产投资增长8%。") == [
        ("固定资产投资", "growth", "≥ 8%")
    ]


def test_results_so_far_in_a_mid_year_report_are_no_targets():
    text = "上半年,全市新增城镇就业2400人。下半年,力争新增城镇就业3000人以上。"
    assert read(text) == [("新增城镇就业", "total", "≥ 3000 人")]


# -- how the figure is written ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("地区生产总值增长5%至5.5%。", ("地区生产总值", "growth", "5-5.5%")),
        ("新增城镇就业3万余人。", ("新增城镇就业", "total", "> 3 万人")),
        ("新增市场主体300多家。", ("新增市场主体", "total", "> 300 家")),
        ("研发经费投入强度达到2.5%。", ("研发经费投入强度", "level", "≥ 2.5%")),
        ("城镇调查失业率控制在5.5%以内。", ("城镇调查失业率", "level", "≤ 5.5%")),
        ("单位地区生产总值能耗降低3%左右。", ("单位地区生产总值能耗", "growth", "约 -3%")),
        ("一般公共预算收入与上年持平。", ("一般公共预算收入", "growth", "约 0%")),
        ("人均地区生产总值翻一番。", ("人均地区生产总值", "growth", "≥ 100%")),
        ("工业投资占全市比重达到五分之一。", ("工业投资占全市比重", "level", "≥ 20%")),
        ("力争跻身全省前十。", ("全省排名", "level", "≤ 10 位")),
        ("社会消费品零售总额增长6%摆布。", ("社会消费品零售总额", "growth", "约 6%")),
    ],
)
def test_ways_of_writing_a_figure(text, expected):
    assert read(text) == [expected]


def test_a_stretch_needs_no_que_bao():
    (goal,) = extract_targets("地区生产总值增长超过6%、力争达到7%。", year=2025, entity="某市")
    assert (goal.target_text, goal.stretch) == ("> 6%", 7)


def test_a_horizon_of_the_five_year_plan_is_a_multi_year_level():
    (goal,) = extract_targets("保障性租赁住房到“十四五”末累计达到8万套。", year=2024, entity="某市")
    assert (goal.indicator, goal.target_text) == ("保障性租赁住房", "≥ 8 万套")
    assert (goal.deadline, goal.tags) == (date(2025, 12, 31), ("multi-year",))


def test_a_horizon_said_before_the_clause_holds_for_it():
    (goal,) = extract_targets("今后五年,地区生产总值年均增长6%以上。", year=2025, entity="某市")
    assert (goal.indicator, goal.deadline) == ("地区生产总值", date(2029, 12, 31))


# -- names, entities, tables, messy text -----------------------------------------------------------


def test_names_lose_bullets_forecast_and_plan_words_and_the_entity():
    (goal,) = extract_targets("●预计江门市全年地区生产总值增长6%", year=2025)
    assert (goal.entity, goal.indicator) == ("江门市", "地区生产总值")


def test_each_entity_of_a_clause_list_gets_its_goal():
    text = "2025年,江海区地区生产总值增长6%,台山市增长6.5%,鹤山市增长7%。"
    found = extract_targets(text)
    assert [(c.entity, c.indicator, c.target) for c in found] == [
        ("江海区", "地区生产总值", 6),
        ("台山市", "地区生产总值", 6.5),
        ("鹤山市", "地区生产总值", 7),
    ]


def test_a_table_is_read_from_its_target_column():
    text = (
        "| 指标 | 2024年完成 | 2025年目标 |\n"
        "| 地区生产总值增长(%) | 5.2 | 6左右 |\n"
        "| 固定资产投资(亿元) | 300 | 320 |\n"
    )
    assert read(text) == [
        ("地区生产总值", "growth", "约 6%"),
        ("固定资产投资", "total", "≥ 320 亿元"),
    ]


def test_a_table_of_last_years_targets_is_no_plan():
    text = "| 指标 | 2024年目标 | 2024年完成 |\n| 地区生产总值增长(%) | 6 | 5.2 |\n"
    assert read(text) == []


def test_pinyin_the_cleaning_leaves_is_skipped_and_the_quote_still_found():
    text = "2025年,江门市地(dì / de)區生產總值增長(zēngzhǎng)6%,打造4個先進(jin)(jin)產業群。"
    result = extract(text)
    assert [(c.indicator, c.target) for c in result.candidates] == [
        ("地区生产总值", 6),
        ("打造先进产业群", 4),
    ]
    assert result.candidates[1].quote == "打造4个先进"  # narrowed: cleaning twice drops (jin)


def test_a_bound_makes_a_sentence_with_wancheng_a_plan():
    assert read("实施重点项目500个以上,年度完成投资800亿元。") == [
        ("重点项目", "total", "≥ 500 个"),
        ("年度完成投资", "total", "≥ 800 亿元"),
    ]


def test_an_undated_actual_leaves_the_sentences_after_it_in_the_plan():
    assert read("全区完成固定资产投资300亿元。\n新增高新技术企业200家。") == [
        ("新增高新技术企业", "total", "≥ 200 家")
    ]


def test_a_baseline_belongs_to_its_own_indicator_only():
    text = "2024年,地区生产总值增长5.6%。\n2025年,单位地区生产总值能耗下降3%。"
    (goal,) = extract_targets(text, entity="某市")
    assert goal.baseline is None


def test_jiang_in_a_review_does_not_turn_what_follows_into_a_plan():
    text = "2024年,全市接待游客增长10%。新雪季游客将突破500万人次。社会消费品零售总额增长6%。"
    assert [name for name, _, _ in read(text)] == ["新雪季游客"]


def test_budgets_are_no_targets():
    assert read("赤字率拟按3%安排,新增专项债券额度500亿元。") == []


def test_a_goal_restated_in_fewer_words_is_one_goal():
    text = "规模工业总产值达到130亿元。力争工业产值达到130亿元。"
    assert read(text) == [("规模工业总产值", "total", "≥ 130 亿元")]


def test_wanyi_taijie_is_ten_thousand_yi_yuan():
    assert read("地区生产总值迈上万亿台阶。") == [("地区生产总值", "total", "≥ 10000 亿元")]


def test_a_figure_before_the_name_of_its_goal_is_a_target():
    assert read("固定资产投资保持1000亿元以上“三个千亿”目标。") == [
        ("固定资产投资", "total", "≥ 1000 亿元")
    ]


def test_fenbie_can_share_out_entities():
    found = extract_targets("神木市、府谷县地区生产总值分别增长7%、8%。", year=2025)
    assert [(c.entity, c.indicator, c.target) for c in found] == [
        ("神木市", "地区生产总值", 7),
        ("府谷县", "地区生产总值", 8),
    ]


def test_a_figure_without_a_name_takes_the_subject_of_the_clause_before():
    assert read("常住人口城镇化率提高1个百分点,达到65%。") == [
        ("常住人口城镇化率", "level", "≥ 65%")
    ]


def test_pinyin_of_several_syllables_is_skipped():
    assert read("城镇新增就业(jiù yè)5万人。") == [("城镇新增就业", "total", "≥ 5 万人")]


def test_a_verb_phrase_is_no_entity():
    assert extract("力争进入全省前十五。", year=2025).entity == "?"
