"""Output: the goals-file layout, ids, the JSON of `tracker goals --json`, valid Goals."""

from __future__ import annotations

import json
from datetime import date

import yaml

from extract.kit import ARTICLE
from tracker.domain.goals import Goal
from tracker.extract import extract, to_goals, to_goals_yaml, to_json


def test_goals_yaml_has_the_config_layout():
    text = to_goals_yaml(extract(ARTICLE, published=date(2025, 2, 6)), document="seeds/p.txt")
    assert text.startswith("# yaml-language-server: $schema=../goals.schema.json\n")
    data = yaml.safe_load(text)
    assert data["defaults"] == {
        "entity": "火炬开发区",
        "year": 2025,
        "source": {
            "document": "seeds/p.txt",
            "url": "https://example.org/p.html",
            "published": date(2025, 2, 6),
        },
    }
    first = data["goals"][0]
    assert first["target"] == "≥ 6.5%"
    assert first["baseline"] == {"value": 573.7, "unit": "亿元", "year": 2024, "growth": 3.5}
    assert 'target: "≥ 6.5%"' in text and "baseline: {value: 573.7" in text


def test_goals_yaml_writes_measure_deadline_and_tags_only_when_needed():
    goals = yaml.safe_load(to_goals_yaml(extract(ARTICLE)))["goals"]
    assert [sorted(g) for g in goals] == [
        ["baseline", "id", "indicator", "quote", "target"],
        ["id", "indicator", "quote", "target"],
        ["deadline", "id", "indicator", "quote", "tags", "target"],
    ]
    assert goals[2]["deadline"] == date(2027, 12, 31)


def test_ids_are_unique_ascii_slugs():
    goals = to_goals(extract(ARTICLE), document="seeds/002_218b60f8d8bbf3c4.txt")
    assert [g.id for g in goals] == [
        "002-218b60f8-2025-gdp",
        "002-218b60f8-2025-projects",
        "002-218b60f8-2025-03",
    ]


def test_json_has_the_shape_of_tracker_goals():
    data = json.loads(to_json(extract(ARTICLE), document="seeds/p.txt"))
    keys = {"id", "entity", "indicator", "measure", "comparator", "target", "target_max"}
    keys |= {"stretch", "unit", "start", "deadline", "baseline", "tags", "source"}
    assert all(set(item) == keys for item in data)
    assert data[0]["source"] == {
        "document": "seeds/p.txt",
        "url": "https://example.org/p.html",
        "published": None,
        "quote": "火炬开发区力争全年GDP增长6.5%以上",
    }
    assert (data[2]["start"], data[2]["deadline"]) == ("2025-01-01", "2027-12-31")


def test_every_goal_is_valid():
    goals = to_goals(extract(ARTICLE), document="seeds/p.txt")
    assert all(isinstance(g, Goal) for g in goals)
    assert [g.target for g in goals] == [6.5, 80, 1]
