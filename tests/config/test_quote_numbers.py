"""The number check of a quote: magnitudes, Chinese numerals, units that must agree, and a
message that says which number the quote does state."""

from __future__ import annotations

import pytest

from tracker.config.quotes import number_problem
from tracker.domain.stated import stated_numbers
from tracker.domain.text import normalize


@pytest.mark.parametrize(
    ("target", "quote"),
    [
        ("≥ 0.8 万人", "城镇新增就业8000人"),
        ("≥ 17 个", "年内完成十七个项目"),
        ("≥ 100 家", "新增规上企业一百家"),
        ("≥ 3000 套", "筹集保障性住房三千套"),
        ("> 1000 亿元", "推动南湾片区GDP超千亿"),
        ("≥ 1.1 万个", "新增学位11000个"),
        ("≥ 8 人", "引进院士等高层次人才8名"),
        ("≥ 7%", "规模以上工业增加值增长7%"),
        ("≥ 7%", "提高7个百分点"),
    ],
)
def test_the_number_is_found_in_another_magnitude_or_in_words(make_goal, target, quote):
    goal = make_goal(target=target, source={"quote": quote})
    assert number_problem(goal, normalize(quote)) is None


def test_a_count_quoted_for_a_percent_target_names_the_quotes_unit(make_goal):
    quote = "力争新引进超亿元项目不少于50个"
    goal = make_goal(target="≥ 50%", source={"quote": quote})
    assert number_problem(goal, normalize(quote)) == (
        "the quote states 50个, but the target is 50%; write the unit the quote states, "
        'e.g. target: "≥ 50 个"'
    )


def test_a_mistyped_target_is_told_which_number_the_quote_states(make_goal):
    quote = "城镇新增就业8000人"
    goal = make_goal(target="≥ 0.9 万人", source={"quote": quote})
    assert number_problem(goal, normalize(quote)) == (
        "the quote states 8000人, not the target 0.9万人; correct the target or quote the "
        "words that give it"
    )


def test_years_are_not_stated_amounts():
    assert [s.text for s in stated_numbers("力争2025年引进项目不少于80个")] == ["80个"]


def test_numerals_are_read_only_where_they_stand_as_numbers():
    values = [s.value for s in stated_numbers("一季度统一推进十七个项目")]
    assert 17 in values and len(values) <= 3


def test_check_reports_a_unit_that_disagrees_with_the_quote(write_goals, run_cli, project_dir):
    (project_dir / "seeds" / "doc.txt").write_text("力争新引进超亿元项目不少于50个\n", "utf-8")
    write_goals('- id: p\n  indicator: 超亿元项目\n  target: "≥ 50%"\n  quote: 不少于50个\n')
    result = run_cli("check")
    assert result.exit_code == 1
    assert "test.yaml:10: source.quote: the quote states 50个, but the target is 50%" in (
        result.stderr
    )
