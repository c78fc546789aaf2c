"""The shipped seeds: recall against config/goals, and any mix of their lines stays valid."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.kit import ROOT, benchmark
from tracker.domain.text import contains_quote
from tracker.extract import extract, to_goals


@pytest.mark.skipif(
    not any((ROOT / "config" / "goals").glob("*.y*ml")), reason="no shipped goals in config/goals"
)
def test_recall_on_the_shipped_seed_goals(monkeypatch, shipped_copy):
    monkeypatch.chdir(shipped_copy)
    report = benchmark().measure(shipped_copy / "config")
    assert report.recall >= 0.95, [(d.document, [g.id for g in d.missed]) for d in report.documents]


# -- robustness -----------------------------------------------------------------------------------

SEED_LINES = [
    line
    for path in sorted((ROOT / "seeds").glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SEED_LINES or ["增长7%"]), max_size=12), st.integers(2020, 2030))
def test_any_mix_of_article_lines_gives_valid_goals_quoted_verbatim(lines, year):
    text = "\n".join(lines)
    result = extract(text, year=year if year % 2 else None)
    if not result.has_entity:  # the writers refuse '?'
        result = extract(text, year=year if year % 2 else None, entity="某区")
    goals = to_goals(result, document="seeds/x.txt")
    assert len({g.id for g in goals}) == len(goals)
    assert all(contains_quote(text, g.source.quote) for g in goals)
