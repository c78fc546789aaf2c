"""The article as read: metadata lines, junk lines dropped, each line compacted.

A line is compacted (whitespace removed, so ``6 . 5%`` reads as ``6.5%``; pinyin annotations the
cleaning leaves, ``地(dì / de)区`` or ``进(jin)(jin)``, skipped) with a map back to the cleaned
text, so quotes stay verbatim: they are checked against the document cleaned the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from tracker.domain.text import clean, normalize

_META = re.compile(r"^\s*(Title|Date|URL|Source|Author)\s*:\s*(.*)$", re.I)
_DATE_LINE = re.compile(
    r"^\s*(?:Date|日期|发布时间|发布日期|时间)\s*:?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
# Navigation, related links, page furniture: never part of the body.
_JUNK = re.compile(
    r"^(?:~~~|上一篇|下一篇|上一版|相关(?:阅读|新闻|文章|推荐)|推荐阅读|责任编辑|编辑[:：]|来源[:：]|"
    r"版权|Copyright|©|第\w{1,6}版|当前版|首页|关键词|最近更新|网站地图|扫一扫|分享到|"
    r"标题导航|◆编辑)",
    re.I,
)
_COPYRIGHT = re.compile(r"Copyright|©|版权所有", re.I)
_YEAR_NUMBER = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# Pinyin the cleaning keeps: several readings (dì / de), a second annotation after the first, or
# a word's (zēngzhǎng).
_TONED = r"[a-z\u00e0-\u00fc\u0101-\u017e\u01ce-\u01dc\u0300-\u036f]{1,24}[1-5]?"
_LEFT_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff)])\(\s*{_TONED}(?:\s*/?\s*{_TONED})*\s*\)")


@dataclass
class Line:
    """One body line: the cleaned text, its compact form and where each compact char came from,
    and the line as written (``original``), which quotes are checked against."""

    text: str
    compact: str
    where: list[int]
    original: str

    @classmethod
    def of(cls, cleaned: str, original: str | None = None) -> Line:
        skipped = {i for m in _LEFT_PINYIN.finditer(cleaned) for i in range(*m.span())}
        where = [i for i, ch in enumerate(cleaned) if not ch.isspace() and i not in skipped]
        compact = "".join(cleaned[i] for i in where)
        return cls(cleaned, compact, where, cleaned if original is None else original)

    def quote(self, start: int, end: int, keep: tuple[int, int] | None = None) -> str:
        """The cleaned text behind compact[start:end], inner spacing as written.

        Cleaning twice can drop what cleaning once kept (a second pinyin annotation: 进(jin)(jin)),
        so a quote the written line does not contain is narrowed around ``keep`` (the figure)
        until it does."""
        text = self._text(start, end)
        if self._found(text) or keep is None:
            return text
        for a in range(start, keep[0] + 1):
            for b in range(end, keep[1] - 1, -1):
                if self._found(self._text(a, b)):
                    return self._text(a, b)
        return text

    def _text(self, start: int, end: int) -> str:
        return self.text[self.where[start] : self.where[end - 1] + 1]

    def _found(self, quote: str) -> bool:
        """Whether ``tracker check`` finds the quote in the written line (its normalize)."""
        needle = normalize(quote)
        return bool(needle) and needle in self._normalized

    @cached_property
    def _normalized(self) -> str:
        return normalize(self.original)


@dataclass
class Article:
    """The body lines of an article and what its metadata and footer say."""

    lines: list[Line]
    url: str | None
    date: date | None
    copyright_year: int | None

    @classmethod
    def read(cls, text: str) -> Article:
        article = cls([], None, None, None)
        for original in text.splitlines():
            article._take(clean(original), original)
        return article

    def _take(self, raw: str, original: str) -> None:
        """Add one cleaned line: metadata and date lines fill fields, junk is dropped."""
        meta = _META.match(raw)
        dated = _DATE_LINE.match(raw)
        first_date = dated is not None and self.date is None
        if dated and first_date:
            self.date = _safe_date(*map(int, dated.groups()))
        if meta:
            key, value = meta.group(1).lower(), meta.group(2).strip()
            if key == "url" and value.lower().startswith("http"):
                self.url = self.url or value
            return
        if first_date:  # a later date line is body text
            return
        if _COPYRIGHT.search(raw):
            years = _YEAR_NUMBER.findall(raw)
            self.copyright_year = int(years[-1]) if years else self.copyright_year
        line = Line.of(raw, original)
        if line.compact and not _JUNK.match(line.compact):
            self.lines.append(line)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
