"""Charts: the per-goal SVG of the HTML report and the digest's PNG summary."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date

import pytest

from tracker.config.project import Project
from tracker.config.settings import DigestConfig
from tracker.delivery.sender import Deliverer
from tracker.digest import chart
from tracker.domain.figures import FigureRecord
from tracker.domain.goals import Goal
from tracker.evaluate import Progress, evaluate_goal
from tracker.report import GoalChart, chart_points, goal_chart
from tracker.store.database import Store

AS_OF = date(2025, 10, 31)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


def draw(goal: Goal, figures: list[FigureRecord], as_of: date = AS_OF) -> GoalChart:
    progress = evaluate_goal(goal, figures, as_of)
    return goal_chart(progress, chart_points(goal, figures, as_of, "zh"))


def classes(svg: str) -> set[str]:
    root = ET.fromstring(svg)  # also proves the markup is well-formed XML
    return {el.get("class", "") for el in root.iter()} - {""}


@pytest.fixture
def investment(make_goal: Callable[..., Goal]) -> Goal:
    return make_goal(measure="total", target="≥ 180 亿元", stretch=200, indicator="引进项目投资额")


@pytest.fixture
def investment_figures(make_figure: Callable[..., FigureRecord]) -> list[FigureRecord]:
    return [
        make_figure("2025-03", 40, unit="亿元", published=date(2025, 4, 20)),
        make_figure("2025-06", 85, unit="亿元", published=date(2025, 7, 20)),
        make_figure("2025-09", 120, unit="亿元", published=date(2025, 10, 20)),
    ]


def test_svg_has_title_desc_and_role(
    investment: Goal, investment_figures: list[FigureRecord]
) -> None:
    root = ET.fromstring(draw(investment, investment_figures).svg)
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("role") == "img" and title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "引进项目投资额" in (title.text or "") and "1–9月 120亿元" in (desc.text or "")


def test_total_chart_draws_target_pace_stretch_and_projection(
    investment: Goal, investment_figures: list[FigureRecord]
) -> None:
    found = classes(draw(investment, investment_figures).svg)
    assert {"line-target", "line-pace", "line-stretch", "line-projection", "series-actual"} <= found


def test_svg_declares_cjk_fonts(investment: Goal) -> None:
    svg = draw(investment, []).svg
    assert "Noto Sans CJK SC" in svg and "Microsoft YaHei" in svg and "sans-serif" in svg


def test_growth_about_goal_shows_the_tolerance_band_not_a_pace(
    make_goal: Callable[..., Goal], make_figure: Callable[..., FigureRecord]
) -> None:
    goal = make_goal(target="约 6%")
    found = classes(draw(goal, [make_figure("2025-06", 5.9, published=date(2025, 7, 20))]).svg)
    assert {"band-target", "line-target", "series-actual"} <= found
    assert "line-pace" not in found and "line-projection" not in found


def test_level_pace_starts_from_the_baseline(
    make_goal: Callable[..., Goal], make_figure: Callable[..., FigureRecord]
) -> None:
    goal = make_goal(measure="level", target="≥ 500 家", baseline={"value": 400, "unit": "家"})
    figure = make_figure("2025-06", 440, unit="家", published=date(2025, 7, 20))
    (row,) = draw(goal, [figure]).rows
    assert (row.label, row.value, row.pace) == ("1–6月", "440家", "450家")


def test_chart_without_figures_says_so(investment: Goal) -> None:
    drawn = draw(investment, [])
    assert "暂无数据" in drawn.svg and drawn.rows == () and "line-target" in classes(drawn.svg)


def test_milestone_chart_is_a_timeline_to_the_deadline(
    make_goal: Callable[..., Goal], make_figure: Callable[..., FigureRecord]
) -> None:
    goal = make_goal(measure="milestone", target=None, deadline=date(2025, 6, 30))
    figure = make_figure("2025-05", 1.0, unit=None, published=date(2025, 5, 28))
    drawn = draw(goal, [figure])
    assert "截止 2025-06-30" in drawn.svg and drawn.rows[0].value == "已完成"


def test_projection_beyond_the_axis_is_clipped_not_stretched(
    investment: Goal, make_figure: Callable[..., FigureRecord]
) -> None:
    early = [make_figure("2025-01", 170, unit="亿元", published=date(2025, 2, 20))]
    svg = draw(investment, early, as_of=date(2025, 2, 28)).svg
    assert 'clip-path="url(#clip-g-2025)"' in svg and ">2000<" not in svg  # axis not to 2040


# ---- the PNG summary ----------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def results_for(goals: list[Goal], figures: list[FigureRecord]) -> list[Progress]:
    return [evaluate_goal(g, figures, AS_OF) for g in goals]


def test_summary_png_is_a_small_valid_png(
    investment: Goal, investment_figures: list[FigureRecord]
) -> None:
    data = chart.summary_png(results_for([investment], investment_figures), "zh")
    width, height = png_size(data)
    assert len(data) < chart.MAX_BYTES and width <= 1200 and 100 <= height <= 2000


def test_summary_png_is_deterministic(
    investment: Goal, investment_figures: list[FigureRecord]
) -> None:
    results = results_for([investment], investment_figures)
    assert chart.summary_png(results, "en") == chart.summary_png(results, "en")


def test_many_goals_are_summarised_per_entity(make_goal: Callable[..., Goal]) -> None:
    goals = [make_goal(id=f"g-{n}", entity=f"区{n % 5}") for n in range(80)]
    width, height = png_size(chart.summary_png(results_for(goals, []), "zh"))
    assert width <= 1200 and height < 600  # five entity bars, not eighty goal bars


@pytest.mark.filterwarnings("error")
def test_summary_png_without_a_cjk_font_uses_ids(
    monkeypatch: pytest.MonkeyPatch, investment: Goal, investment_figures: list[FigureRecord]
) -> None:
    monkeypatch.setattr(chart, "cjk_font", lambda: None)  # no "Glyph missing" warnings either
    data = chart.summary_png(results_for([investment], investment_figures), "zh")
    assert png_size(data)[0] <= 1200


def test_a_digest_with_chart_true_carries_the_png(project: Project, store: Store) -> None:
    digest = DigestConfig(name="weekly", channels=["outbox"], chart=True)
    document, _ = Deliverer(project, store).compose(digest, AS_OF)
    assert document.image is not None and png_size(document.image)[0] <= 1200
