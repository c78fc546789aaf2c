"""Numbers as written in a figure: ``6.5``, ``1,200``, ``一千两百``, ``四点五``.

Chinese numerals are read with cn2an on the span a pattern captured, never on the whole text,
so quotes stay as written."""

from __future__ import annotations

from functools import lru_cache

CHINESE_DIGITS = "零〇一二两三四五六七八九"
# A Chinese number: 十, 一千两百, 四点五 (万 and 亿 are read as the unit's magnitude, not here).
CHINESE_NUMBER = rf"[{CHINESE_DIGITS}十百千]+(?:点[{CHINESE_DIGITS}]+)?"
DIGITS_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"


def number_value(text: str) -> float | None:
    """The value of a number written in digits or Chinese numerals; None if it is neither."""
    plain = text.replace(",", "")
    try:
        return float(plain)
    except ValueError:
        return _chinese_value(plain)


def is_chinese(text: str) -> bool:
    """Whether the number is written in Chinese numerals."""
    return bool(text) and not text[0].isdigit()


@lru_cache(maxsize=1024)
def _chinese_value(text: str) -> float | None:
    import cn2an  # type: ignore[import-untyped]  # imported when a Chinese numeral is read

    if text[0] in "百千":
        text = "一" + text  # 百强, 千亿: one hundred, one thousand
    try:
        return float(cn2an.cn2an(text, "smart"))
    except ValueError:
        return None
