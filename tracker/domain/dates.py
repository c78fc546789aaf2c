"""Dates as people write them: ``2025-10-20``, ``2025/10/20``, ``2025.10.20``, ``2025年10月20日``.

One reader for every place a date is typed (figure files, goal files, ``--published``,
``--as-of``), so a form accepted in one is accepted in all.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

DATE_FORMS = "2025-10-20, 2025/10/20, 2025.10.20 or 2025年10月20日"
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


class DateError(ValueError):
    """Text that is not a date in one of :data:`DATE_FORMS`."""


def parse_date(raw: object) -> date:
    """A date from ``raw`` (a date, a datetime, or text in one of :data:`DATE_FORMS`)."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    return _parse_text(str(raw))


@lru_cache(maxsize=4096)  # a figure file repeats a few release dates many times
def _parse_text(raw: str) -> date:
    text = unicodedata.normalize("NFKC", raw).strip()
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE.match(text)
    if not match:
        raise DateError(f"expected a date such as {DATE_FORMS}, got {raw!r}")
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if not 1 <= month <= 12:
        raise DateError(f"{raw!r} is not a date: month {month} is not 1–12")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"{raw!r} is not a date: month {month} has no day {day}") from None
