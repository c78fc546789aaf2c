"""Units with magnitude prefixes: 1.1 万个 == 11000 个."""

from __future__ import annotations

import pytest

from tracker.domain.units import UnitError, parse_unit


def test_magnitude_prefix_scales_to_base():
    assert parse_unit("万个").to_base(1.1) == pytest.approx(11000)
    assert parse_unit("个").to_base(11000) == 11000


def test_conversion_between_magnitudes_of_one_base():
    assert parse_unit("亿元").convert(180, parse_unit("万元")) == pytest.approx(1_800_000)
    assert parse_unit("万美元").convert(1347.06, parse_unit("亿美元")) == pytest.approx(0.134706)


def test_units_starting_with_a_magnitude_character_are_not_split():
    assert parse_unit("千瓦").base == "千瓦"
    assert parse_unit("万千瓦").scale == 10_000


def test_incompatible_units_refuse_to_convert():
    with pytest.raises(UnitError, match="cannot convert 亿元 to 个"):
        parse_unit("亿元").convert(1, parse_unit("个"))


@pytest.mark.parametrize("text", ["只猫", "万", "", "kg"])
def test_unknown_units_are_rejected(text):
    with pytest.raises(UnitError, match="unknown unit"):
        parse_unit(text)


@pytest.mark.parametrize(("synonym", "unit"), [("名", "人"), ("万名", "人"), ("套房", "套")])
def test_synonyms_count_the_same_thing(synonym, unit):
    assert parse_unit(synonym).compatible(parse_unit(unit))
    assert parse_unit(synonym).text == synonym  # shown as written


def test_person_visits_are_not_people():
    assert not parse_unit("人次").compatible(parse_unit("人"))
