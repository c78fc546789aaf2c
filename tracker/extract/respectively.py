"""Several goals from one clause: ``城镇和农村居民人均可支配收入分别增长5%、6.5%左右`` is two.

The joint name is split on 和/与/及/、 (a short first part shares the tail of the last:
城镇、农村居民收入 -> 城镇居民收入, 农村居民收入), and the names may stand in the clause before
(高新技术企业和科技型企业…,分别超过90家和870家)."""

from __future__ import annotations

import re

from tracker.extract.entities import subject_at
from tracker.extract.indicators import canonical_indicator

_JOINT = re.compile(r"[和与及、]")
# Where the subject of a clause ends: a preposition or the verb of its figure.
_SUBJECT_END = re.compile(
    r"在|实现|要|将|力争|争取|确保|达到|分别|比|较|均|同比|增长|保持|超过|突破|达|预计|继续|"
    r"提高|提升|降低|下降|缩小|扩大"
)


def split_names(name: str, count: int) -> list[str] | None:
    """The ``count`` names a joint name stands for, or None when it does not name that many."""
    parts = [part for part in _JOINT.split(name) if part]
    if len(parts) != count or count < 2:
        return None
    last = parts[-1]
    names = []
    for part in parts[:-1]:
        if part[-1] == last[-1] or len(part) >= len(last):
            names.append(part)  # 高新技术企业和科技型企业: each part a whole name
        else:
            names.append(part + last[len(part) :])  # 城镇、农村居民…: the tail is shared
    return [*names, last]


def split_entities(name: str, count: int) -> tuple[list[str], str] | None:
    """神木市、府谷县地区生产总值 (分别…): the entities a joint name lists, and the indicator."""
    parts = [part for part in _JOINT.split(name) if part]
    if len(parts) != count or count < 2:
        return None
    last = subject_at(parts[-1])
    if not last or any(subject_at(part) != part for part in parts[:-1]):
        return None
    return [*parts[:-1], last], parts[-1][len(last) :]


def subject_names(clause: str) -> str:
    """The subject a clause starts with (lead words dropped), up to its verb."""
    subject = canonical_indicator(clause)
    end = _SUBJECT_END.search(subject)
    return subject[: end.start()] if end else subject
