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
from tracker.domain.text import decode_text, normalize
from tracker.domain.units import UnitError, parse_unit
from tracker.errors import Problem, display_path


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
        return [
            located.problem(doc_loc, "source.document", f"document not found: {source.document}")
        ]
    if normalize(source.quote) not in _normalized_document(path, path.stat().st_mtime):
        return [
            located.problem(
                quote_loc, "source.quote", f"quote not found in {source.document}: {source.quote!r}"
            )
        ]
    quote = normalize(source.quote)
    for name in ("target", "target_max"):
        value = getattr(goal, name)
        if value is not None and not any(form in quote for form in written_forms(value, goal.unit)):
            return [
                located.problem(
                    quote_loc,
                    "source.quote",
                    f"the quote does not state the {name} {number(value)}; quote the words "
                    "that give the number",
                )
            ]
    return []


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
