"""Quote verification survives Traditional characters, pinyin, full-width forms and spacing."""

from __future__ import annotations

from pathlib import Path

from tracker.domain.text import clean, contains_quote, strip_pinyin

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_pinyin_annotations_are_removed():
    assert strip_pinyin("產(chǎn)業(yè)強(qiáng)區(qū)") == "產業強區"


def test_brackets_that_are_not_pinyin_stay():
    assert strip_pinyin("企业(集团)1家, GDP(亿元)") == "企业(集团)1家, GDP(亿元)"


def test_clean_folds_full_width_and_traditional():
    assert clean("規上工業增加值增速超７％") == "规上工业增加值增速超7%"


def test_simplified_quote_found_in_traditional_pinyin_seed():
    document = (SEEDS / "002_218b60f8d8bbf3c4.txt").read_text("utf-8")
    assert "強(qiáng)" in document  # the seed really is Traditional with pinyin
    assert contains_quote(document, "力争全年GDP增长6.5%以上")


def test_whitespace_is_ignored_both_ways():
    assert contains_quote("预期目标是 6%左右", "预期目标是6 %左右")


def test_quote_not_in_document_is_rejected():
    document = (SEEDS / "003_012f929188e28087.txt").read_text("utf-8")
    assert not contains_quote(document, "经济增长的预期目标是7%左右")
    assert not contains_quote(document, "   ")
