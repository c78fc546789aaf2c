"""The compact target form (``"≥ 7%"``, ``"约 6%"``, ``"1-2 个"``) and what a target means.

Full-width characters as a Chinese IME types them (``"６．５％左右"``) read like their ASCII
forms: text is NFKC-normalised before it is parsed.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any

from pydantic import WithJsonSchema

from tracker.domain.units import UnitError, parse_unit


class Measure(StrEnum):
    """What the number means: growth rate, accumulated amount, level reached, or done/not done."""

    growth = "growth"
    total = "total"
    level = "level"
    milestone = "milestone"


class Comparator(StrEnum):
    """How a figure is compared with the target."""

    at_least = "at_least"
    more_than = "more_than"
    about = "about"
    at_most = "at_most"
    between = "between"


# "≥ 7%", "> 300 亿元", "约 6%", "~6%", "≤5%", "1-2 个", "7%" (plain is at least), "80个以上".
_PREFIX_OPS: dict[str, Comparator] = {
    "≥": Comparator.at_least,
    ">=": Comparator.at_least,
    "不少于": Comparator.at_least,
    "不低于": Comparator.at_least,
    "至少": Comparator.at_least,
    ">": Comparator.more_than,
    "超过": Comparator.more_than,
    "超": Comparator.more_than,
    "≤": Comparator.at_most,
    "<=": Comparator.at_most,
    "不超过": Comparator.at_most,
    "约": Comparator.about,
    "~": Comparator.about,
    "≈": Comparator.about,
}
_SUFFIX_OPS: dict[str, Comparator] = {
    "以上": Comparator.at_least,
    "左右": Comparator.about,
    "以内": Comparator.at_most,
}
_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_SHORTHAND = re.compile(
    r"^(?P<op>"
    + "|".join(re.escape(op) for op in sorted(_PREFIX_OPS, key=len, reverse=True))
    + rf")?\s*(?P<a>{_NUMBER})\s*(?:(?:-|–|—|~|至|到)\s*(?P<b>{_NUMBER}))?\s*"
    r"(?P<unit>[^\d\s]*?)\s*(?P<suffix>以上|左右|以内)?$"
)


def parse_target(text: str) -> dict[str, Any]:
    """Parse the compact target form into comparator, target, target_max and unit."""
    match = _SHORTHAND.match(unicodedata.normalize("NFKC", text).strip())
    if not match:
        raise ValueError(
            f"cannot read target {text!r}; write e.g. '≥ 7%', '> 300 亿元', '约 6%', '1-2 个'"
        )
    parts = match.groupdict()
    result: dict[str, Any] = {"target": float(parts["a"])}
    if parts["b"] is not None:
        result["comparator"] = Comparator.between
        result["target_max"] = float(parts["b"])
    elif parts["op"]:
        result["comparator"] = _PREFIX_OPS[parts["op"]]
    elif parts["suffix"]:
        result["comparator"] = _SUFFIX_OPS[parts["suffix"]]
    else:
        result["comparator"] = Comparator.at_least
    if parts["unit"]:
        result["unit"] = parts["unit"]
    return result


def number_in(value: Any, field: str, unit: str | None) -> Any:
    """Accept ``11``, ``"11"`` or ``"11%"`` for a number in the goal's unit."""
    if not isinstance(value, str):
        return value
    match = re.fullmatch(rf"\s*({_NUMBER})\s*(\S*)\s*", unicodedata.normalize("NFKC", value))
    if not match:
        raise ValueError(f"{field}: expected a number, got {value!r}")
    number, written_unit = match.groups()
    if written_unit and unit and written_unit != unit:
        try:
            return parse_unit(written_unit).convert(float(number), parse_unit(unit))
        except UnitError as exc:
            raise ValueError(f"{field}: {exc}") from None
    return float(number)


FlexibleNumber = Annotated[
    float | None,
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}]}),
]
