"""What a digest says must be true and read as a statistician writes it (issue 12)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from tracker.config.settings import DigestConfig
from tracker.digest.compose import build_digest
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal
from tracker.domain.periods import Period
from tracker.evaluate import evaluate_all

Goals = Callable[..., Goal]
Figures = Callable[..., FigureRecord]
OCT = date(2025, 10, 31)


@pytest.fixture
def digest_of(make_figure: Figures) -> Callable[..., str]:
    """Markdown of a digest of ``goals`` with one figure ``(goal, period, value, unit)`` each."""

    def render(goals: list[Goal], rows: list[tuple], as_of: date = OCT, lang: str = "zh") -> str:
        figures: dict[str, list[FigureRecord]] = {}
        for goal_id, period, value, unit in rows:
            published = Period.parse(period).end + timedelta(days=20)
            figure = make_figure(period, value, goal=goal_id, unit=unit, published=published)
            figures.setdefault(goal_id, []).append(figure)
        results = evaluate_all(goals, figures, as_of)
        config = DigestConfig(name="t", channels=["x"], language=lang)  # type: ignore[arg-type]
        return build_digest(config, results, as_of=as_of).markdown()

    return render


def test_a_total_with_partial_data_after_the_deadline_is_not_called_missed(
    make_goal: Goals, digest_of: Callable[..., str]
) -> None:
    goal = make_goal(
        id="inv-2025", measure="total", target="≥ 180 亿元", indicator="引进项目投资额"
    )
    text = digest_of([goal], [("inv-2025", "2025-09", 118.2, "亿元")], as_of=date(2026, 12, 1))
    assert "❌" not in text and "未完成" not in text
    assert "🕓 **引进项目投资额**" in text and "待全年数据" in text


def test_growth_goals_show_no_bar_and_no_percentage(
    make_goal: Goals, digest_of: Callable[..., str]
) -> None:
    text = digest_of([make_goal(target="≥ 8%")], [("g-2025", "2025-09", -3.5, "%")])
    line = next(x for x in text.splitlines() if "目标 ≥8%" in x)
    assert "1–9月下降3.5%" in line and "█" not in line and "░" not in line
    assert not [part for part in line.split(" · ") if re.fullmatch(r"-?\d+%", part)]
    assert "-44%" not in text


def test_english_rates_carry_a_true_minus_and_one_decimal(
    make_goal: Goals, digest_of: Callable[..., str]
) -> None:
    text = digest_of([make_goal(target="≥ 8%")], [("g-2025", "2025-06", -3.5, "%")], lang="en")
    assert "Jan–Jun −3.5%" in text


def test_a_gap_within_about_is_the_real_difference(
    make_goal: Goals, digest_of: Callable[..., str]
) -> None:
    text = digest_of([make_goal(target="约 6%")], [("g-2025", "2025-09", 5.6, "%")])
    assert "前三季度" in text or "1–9月增长5.6%" in text
    assert "差0.4个百分点，在“左右”范围内" in text and "0个百分点" not in text


def test_at_risk_goals_say_what_pace_the_rest_of_the_year_needs(
    make_goal: Goals, digest_of: Callable[..., str]
) -> None:
    total = make_goal(id="inv-2025", measure="total", target="≥ 180 亿元")
    growth = make_goal(id="g-2025", target="≥ 8%")
    rows = [("inv-2025", "2025-09", 118.2, "亿元"), ("g-2025", "2025-09", 6.0, "%")]
    text = digest_of([total, growth], rows)
    assert "后三个月需月均完成20.6亿元" in text
    assert "全年达标需四季度增长14.0%" in text


def test_a_digest_spanning_two_years_names_both_and_groups_by_year(
    make_goal: Goals, digest_of: Callable[..., str]
) -> None:
    old = make_goal(id="a-2022", year=2022)
    new = make_goal(id="b-2025", year=2025)
    text = digest_of([old, new], [], as_of=date(2025, 10, 31))
    assert "2022、2025年目标" in text
    assert text.index("### 示范区（2025年目标）") < text.index("### 示范区（2022年目标）")


def test_one_source_link_per_article_per_entity(
    make_goal: Goals, digest_of: Callable[..., str]
) -> None:
    url = "https://news.example.cn/2025/report.html"
    source = {"quote": "示范目标", "url": url}
    goals = [make_goal(id=f"g{n}-2025", source=source) for n in range(3)]
    text = digest_of(goals, [(g.id, "2025-09", 5.0, "%") for g in goals])
    assert text.count(url) == 1 and f"来源：[原文]({url})" in text


def test_no_data_lines_do_not_nest_brackets(
    make_goal: Goals, digest_of: Callable[..., str]
) -> None:
    text = digest_of([make_goal(target="≥ 9%", stretch=11, indicator="地区生产总值")], [])
    assert "地区生产总值（≥9%，争取11%）" in text and "（≥9%（" not in text


def test_a_move_to_off_track_is_said_once(make_goal: Goals, make_figure: Figures) -> None:
    goal = make_goal(target="≥ 8%")
    figure = make_figure("2025-09", 4.0, unit="%", published=date(2025, 10, 20))
    results = evaluate_all([goal], {goal.id: [figure]}, OCT)
    previous = {goal.id: {"status": "at_risk", "period": "2025-06", "value": 7.0}}
    config = DigestConfig(name="t", channels=["x"])
    text = build_digest(config, results, as_of=OCT, previous=previous).markdown()
    assert "🔴 **示范区 · 指标**：有风险 → 滞后（1–9月增长4.0%，目标 ≥8%）" in text


def test_requirements_in_whole_things_are_never_understated(
    make_goal: Goals, digest_of: Callable[..., str]
) -> None:
    goal = make_goal(id="p-2025", measure="total", target="≥ 60 个", indicator="项目")
    text = digest_of([goal], [("p-2025", "2025-06", 29, "个")], as_of=date(2025, 7, 31))
    assert "后六个月需月均新增6个" in text  # (60 − 29) / 6 = 5.17: 5 a month would end at 59


def test_growth_faster_than_an_about_target_is_not_a_miss(
    make_goal: Goals, digest_of: Callable[..., str]
) -> None:
    text = digest_of([make_goal(target="约 6%")], [("g-2025", "2025", 7.3, "%")], date(2026, 2, 1))
    assert "✅" in text and "❌" not in text


def test_a_zero_rate_is_flat_not_a_zero_rise(
    make_goal: Goals, digest_of: Callable[..., str]
) -> None:
    text = digest_of([make_goal(target="≥ 3%")], [("g-2025", "2025-09", 0.0, "%")])
    assert "1–9月与上年持平" in text and "增长0.0%" not in text
