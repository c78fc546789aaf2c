"""``tracker report``: the static HTML site, its pages, filters, replay and sources."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from tracker.cli import main
from tracker.digest.reach import entity_page
from tracker.domain.goals import Goal
from tracker.report import build_report, render_report

Cli = Callable[..., Result]

FIGURES = """\
goal,period,value,unit,source,published,note
demo-2025-gdp,2025-06,5.2,%,,2025-07-20,
demo-2025-gdp,2025-09,6.1,%,,2025-10-20,
demo-2025-investment,2025-09,60,亿元,,2025-10-20,
demo-2025-high-tech,2025-06,446,家,,2025-07-20,
town-2025-groundbreaking,2025-05,完成,,,2025-05-28,
"""


@pytest.fixture
def site(cli: Cli, project_dir: Path, write_file: Callable[..., Path]) -> Path:
    """The fixture project's report as of 2025-10-31 in project_dir/site."""
    assert cli("figures", "import", str(write_file(FIGURES))).exit_code == 0
    result = cli("report", "--out", "site", "--as-of", "2025-10-31")
    assert result.exit_code == 0, result.output
    return project_dir / "site"


DEMO = entity_page("示范区")  # shi-fan-qu-<hash>.html: stable, whatever else is reported
TOWN = entity_page("对照镇")


def page(site: Path, name: str = "index.html") -> str:
    return (site / name).read_text(encoding="utf-8")


def test_writes_an_index_and_one_ascii_named_page_per_entity(site: Path) -> None:
    assert sorted(p.name for p in site.iterdir()) == sorted([DEMO, TOWN, "index.html"])
    assert DEMO.startswith("shi-fan-qu-") and DEMO.isascii()
    assert "<h1>示范区</h1>" in page(site, DEMO)
    assert "<h1>对照镇</h1>" in page(site, TOWN)


def test_index_links_every_entity_page_with_its_status_counts(site: Path) -> None:
    index = page(site, "index.html")
    card = index[index.index(f'<a href="{DEMO}">示范区</a>') :].split("</li>")[0]
    assert "3 项目标" in card
    assert re.search(r"进度正常 <b>1</b>.*有风险 <b>1</b>.*滞后 <b>1</b>", card), card
    assert f'<a href="{TOWN}">对照镇</a>' in index


def test_index_shows_as_of_and_data_period(site: Path) -> None:
    assert '截至 <time datetime="2025-10-31">2025-10-31</time> · 数据至 2025年1–9月' in page(site)


def test_goals_table_is_sorted_worst_first(site: Path) -> None:
    order = re.findall(r'<tr class="s-(\w+)" data-goal', page(site))
    assert order == ["off_track", "at_risk", "on_track", "achieved"]


def test_entity_page_has_a_chart_per_goal(site: Path) -> None:
    demo = page(site, DEMO)
    for goal_id in ("demo-2025-gdp", "demo-2025-investment", "demo-2025-high-tech"):
        assert '<article class="goal' in demo and f'id="goal-{goal_id}"' in demo
        assert f'role="img" aria-labelledby="chart-{goal_id}-title' in demo


def test_entity_filter_keeps_matching_goals_only(cli: Cli, site: Path, project_dir: Path) -> None:
    result = cli("report", "--out", "town", "--entity", "对照", "--as-of", "2025-10-31")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (project_dir / "town").iterdir())
    assert names == sorted([TOWN, "index.html"])
    assert "demo-2025" not in page(project_dir / "town")


def test_entity_filter_without_match_fails(cli: Cli, site: Path) -> None:
    result = cli("report", "--out", "none", "--entity", "火星")
    assert result.exit_code == 1 and "'火星'" in result.stderr


def test_as_of_replays_what_was_published_by_then(cli: Cli, site: Path) -> None:
    assert cli("report", "--out", "site", "--as-of", "2025-08-01").exit_code == 0
    demo = page(site, DEMO)
    assert "1–6月增长5.2%" in demo and "1–9月增长6.1%" not in demo
    assert '截至 <time datetime="2025-08-01">' in demo


def test_rerun_removes_entity_pages_no_longer_in_the_report(cli: Cli, site: Path) -> None:
    assert cli("report", "--out", "site", "--entity", "示范").exit_code == 0
    assert not (site / TOWN).exists()


def test_pages_of_older_reports_go_but_other_files_stay(cli: Cli, site: Path) -> None:
    old = site / "entity-1.html"  # the numbered name earlier versions wrote
    old.write_text(page(site, DEMO), encoding="utf-8")
    (site / "notes.html").write_text("<p>ours</p>", encoding="utf-8")
    assert cli("report", "--out", "site", "--as-of", "2025-10-31").exit_code == 0
    assert not old.exists() and (site / "notes.html").exists()


def test_pages_are_self_contained_and_printable(site: Path) -> None:
    for name in ("index.html", DEMO):
        html = page(site, name)
        assert '<meta charset="utf-8">' in html and "@media print" in html
        assert not re.search(r'<(link|script|img)[^>]+(href|src)="', html), name
        assert '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC"' in html


def test_source_link_and_quote_appear(make_goal: Callable[..., Goal]) -> None:
    url = "https://example.gov.cn/2025/report.html"
    goal = make_goal(source={"url": url, "quote": "地区生产总值增长6%左右", "document": "a.txt"})
    shown = render_report(build_report([goal], {}, date(2025, 10, 31)))[entity_page(goal.entity)]
    assert f'<blockquote cite="{url}"><p>地区生产总值增长6%左右</p></blockquote>' in shown
    assert f'<cite><a href="{url}" rel="noopener noreferrer">{url}</a></cite>' in shown


def test_only_web_addresses_become_links(make_goal: Callable[..., Goal]) -> None:
    goal = make_goal(source={"url": "javascript:alert(1)", "quote": "<b>目标</b>"})
    html = render_report(build_report([goal], {}, date(2025, 10, 31)))[entity_page(goal.entity)]
    assert "javascript:" not in html and "&lt;b&gt;目标&lt;/b&gt;" in html


def test_english_report(make_goal: Callable[..., Goal]) -> None:
    pages = render_report(build_report([make_goal()], {}, date(2025, 3, 1), language="en"))
    assert '<html lang="en">' in pages["index.html"] and "no data" in pages["index.html"]


def test_report_help_has_an_example() -> None:
    command = main.get_command(None, "report")  # type: ignore[arg-type]
    assert command is not None and command.help and "Example:" in command.help
