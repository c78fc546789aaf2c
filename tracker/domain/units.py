"""Units with Chinese magnitude prefixes: 1.1 万个 == 11000 个, 180 亿元 == 1.8e6 万元."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

PERCENT = "%"

# Longest first so "万亿" wins over "万" and "亿".
MAGNITUDES: dict[str, int] = {
    "万亿": 10**12,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "万": 10**4,
    "千": 10**3,
    "百": 10**2,
}

# Base units a figure can be counted or measured in. Units that begin with a magnitude
# character but are not prefixed (千瓦, 千克) are listed whole so they are not split.
# COUNTED are things counted one by one: projections of them are shown as whole numbers.
_COUNTED = (
    "个 家 项 套 件 台 辆 艘 座 所 间 张 次 批 人 人次 名 位 户 条 宗 款 只 学位 床 张床位 套房"
    " 处 场 场次 课时 栋 盏 株 块 部"
)
_MEASURED = (
    "元 美元 港元 欧元 澳门元 平方米 平方公里 公里 米 亩 公顷 吨 标箱 千瓦 千瓦时 千克 立方米 斤"
)
COUNTED: frozenset[str] = frozenset(_COUNTED.split())
BASE_UNITS: frozenset[str] = COUNTED | frozenset(_MEASURED.split())
ALIASES: dict[str, str] = {
    "TEU": "标箱",
    "teu": "标箱",
    "m2": "平方米",
    "㎡": "平方米",
    "％": PERCENT,
}


# Other words for the same thing counted or measured: a figure in 名 counts for a goal in 人.
# (人次 counts visits, not people, so it stays its own unit.)
SYNONYMS: dict[str, str] = {
    "名": "人",
    "位": "人",
    "套房": "套",
    "张床位": "床",
    "床位": "床",
    "千米": "公里",
    "平方千米": "平方公里",
    "标准箱": "标箱",
    "人/次": "人次",
}


class UnitError(ValueError):
    """A unit string that is not a known base unit with an optional magnitude prefix."""


@dataclass(frozen=True, order=True)
class Unit:
    """A unit as written (``万个``), split into its base (``个``) and magnitude (10^4)."""

    base: str
    scale: int
    text: str

    def to_base(self, value: float) -> float:
        """``value`` expressed in the base unit (1.1 万个 -> 11000)."""
        return value * self.scale

    def convert(self, value: float, other: Unit) -> float:
        """``value`` in this unit expressed in ``other``; raises UnitError when incompatible."""
        if not self.compatible(other):
            raise UnitError(f"cannot convert {self.text} to {other.text}")
        return value * self.scale / other.scale

    def compatible(self, other: Unit) -> bool:
        return self.base == other.base

    @property
    def is_percent(self) -> bool:
        return self.base == PERCENT

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=512)
def parse_unit(text: str) -> Unit:
    """Parse ``%``, ``个``, ``万个``, ``亿元``, ``万标箱``, ... into a :class:`Unit`."""
    raw = unicodedata.normalize("NFKC", text).strip()
    raw = ALIASES.get(raw, raw)
    if raw == PERCENT:
        return Unit(PERCENT, 1, PERCENT)
    if raw in BASE_UNITS or raw in SYNONYMS:
        return Unit(SYNONYMS.get(raw, raw), 1, raw)
    for prefix, scale in MAGNITUDES.items():
        if raw.startswith(prefix):
            rest = ALIASES.get(raw[len(prefix) :], raw[len(prefix) :])
            if rest in BASE_UNITS or rest in SYNONYMS:
                return Unit(SYNONYMS.get(rest, rest), scale, prefix + rest)
    known = "%, " + ", ".join(sorted(BASE_UNITS)[:12])
    raise UnitError(
        f"unknown unit {text!r}; use a base unit ({known}, …) optionally prefixed by 万/亿"
    )
