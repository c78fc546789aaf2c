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


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Canonical form for comparing quotes with documents: ``clean`` minus all whitespace."""
    return _WHITESPACE.sub("", clean(text))


def contains_quote(document: str, quote: str) -> bool:
    """True when ``quote`` occurs in ``document`` once both are normalised."""
    needle = normalize(quote)
    return bool(needle) and needle in normalize(document)


ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "gb18030": "GB18030/GBK",
    "big5": "Big5 (Traditional Chinese)",
}


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and encoding of a file as Chinese users save it: UTF-8 (BOM or not), UTF-16 with
    BOM, else GB18030 (a superset of GBK/GB2312, what Excel on a Chinese system writes) or
    Big5 (Taiwan, Hong Kong, Macau), told apart by charset-normalizer.

    Big5 bytes almost always decode as GB18030 too, into nonsense; which of the two reads as
    Chinese decides. Raises ValueError for binary data or bytes that are none of these.
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
    readings = {}
    for encoding in ("gb18030", "big5"):
        try:
            readings[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not readings:
        raise ValueError("neither UTF-8, GB18030 nor Big5 text")
    if len(readings) == 1:
        encoding = next(iter(readings))
    else:
        gb, big5 = _oddness(readings["gb18030"], "gb18030"), _oddness(readings["big5"], "big5")
        encoding = "gb18030" if gb < big5 else "big5" if big5 < gb else _likelier(data)
    return readings[encoding], encoding


def _oddness(text: str, encoding: str) -> float:
    """Share of the non-ASCII characters of ``text`` that a real file would rarely contain.

    Big5 read as GB18030 turns into rare characters (outside GB2312), kana, Greek or Cyrillic
    letters and small-form symbols; GB text read as Big5 into the rarer half of Big5 (level
    2, lead byte 0xC9 and up). Real text has almost none of either.
    """
    odd = total = 0
    for char in text:
        if char.isascii() or char in _PUNCTUATION or "\uff01" <= char <= "\uff5e":
            continue
        total += 1
        if "\u0370" <= char <= "\u04ff" or "\u3040" <= char <= "\u30ff" or char >= "\ufe30":
            odd += 1
        elif encoding == "gb18030":
            odd += not _encodes(char, "gb2312")
        else:
            odd += char.encode("big5")[0] >= 0xC9
    return odd / total if total else 0.0


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


_PUNCTUATION = frozenset("，。：；、！？“”‘’（）《》【】—–…·～　")


def _likelier(data: bytes) -> str:
    """gb18030 or big5, whichever charset-normalizer finds less chaotic."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    return "big5" if best is not None and best.encoding == "big5" else "gb18030"
