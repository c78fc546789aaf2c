"""Chinese text normalisation shared by quote verification and target extraction.

Real articles arrive in Traditional characters, with pinyin inserted after characters
("產(chǎn)業(yè)"), full-width digits and stray spaces. ``normalize`` folds all of that so two
texts that say the same thing compare equal.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

import opencc

# A pinyin annotation directly after a Han character: "(chǎn)", "(yè)", "(lü)", "(chan3)".
_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])\([a-zA-Z\u00c0-\u024f\u0300-\u036f]{1,8}[1-5]?\)")
_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def strip_pinyin(text: str) -> str:
    """Remove pinyin annotations that some sites insert after each character."""
    return _PINYIN.sub("", text)


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese to Simplified with OpenCC (phrase-aware)."""
    return str(_t2s().convert(text))


def clean(text: str) -> str:
    """NFKC, pinyin removed, Simplified; whitespace kept so lines survive."""
    text = unicodedata.normalize("NFKC", text)
    text = strip_pinyin(text)
    return to_simplified(text)


def normalize(text: str) -> str:
    """Canonical form for comparing quotes with documents: ``clean`` minus all whitespace."""
    return _WHITESPACE.sub("", clean(text))


def contains_quote(document: str, quote: str) -> bool:
    """True when ``quote`` occurs in ``document`` once both are normalised."""
    needle = normalize(quote)
    return bool(needle) and needle in normalize(document)


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and encoding of a file as Chinese users save it: UTF-8 (BOM or not), UTF-16 with
    BOM, else GB18030 (a superset of GBK/GB2312, what Excel on a Chinese system writes).

    Raises ValueError for binary data or bytes that are none of these.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise ValueError("neither UTF-8 nor GB18030 text") from None
