"""Owners in digests and alerts: who is mentioned, where, and the links to the report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tracker.config.people import Person
from tracker.config.settings import DigestConfig, Settings
from tracker.digest.alerts import Moved, build_alert
from tracker.digest.compose import build_digest
from tracker.digest.document import DigestDocument
from tracker.digest.reach import Reach, entity_page
from tracker.domain.goals import Goal
from tracker.evaluate import Progress, evaluate_all

OCT = date(2025, 10, 31)
PEOPLE = {
    "zhang-wei": Person(name="张伟"),
    "li-na": Person(name="李娜"),
    "wang-fang": Person(name="王芳"),
}
BASE = "https://reports.example.gov.cn/tracker/"


@pytest.fixture
def results(make_goal: Callable[..., Goal], make_figure: Any) -> list[Progress]:
    """An off-track total owned by 张伟 and 李娜, an on-track growth goal owned by 王芳."""
    goals = [
        make_goal(id="late", measure="total", target="≥ 180 亿元", owners=["zhang-wei", "li-na"]),
        make_goal(id="fine", target="≥ 6%", owners=["wang-fang"]),
    ]
    figures = {
        "late": [
            make_figure("2025-09", 60, goal="late", unit="亿元", published=date(2025, 10, 20))
        ],
        "fine": [make_figure("2025-09", 6.5, goal="fine", published=date(2025, 10, 20))],
    }
    found = evaluate_all(goals, figures, OCT)
    assert [p.status.value for p in found] == ["off_track", "on_track"]
    return found


def digest(results: list[Progress], **settings: Any) -> DigestDocument:
    config = DigestConfig(name="weekly", channels=["x"], **settings)
    reach = Reach.of(Settings(people=PEOPLE, channels={"x": {"type": "stdout"}}), config)
    return build_digest(config, results, as_of=OCT, reach=reach)


def test_mention_off_track_names_only_owners_of_off_track_goals(results: list[Progress]) -> None:
    text = digest(results, mention=["off_track"]).markdown()
    assert text.count("@张伟") == 1 and text.count("@李娜") == 1 and "王芳" not in text


def test_no_mention_option_mentions_nobody(results: list[Progress]) -> None:
    assert "@" not in digest(results).markdown()


def test_an_alert_for_a_goal_of_two_owners_mentions_both_once(results: list[Progress]) -> None:
    config = DigestConfig(name="weekly", channels=["x"], alert_on=["off_track"])
    reach = Reach.of(Settings(people=PEOPLE), config)
    moved = [Moved(results[0], "at_risk")]
    text = build_alert(config, moved, as_of=OCT, reach=reach).markdown()
    assert text.count("@张伟") == 1 and text.count("@李娜") == 1


def test_entity_owners_apply_to_goals_without_their_own(make_goal: Callable[..., Goal]) -> None:
    reach = Reach(people=PEOPLE, owners={"示范区": ["wang-fang"]})
    assert reach.owners_of(make_goal()) == ("wang-fang",)
    assert reach.owners_of(make_goal(owners=["li-na", "li-na"])) == ("li-na",)


def test_entity_sections_link_to_the_entity_s_report_page(results: list[Progress]) -> None:
    doc = digest(results, report_url=BASE)
    (section,) = [s for s in doc.sections if s.heading == "示范区"]
    assert section.link is not None and section.link.url == BASE + entity_page("示范区")
    assert section.link.label == "示范区 · 查看报告"


def test_alert_lines_link_to_the_goal_on_its_page(results: list[Progress]) -> None:
    config = DigestConfig(name="weekly", channels=["x"], report_url=BASE)
    reach = Reach.of(Settings(), config)
    text = build_alert(config, [Moved(results[0], "at_risk")], as_of=OCT, reach=reach).markdown()
    assert f"[报告]({BASE}{entity_page('示范区')}#goal-late)" in text


def test_report_page_names_are_stable_ascii_slugs() -> None:
    assert entity_page("香洲区") == entity_page("香洲区") == "xiang-zhou-qu-6d493e.html"
    assert entity_page("湘洲区") != entity_page("香洲区")  # same pinyin, another entity
    assert entity_page("Zhuhai ETDZ") == "zhuhai-etdz.html"
