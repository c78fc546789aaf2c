"""Goal ids: short ascii slugs, no pinyin.

Common indicators get an English key (gdp, projects), the rest their number (03)."""

from __future__ import annotations

import re
import zlib
from pathlib import PurePosixPath

from tracker.domain.goals import Measure
from tracker.extract.model import Candidate, Extraction

MAX_ID = 80  # Goal.id's max_length

# Looked up in order: the first word found in the indicator names the goal.
_ID_KEYS: tuple[tuple[str, str], ...] = (
    ("规模以上工业增加值", "industrial-value-added"),
    ("规模以上工业总产值", "industrial-output"),
    ("地区生产总值", "gdp"),
    ("固定资产投资", "fixed-asset-investment"),
    ("工业投资", "industrial-investment"),
    ("实际吸收外商投资", "fdi"),
    ("实际利用外资", "fdi"),
    ("进出口", "foreign-trade"),
    ("社会消费品零售总额", "retail-sales"),
    ("一般公共预算收入", "fiscal-revenue"),
    ("小巨人", "little-giants"),
    ("专精特新", "specialised-smes"),
    ("科技型中小企业", "tech-smes"),
    ("高新技术企业", "high-tech-enterprises"),
    ("货物吞吐量", "cargo-throughput"),
    ("集装箱吞吐量", "container-throughput"),
    ("营业收入", "revenue"),
    ("学位", "school-places"),
    ("住房", "housing"),
    ("投资", "investment"),
    ("项目", "projects"),
    ("企业", "enterprises"),
)


def goal_ids(extraction: Extraction, document: str | None) -> list[str]:
    """``{document}-{year}-{key}``; with several entities ``{document}-{k}-{year}-{key}``.

    Ids are unique within the extraction: a repeated one gets ``-2``, ``-3``, …"""
    entities = list(dict.fromkeys(c.entity for c in extraction.candidates))
    stem = _document_stem(document)
    used: set[str] = set()
    ids = []
    for n, cand in enumerate(extraction.candidates, 1):
        prefix = stem or _slug(cand.entity) or f"g{zlib.crc32(cand.entity.encode()):08x}"[:7]
        if len(entities) > 1 and (stem or not _slug(cand.entity)):
            prefix += f"-{entities.index(cand.entity) + 1}"
        goal_id = _unique(f"{prefix}-{cand.year}-{_key(cand, n)}", used)
        used.add(goal_id)
        ids.append(goal_id[:MAX_ID])
    return ids


def _document_stem(document: str | None) -> str:
    """``seeds/002_218b60f8d8bbf3c4.txt`` -> ``002-218b60f8``."""
    if not document:
        return ""
    return _slug(PurePosixPath(document.replace("\\", "/")).stem)[:12].strip("-")


def _key(cand: Candidate, n: int) -> str:
    """The indicator's English key (``-level`` for a level), else the goal's number ``03``."""
    number = f"{n:02d}"
    key = next((k for word, k in _ID_KEYS if word in cand.indicator), number)
    if cand.measure is Measure.level and key != number:
        key += "-level"
    return key


def _unique(base: str, used: set[str]) -> str:
    goal_id, k = base, 2
    while goal_id in used:
        goal_id, k = f"{base}-{k}", k + 1
    return goal_id


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
