"""Problems found in user input, each pointing at a file, a line and a field."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, printed as ``PATH:LINE: field: message``."""

    path: Path
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


class InputError(Exception):
    """Raised with every problem found, so users see them all at once, not one per run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path) -> str:
    """``path`` relative to the current directory when that is shorter, as users typed it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return relative if len(relative) <= len(str(path)) else str(path)


def close_matches(word: str, known: Iterable[str], *, limit: int = 1) -> list[str]:
    """The known names closest to ``word``: typos first, else names that contain it (``gdp``)."""
    import difflib

    candidates = list(dict.fromkeys(known))
    scored = sorted(
        (-difflib.SequenceMatcher(None, word, name).ratio(), name) for name in candidates
    )
    best = -scored[0][0] if scored else 0.0
    close = [name for ratio, name in scored[:limit] if -ratio >= max(0.6, best - 0.1)]
    if not close and len(word.strip()) >= 2:
        needle = word.strip().lower()
        close = [name for _, name in scored if needle in name.lower()][:limit]
    return close


def did_you_mean(word: str, known: Iterable[str], *, limit: int = 1) -> str:
    """``"; did you mean 'x'?"`` (or ``'x', 'y'``) for a misspelt name, or ``""``."""
    close = close_matches(word, known, limit=limit)
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""
