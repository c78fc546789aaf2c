"""Quote verification survives Traditional characters, pinyin, full-width forms and spacing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.domain.text import clean, contains_quote, decode_text, strip_pinyin

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


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("珠海市統計局,前三季度累計", "big5"),
        ("指標,期間,數值", "big5"),
        ("珠海市统计局,1–9月累计", "gb18030"),
        ("一季度", "gb18030"),
        ("增長", "gb18030"),
    ],
)
def test_big5_and_gb18030_are_told_apart(text, encoding):
    assert decode_text(text.encode(encoding)) == (text, encoding)
