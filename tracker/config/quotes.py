"""Quote verification: every goal quotes its source, and the quote states the goal's number.

Quotes are compared after normalisation (NFKC, pinyin removed, Traditional -> Simplified,
whitespace folded), so a goal may quote a Traditional or annotated article in Simplified form.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tracker.config.located_yaml import LocatedYaml, Location
from tracker.domain.goals import Goal
from tracker.domain.numbers import number
from tracker.domain.stated import shown, stated_numbers
from tracker.domain.text import decode_text, normalize
from tracker.domain.units import UnitError, parse_unit
from tracker.errors import Problem, did_you_mean, display_path


@lru_cache(maxsize=64)
def _normalized_document(path: Path, mtime: float) -> str:
    try:
        return normalize(decode_text(path.read_bytes())[0])
    except ValueError:
        return ""  # not text: no quote can be found in it


@lru_cache(maxsize=4096)
def _resolved(root: Path, document: str) -> tuple[Path, bool]:
    """A cited document's real path and whether it lies inside ``root``, once per document
    rather than once per goal citing it (resolving walks every folder of the path: the bulk of
    checking 60,000 quotes)."""
    path = (root / document).resolve()
    return path, path.is_relative_to(root)


def verify_quote(goal: Goal, root: Path, located: LocatedYaml, location: Location) -> list[Problem]:
    """Problems with ``goal``'s quote: missing or foreign document, quote not found in it, or
    not stating the target."""
    source = goal.source
    entry = located.data["goals"][location[1]]
    quote_loc = (*location, "quote") if "quote" in entry else (*location, "source", "quote")
    if not source.document:
        return [located.problem(quote_loc, "source.document", "required to verify the quote")]
    path, inside = _resolved(root, source.document)
    doc_loc = (*location, "source", "document")
    if located.line_of(doc_loc) == located.line_of(location):
        doc_loc = ("defaults", "source", "document")
    if not inside:  # a goal cites a document that travels with the config
        return [
            located.problem(
                doc_loc,
                "source.document",
                f"{source.document} is outside the project; use a path relative to "
                f"{display_path(root) or '.'} such as seeds/article.txt",
            )
        ]
    if not path.is_file():
        missing = f"document not found: {source.document}{_nearest(source.document, root)}"
        return [located.problem(doc_loc, "source.document", missing)]
    if normalize(source.quote) not in _normalized_document(path, path.stat().st_mtime):
        return [
            located.problem(
                quote_loc, "source.quote", f"quote not found in {source.document}: {source.quote!r}"
            )
        ]
    message = number_problem(goal, normalize(source.quote))
    return [located.problem(quote_loc, "source.quote", message)] if message else []


def _nearest(document: str, root: Path) -> str:
    """``; did you mean 'seeds/new-article.txt'?`` from the files beside where it should be."""
    folder = (root / document).parent
    if not folder.is_dir() or not folder.resolve().is_relative_to(root):
        folder = root / "seeds"
    if not folder.is_dir():
        return ""
    files = sorted(p.relative_to(root).as_posix() for p in folder.iterdir() if p.is_file())
    return did_you_mean(document, files[:5000])


_SIGNS = {"at_least": "≥ ", "more_than": "> ", "about": "约 ", "at_most": "≤ ", "between": ""}


def number_problem(goal: Goal, quote: str) -> str | None:
    """Why ``quote`` (normalised) does not state the goal's number in the goal's unit, or None.

    The number may be written in another magnitude (8000人 for 0.8 万人), in Chinese numerals
    (十七个) or in the words articles use (两位数, 零突破); its unit must agree with the goal's.
    """
    stated = stated_numbers(quote)
    unit = goal.unit_info if goal.unit else None
    for name in ("target", "target_max"):
        value = getattr(goal, name)
        if value is None:
            continue
        base = unit.to_base(value) if unit else value
        same = [s for s in stated if s.equals(base) or (s.unit is None and s.value == value)]
        if any(s.unit is None or unit is None or s.unit.compatible(unit) for s in same):
            continue
        written = f"{number(value)}{goal.unit or ''}"
        if same:
            other = same[0]
            assert other.unit is not None  # the ones without a unit agree with any
            return (
                f"the quote states {shown(other)}, but the {name} is {written}; write the "
                f'unit the quote states, e.g. target: "{_target_text(goal, other.unit.text)}"'
            )
        words = (f for f in written_forms(value, goal.unit) if not any(c.isdigit() for c in f))
        if any(form in quote for form in words):  # 两位数, 零突破; digits are read above
            continue
        if not stated:
            return f"the quote states no number; quote the words that give the {name} {written}"
        listed = ", ".join(dict.fromkeys(shown(s) for s in stated[:4]))
        return (
            f"the quote states {listed}, not the {name} {written}; correct the {name} or "
            "quote the words that give it"
        )
    return None


def _target_text(goal: Goal, unit: str) -> str:
    if goal.target_max is not None:
        return f"{number(goal.target or 0)}-{number(goal.target_max)} {unit}"
    return f"{_SIGNS[goal.comparator.value]}{number(goal.target or 0)} {unit}"


# How articles write round numbers in words: 两位数增长, 零突破, 超千亿, 百亿级, 万亩.
_WORDS = {
    10: ("两位数", "十"),
    1: ("零", "一"),
    2: ("两", "二"),
    3: ("三",),
    4: ("四",),
    5: ("五",),
    6: ("六",),
    7: ("七",),
    8: ("八",),
    9: ("九",),
    100: ("百",),
    1000: ("千",),
    10000: ("万",),
}


def written_forms(value: float, unit: str | None) -> set[str]:
    """Ways an article may write ``value`` (in ``unit``): 7, 6.5, 1.1万, 千, 两位数, ..."""
    forms = {number(value)}
    if float(value).is_integer():
        forms.update(_WORDS.get(int(value), ()))
    try:
        base = parse_unit(unit).to_base(value) if unit else value
    except UnitError:
        base = value
    if float(base).is_integer():
        forms.update(_WORDS.get(int(base), ()))  # 1 万亩 written 万亩
    for scale, suffix in ((10**4, "万"), (10**8, "亿")):
        if abs(base) >= scale:
            forms.add(number(base / scale) + suffix)
    return forms
