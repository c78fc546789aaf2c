"""Entities: "江海区", "火炬开发区", "珠海经开区" at the start of a clause, and section headers
("江海区委副书记、区长郑丹辉:") that say whose targets follow."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from tracker.extract.article import Article
from tracker.extract.patterns import HAN
from tracker.extract.split import CLAUSE_SPLIT

_ZONE = "经济技术开发区|经开区|高新区|开发区|新区|自贸区|保税区"
_ZONES = tuple(_ZONE.split("|"))  # longest first where one ends another
_ZONE_FAMILY = {"经济技术开发区": "经开区"}
_SUBJECT = re.compile(
    rf"^(?:(?P<p>[{HAN}]{{2}})?(?P<s>{_ZONE})|(?P<n>[{HAN}]{{2}}[区市县]|[{HAN}]{{2,3}}?省))"
    r"(?![域场民间级内外值位委])"
)
HEADER = re.compile(rf"^(?P<n>[{HAN}]{{2}}[区市县])(?:委|政府).{{0,16}}(?:书记|区长|市长|县长)")
# Characters that make a two-character "name" a phrase: 全区, 本市, 各区, 园区.
_STOP_CHARS = set("全本该各我这其此每两一的了在是和与将为对把从向于以及等个级省国城地社小园片街辖")
# A "name" that starts with a verb is a phrase: 进入全省, 实现全市.
_VERB_START = re.compile(r"进入|实现|达到|保持|推动|建设|打造|建成|确保|力争|争取|迈入|跻身")
# Time, linking and plan words a clause may start with before its subject.
TIME_LEAD = re.compile(
    r"^(?:(?:19|20)\d{2}年(?:度|以来)?|今年(?:以来)?|全年|年内|明年|当年|昨日|今日|近日|日前|目前|"
    r"当前|同时|此外|其中|会上|预计|力争|确保|争取|计划|[0-9]{1,2}月[0-9]{1,2}日(?:上午|下午)?)+"
)


def subject_at(text: str) -> str | None:
    """The entity a clause starts with (after time words), if it names one."""
    text = TIME_LEAD.sub("", text)
    m = _SUBJECT.match(text)
    if not m:
        return None
    if m.group("n"):
        name = m.group("n")
        return None if set(name[:-1]) & _STOP_CHARS or _VERB_START.match(name) else name
    prefix = m.group("p") or ""
    if prefix and set(prefix) & _STOP_CHARS:
        prefix = ""
    return prefix + m.group("s")


@dataclass
class Entities:
    """The article's main entity and the names a bare zone word stands for."""

    main: str | None
    aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def find(cls, article: Article) -> Entities:
        counts = _mentions(article)
        # A bare zone word (经开区) stands for the most mentioned named one (珠海经开区).
        aliases: dict[str, str] = {}
        for bare in [n for n in counts if n in _ZONES]:
            named = [n for n in counts if n not in _ZONES and _zone_of(n) == _zone_of(bare)]
            if named:
                aliases[bare] = max(named, key=lambda n: (counts[n], len(n)))
                counts[aliases[bare]] += counts.pop(bare)
        main = max(counts, key=lambda n: (counts[n], len(n))) if counts else None
        return cls(main, aliases)

    def canonical(self, name: str) -> str:
        """The named entity behind ``name`` (珠海经开区 for 经开区)."""
        return self.aliases.get(name, name)


def _mentions(article: Article) -> Counter[str]:
    """How often each entity heads a section or starts a clause."""
    counts: Counter[str] = Counter()
    for line in article.lines:
        header = HEADER.match(line.compact)
        if header:
            counts[header.group("n")] += 1
        for clause in CLAUSE_SPLIT.split(line.compact):
            name = subject_at(clause)
            if name:
                counts[name] += 1
    return counts


def _zone_of(name: str) -> str | None:
    for zone in _ZONES:
        if name.endswith(zone):
            return _ZONE_FAMILY.get(zone, zone)
    return None
