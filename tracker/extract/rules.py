"""Propose goals from a plan article: the numeric targets Chinese local governments declare.

Pure functions, no I/O. ``extract(text)`` reads an article (any mix of Traditional characters,
pinyin annotations, full-width digits, stray spaces, navigation junk, a body repeated twice) and
returns :class:`Candidate` goals with the verbatim quote each came from; ``to_goals_yaml`` and
``to_json`` render them the way ``config/goals/*.yaml`` and ``tracker goals --json`` do.

How a sentence is read:

* The article is cleaned (:func:`tracker.domain.text.clean`), split into lines, sentences
  (。；;！？) and clauses (，,：:); a clause is split into list items on 、.
* Figures are found by pattern: ``增长7%``, ``不少于80个``, ``超300亿元``, ``1-2个``, ``6%左右``,
  ``两位数增长``, ``“零”突破``, ``超千亿``, ``50强``, ``3月底前动工``.
* A figure that qualifies a noun (``10亿元以上项目``, ``投资200亿元的…``, ``百亿级``) is not
  a target.
* Past statements (an earlier year, 去年, 同比, 已…, and 完成 + a figure in a sentence without a
  plan word) become baselines of the matching goal, not goals; the tense carries from sentence
  to sentence until a year, 今年 or a plan word changes it. Years only written in such reports
  (2024年…完成GDP573.7亿元) are not the plan year.
* 零突破 is at least one (家 for firms, else 个); 涨幅…左右 and 控制在…左右 are ceilings.
"""

from __future__ import annotations

import calendar
import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import PurePosixPath
from typing import Any

import yaml

from tracker.domain.goals import Baseline, Comparator, Goal, Measure
from tracker.domain.text import clean, decode_text, normalize
from tracker.domain.units import BASE_UNITS, MAGNITUDES, PERCENT, parse_unit

HAN = "\u3400-\u9fff"
UNKNOWN_ENTITY = "?"  # no entity named in the article and none given; the writers refuse it

# ---------------------------------------------------------------------------------------------
# Public API


@dataclass(frozen=True)
class Candidate:
    """A proposed goal: what ``tracker check`` needs, plus the quote it was read from."""

    entity: str
    indicator: str
    measure: Measure
    comparator: Comparator
    target: float | None
    unit: str
    year: int
    quote: str
    target_max: float | None = None
    stretch: float | None = None
    deadline: date | None = None
    tags: tuple[str, ...] = ()
    baseline: Baseline | None = None

    @property
    def target_text(self) -> str:
        """The compact form of ``config/goals``: ``≥ 7%``, ``> 300 亿元``, ``约 6%``, ``1-2 个``."""
        if self.target is None:
            return ""
        unit = self.unit if self.unit == PERCENT else f" {self.unit}"
        if self.comparator is Comparator.between and self.target_max is not None:
            return f"{_num(self.target)}-{_num(self.target_max)}{unit}"
        return f"{_OPS[self.comparator]} {_num(self.target)}{unit}"


@dataclass(frozen=True)
class Extraction:
    """The candidates of one article with the defaults they share."""

    entity: str
    year: int
    candidates: tuple[Candidate, ...]
    url: str | None = None
    published: date | None = None
    year_from: str = "option"  # option | text | published | copyright | mentions | reports | today
    says_this_year: bool = False  # the article writes 今年

    @property
    def has_entity(self) -> bool:
        """Whether an entity was given or found (the writers refuse an extraction without)."""
        return self.entity != UNKNOWN_ENTITY and all(
            c.entity != UNKNOWN_ENTITY for c in self.candidates
        )

    @property
    def this_year_guessed(self) -> bool:
        """今年 in the text, and neither a year nor a publication date to say which year it is."""
        return self.says_this_year and self.year_from != "option" and self.published is None


def extract(
    text: str,
    *,
    entity: str | None = None,
    year: int | None = None,
    published: date | None = None,
) -> Extraction:
    """Read ``text`` and propose its targets.

    ``entity`` and ``year`` override what the article says; ``published`` dates the article
    (its year is used when the text only says 今年).
    """
    article = _Article.read(text)
    if published is None:
        published = article.date
    doc_year, year_from = (year, "option") if year else _article_year(article, published)
    entities = _Entities.find(article)
    reader = _Reader(article, doc_year, entities, entity)
    candidates = _dedupe(reader.run())
    named = _most_common(c.entity for c in candidates if c.entity)
    default_entity = entity or entities.main or named or UNKNOWN_ENTITY
    candidates = [c if c.entity else replace(c, entity=default_entity) for c in candidates]
    says_this_year = any("今年" in line.compact for line in article.lines)
    return Extraction(
        default_entity,
        doc_year,
        tuple(candidates),
        article.url,
        published,
        year_from=year_from,
        says_this_year=says_this_year,
    )


def extract_targets(
    text: str,
    *,
    entity: str | None = None,
    year: int | None = None,
    published: date | None = None,
) -> list[Candidate]:
    """The candidates of :func:`extract` as a list."""
    return list(extract(text, entity=entity, year=year, published=published).candidates)


def decode_article(data: bytes) -> str:
    """Article bytes as text: UTF-8 (BOM or not), else GB18030; ValueError for anything else."""
    return decode_text(data)[0]


def goal_entries(extraction: Extraction, document: str | None = None) -> list[dict[str, Any]]:
    """One goals-file entry per candidate (keys in the order of config/goals), ids unique.

    ValueError when no entity was given or found (``entity: '?'`` is no goal)."""
    _require_entity(extraction)
    entries: list[dict[str, Any]] = []
    ids = _ids(extraction, document)
    for goal_id, cand in zip(ids, extraction.candidates, strict=True):
        entry: dict[str, Any] = {"id": goal_id}
        if cand.entity != extraction.entity:
            entry["entity"] = cand.entity
        if cand.year != extraction.year:
            entry["year"] = cand.year
        entry["indicator"] = cand.indicator
        if cand.target is not None:
            entry["target"] = _Quoted(cand.target_text)
        if cand.stretch is not None:
            entry["stretch"] = _plain(cand.stretch)
        default_measure = Measure.growth if cand.unit == PERCENT else Measure.total
        if cand.measure is not default_measure:
            entry["measure"] = cand.measure.value
        if cand.deadline is not None:
            entry["deadline"] = cand.deadline
        if cand.tags:
            entry["tags"] = _FlowList(cand.tags)
        if cand.baseline is not None:
            data = cand.baseline.model_dump(exclude_none=True)
            entry["baseline"] = _Flow({k: _plain(v) for k, v in data.items()})
        entry["quote"] = cand.quote
        entries.append(entry)
    return entries


def file_defaults(extraction: Extraction, document: str | None = None) -> dict[str, Any]:
    """The ``defaults`` block: entity, year and the shared source fields (ValueError: no entity)."""
    _require_entity(extraction)
    defaults: dict[str, Any] = {"entity": extraction.entity, "year": extraction.year}
    source = {"document": document, "url": extraction.url, "published": extraction.published}
    source = {k: v for k, v in source.items() if v is not None}
    if source:
        defaults["source"] = source
    return defaults


def to_goals(extraction: Extraction, *, document: str | None = None) -> list[Goal]:
    """Validated :class:`Goal` objects, as ``tracker check`` would build them from the YAML."""
    defaults = file_defaults(extraction, document)
    goals = []
    for entry in goal_entries(extraction, document):
        data = {k: v for k, v in defaults.items() if k != "source"}
        data.update({k: _unflow(v) for k, v in entry.items() if k != "quote"})
        data["source"] = {**defaults.get("source", {}), "quote": entry["quote"]}
        goals.append(Goal.model_validate(data))
    return goals


def to_goals_yaml(extraction: Extraction, *, document: str | None = None) -> str:
    """A goals file for config/goals/: schema comment, ``defaults`` and one entry per goal."""
    body = {
        "defaults": file_defaults(extraction, document),
        "goals": goal_entries(extraction, document),
    }
    text = yaml.dump(
        body, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, indent=2
    )
    lines = text.splitlines()
    spaced: list[str] = []
    for line in lines:
        if line.lstrip().startswith("- id: ") and not spaced[-1].endswith("goals:"):
            spaced.append("")
        spaced.append(line)
    return "# yaml-language-server: $schema=../goals.schema.json\n" + "\n".join(spaced) + "\n"


def to_json(extraction: Extraction, *, document: str | None = None) -> str:
    """The JSON array of ``tracker goals --json`` (Goal.as_json of every candidate)."""
    goals = to_goals(extraction, document=document)
    return json.dumps([g.as_json() for g in goals], ensure_ascii=False, indent=2)


def _require_entity(extraction: Extraction) -> None:
    if not extraction.has_entity:
        raise ValueError("no entity found; pass entity=")


# ---------------------------------------------------------------------------------------------
# YAML helpers: baselines and tags in flow style, like the hand-written goal files.


class _Flow(dict[str, Any]):
    pass


class _FlowList(list[str]):
    pass


class _Quoted(str):
    __slots__ = ()


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent list items under their key


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _represent_flow_list(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _represent_quoted(dumper: yaml.SafeDumper, data: _Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(_Quoted, _represent_quoted)
_Dumper.add_representer(_FlowList, _represent_flow_list)


def _unflow(value: Any) -> Any:
    if isinstance(value, _Flow):
        return dict(value)
    if isinstance(value, _FlowList):
        return list(value)
    if isinstance(value, _Quoted):
        return str(value)
    return value


def _plain(value: Any) -> Any:
    """11.0 -> 11 so YAML shows what the article wrote."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _num(value: float) -> str:
    return str(_plain(round(value, 6)))


_OPS = {
    Comparator.at_least: "≥",
    Comparator.more_than: ">",
    Comparator.at_most: "≤",
    Comparator.about: "约",
}

# ---------------------------------------------------------------------------------------------
# Ids: short ascii slugs, no pinyin. Common indicators get an English key, the rest a number.

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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _ids(extraction: Extraction, document: str | None) -> list[str]:
    """``{document}-{year}-{key}``; with several entities ``{document}-{k}-{year}-{key}``."""
    entities = list(dict.fromkeys(c.entity for c in extraction.candidates))
    stem = (
        _slug(PurePosixPath(document.replace("\\", "/")).stem)[:12].strip("-") if document else ""
    )
    used: set[str] = set()
    ids = []
    for n, cand in enumerate(extraction.candidates, 1):
        prefix = stem or _slug(cand.entity) or f"g{zlib.crc32(cand.entity.encode()):08x}"[:7]
        if len(entities) > 1 and (stem or not _slug(cand.entity)):
            prefix += f"-{entities.index(cand.entity) + 1}"
        key = next((k for word, k in _ID_KEYS if word in cand.indicator), f"{n:02d}")
        if cand.measure is Measure.level and key != f"{n:02d}":
            key += "-level"
        base = f"{prefix}-{cand.year}-{key}"
        goal_id, k = base, 2
        while goal_id in used:
            goal_id, k = f"{base}-{k}", k + 1
        used.add(goal_id)
        ids.append(goal_id[:80])
    return ids


# ---------------------------------------------------------------------------------------------
# The article: metadata lines, junk lines, each line compacted (whitespace removed) with a map
# back to the cleaned text so quotes stay verbatim.

_META = re.compile(r"^\s*(Title|Date|URL|Source|Author)\s*:\s*(.*)$", re.I)
_DATE_LINE = re.compile(
    r"^\s*(?:Date|日期|发布时间|发布日期|时间)\s*:?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
_JUNK = re.compile(
    r"^(?:~~~|上一篇|下一篇|上一版|相关(?:阅读|新闻|文章|推荐)|推荐阅读|责任编辑|编辑[:：]|来源[:：]|"
    r"版权|Copyright|©|第\w{1,6}版|当前版|首页|关键词|最近更新|网站地图|扫一扫|分享到|"
    r"标题导航|◆编辑)",
    re.I,
)
_COPYRIGHT = re.compile(r"Copyright|©|版权所有", re.I)
_YEAR_NUMBER = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass
class _Line:
    text: str
    compact: str
    where: list[int]

    def quote(self, start: int, end: int) -> str:
        """The cleaned text behind compact[start:end], inner spacing as written."""
        return self.text[self.where[start] : self.where[end - 1] + 1]


@dataclass
class _Article:
    lines: list[_Line]
    url: str | None
    date: date | None
    copyright_year: int | None

    @classmethod
    def read(cls, text: str) -> _Article:
        url = None
        when = None
        copyright_year = None
        lines = []
        for raw in clean(text).splitlines():
            meta = _META.match(raw)
            if meta:
                key, value = meta.group(1).lower(), meta.group(2).strip()
                if key == "url" and value.lower().startswith("http"):
                    url = url or value
                dated = _DATE_LINE.match(raw)
                if dated and when is None:
                    when = _safe_date(*map(int, dated.groups()))
                continue
            dated = _DATE_LINE.match(raw)
            if dated and when is None:
                when = _safe_date(*map(int, dated.groups()))
                continue
            if _COPYRIGHT.search(raw):
                years = _YEAR_NUMBER.findall(raw)
                copyright_year = int(years[-1]) if years else copyright_year
            where = [i for i, ch in enumerate(raw) if not ch.isspace()]
            compact = "".join(raw[i] for i in where)
            if not compact or _JUNK.match(compact):
                continue
            lines.append(_Line(raw, compact, where))
        return cls(lines, url, when, copyright_year)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Figures: the patterns a target is written in.

_MAGS = "|".join(sorted(MAGNITUDES, key=len, reverse=True))
_BASES = "|".join(re.escape(u) for u in sorted(BASE_UNITS, key=len, reverse=True))
_UNIT = rf"(?:(?:{_MAGS})?(?:{_BASES})|万亿|亿)"
_NUMBER = r"\d+(?:\.\d+)?"
_PREFIX_WORDS: dict[str, Comparator] = {
    "不少于": Comparator.at_least,
    "不低于": Comparator.at_least,
    "至少": Comparator.at_least,
    "不超过": Comparator.at_most,
    "不高于": Comparator.at_most,
    "超过": Comparator.more_than,
    "高于": Comparator.more_than,
    "突破": Comparator.more_than,
    "超": Comparator.more_than,
    "逾": Comparator.more_than,
    "约": Comparator.about,
    "近": Comparator.about,
}
_SUFFIX_WORDS = {
    "以上": Comparator.at_least,
    "左右": Comparator.about,
    "以内": Comparator.at_most,
    "以下": Comparator.at_most,
}
_PREFIX = "|".join(sorted(_PREFIX_WORDS, key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?P<prefix>{_PREFIX})?(?<![\d.])(?P<a>{_NUMBER})(?P<aunit>%|{_UNIT})?"
    rf"(?:(?P<sep>[-~～—–至到])(?P<b>{_NUMBER})(?P<unit>%|{_UNIT})?)?(?P<suffix>以上|左右|以内|以下)?"
)
# 超千亿, 超万亩, 千亿产值: a magnitude word standing for the number.
_MAGNITUDE = re.compile(
    rf"(?P<prefix>超过|超|逾|突破|近)?(?<![\d.])(?P<m>[十百千])?(?P<unit>(?:万亿|亿|万)(?:{_BASES})?)"
    r"(?!级)"
)
_MAGNITUDE_NOUN = re.compile(r"^(?:产值|GDP|营收|营业收入|规模|工业总产值)")
_TWO_DIGIT = re.compile(r"(?:两位数|双位数)(?:以上)?的?(?:增长|增速)")
_ZERO = re.compile(r"(?:实现了?)?[“\"‘'「]?零[”\"’'」]?的?突破")
_RANK = re.compile(
    r"(?P<lead>争创|进入|跻身|迈入|挺进|稳居|保持)(?P<what>[^,，]{0,14}?)(?P<n>\d+)强"
)
_MILESTONE = re.compile(
    r"在?(?P<m>1[0-2]|[1-9])月(?:底|末|份)?(?:前|以前)"
    r"(?P<verb>动工|开工|建成|投产|完成|开业|通车|竣工|签约|落地|运营|启用|投用)"
)
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})年(?!\d)")
_HORIZON = re.compile(
    r"(?:力争|用|未来|今后|再用)(?P<n>[1-9一二两三四五六七八九十])年(?:内|时间|左右)?"
    r"|(?<![\d年])(?P<n2>[1-9一二两三四五])年(?:内|行动计划|行动方案)"
)
_CHINESE_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}

_GROWTH_WORD = re.compile(r"增长率?|增速|增幅|涨幅|上涨")
_GROWTH_AFTER = re.compile(r"^的?(?:增长|增速|增幅|涨幅)")
_TARGET_AFTER = re.compile(r"^的?(?:预期目标|目标|增长|增速|增幅|涨幅)|^大关")
_STRONG_CUE = re.compile(r"力争|确保|争取|目标|预期|计划|今年|年内|明年|将|要|接下来|下一步")
_CUE = re.compile(
    r"力争|确保|争取|目标|预期|计划|将|要|新增|引进|培育|建设|新建|完成|实现|达到|推动|推进|打造|"
    r"筹集|储备|年内|今年|全年|增至|突破|不少于|不低于|至少|以上|预计|动工|开工|力促|入库|增长|超|"
    r"增速|增幅|涨幅|控制在|以内|左右|不超过"
)
_PAST_SENTENCE = re.compile(r"去年|上年|过去|一年来|同比|截至|截止|先后|累计完成|回顾")
_PAST_CLAUSE = re.compile(r"已|正在|去年|上年|(?:完成|实现|达到)了")
_SAME_PERIOD = re.compile(r"同比")  # a change on last year's figure: an actual, unless declared
_DECLARED = re.compile(r"力争|确保|争取|目标|预期")
# A sentence with none of these words states what was done, not what is planned.
_PLAN_CUE = re.compile(
    r"力争|确保|争取|目标|预期|计划|年内|明年|(?<![主重需])要|将|预计|有望|努力|力促|拟|"
    r"下一步|接下来|推动|推进"
)
_DONE = re.compile(r"完成(?!后)")  # 地区生产总值完成1234.5亿元: an actual whatever the year
_REPORTED = re.compile(r"完成(?!后)|实现|达到|同比")  # with a year: what that year achieved
_OTHER_VERB = re.compile(r"新增|引进|培育|新建|建设|筹集|招引|签约|开工|动工|建成|改造|后")
_FORECAST = re.compile(r"预计|有望")
_STRETCH_CUE = re.compile(r"争取|力争|实际工作中|努力")
_FLOW = re.compile(
    r"新增|引进|培育|新建|建设|完成|筹集|签约|动工|开工|投产|落地|招引|招商|开业|投资|产值|营收|"
    r"收入|销售|出口|进口|吞吐量|利润|税收|接待|改造|开通|落户|增加值|生产总值|GDP"
)
_LEVEL = re.compile(r"增至|入库|累计|总数|保有|存量")
_LEVEL_WEAK = re.compile(r"达到|打造|突破|达")
_MONEY = re.compile(r"元$")
_CONTROL = re.compile(r"控制在")
_PRICE_RISE = re.compile(r"涨幅|上涨")  # 居民消费价格涨幅2%左右: a ceiling, not an estimate
# What a "零"突破 counts: 家 for firms, 个 for the rest.
_ZERO_UNITS = (
    ("家", re.compile(r"企业|公司|集团|机构|银行|医院|酒店|门店|总部|工厂|商户")),
    ("个", re.compile(r"项目|平台|基地|中心|园区|集群|产业|品牌|专利")),
)


@dataclass
class _Hit:
    """One figure in a sentence (positions relative to the sentence)."""

    start: int
    end: int
    kind: str  # figure | magnitude | two-digit | zero | rank | milestone
    comparator: Comparator | None
    target: float | None
    unit: str
    target_max: float | None = None
    noun: str = ""  # the noun a figure counts when it precedes it (8个项目)
    role: str = "target"  # target | modifier | scope
    deadline: date | None = None
    verb: str = ""  # a milestone's verb: 动工, 建成, …
    scope: str = ""  # what an amount covers: 年度投资300亿元的(415个区重点项目)
    plain: bool = False  # no comparator word: "增长7%" (at least), "控制在5%" (at most)


def _unit_text(unit: str) -> str:
    if unit in ("亿", "万亿"):
        return unit + "元"
    return unit


def _find_hits(s: str) -> list[_Hit]:
    hits: list[_Hit] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(hit: _Hit) -> None:
        hits.append(hit)
        taken.append((hit.start, hit.end))

    for m in _TWO_DIGIT.finditer(s):
        add(_Hit(m.start(), m.end(), "two-digit", Comparator.at_least, 10.0, PERCENT))
    for m in _ZERO.finditer(s):
        add(_Hit(m.start(), m.end(), "zero", Comparator.at_least, 1.0, "个"))
    for m in _MILESTONE.finditer(s):
        add(
            _Hit(
                m.start(),
                m.end(),
                "milestone",
                None,
                None,
                "",
                verb=m.group("verb"),
                deadline=date(1, int(m.group("m")), 1),
            )
        )
    for m in _RANK.finditer(s):
        start = m.start("n")
        add(
            _Hit(
                start,
                m.end(),
                "rank",
                Comparator.at_most,
                float(m.group("n")),
                "位",
                noun=m.group("what"),
            )
        )
    for m in _FIGURE.finditer(s):
        unit = m.group("unit") or m.group("aunit")
        if not unit or not free(m.start(), m.end()):
            continue
        if m.group("aunit") and m.group("unit") and m.group("aunit") != m.group("unit"):
            continue
        a = float(m.group("a"))
        b = float(m.group("b")) if m.group("b") else None
        if b is not None and b <= a:
            continue
        if b is not None:
            comparator = Comparator.between
        elif m.group("prefix"):
            comparator = _PREFIX_WORDS[m.group("prefix")]
        elif m.group("suffix"):
            comparator = _SUFFIX_WORDS[m.group("suffix")]
        else:
            comparator = Comparator.at_least
        if m.group("prefix") and m.group("suffix") == "左右":
            comparator = Comparator.about
        plain = not (b or m.group("prefix") or m.group("suffix"))
        add(
            _Hit(
                m.start(),
                m.end(),
                "figure",
                comparator,
                a,
                _unit_text(unit),
                target_max=b,
                plain=plain,
            )
        )
    for m in _MAGNITUDE.finditer(s):
        if not free(m.start(), m.end()):
            continue
        unit = m.group("unit")
        if unit == "万":
            continue
        after = s[m.end() :]
        if not m.group("prefix") and not _MAGNITUDE_NOUN.match(after):
            continue
        value = {None: 1.0, "十": 10.0, "百": 100.0, "千": 1000.0}[m.group("m")]
        scale_unit = unit[:2] if unit.startswith("万亿") else unit[:1]
        base = unit[len(scale_unit) :]
        comparator = _PREFIX_WORDS[m.group("prefix")] if m.group("prefix") else Comparator.at_least
        noun = ""
        if not m.group("prefix"):
            noun_match = _MAGNITUDE_NOUN.match(after)
            noun = noun_match.group(0) if noun_match else ""
        add(
            _Hit(
                m.start(),
                m.end(),
                "magnitude",
                comparator,
                value,
                _unit_text(scale_unit + base),
                noun=noun,
            )
        )
    hits.sort(key=lambda h: h.start)
    return [h for h in hits if _valid_unit(h.unit)]


def _report(s: str, hits: list[_Hit], verbs: re.Pattern[str]) -> bool:
    """Whether ``s`` reports an actual: no plan word, and a verb of ``verbs`` governs a figure
    (same clause, no other verb between: not 完成改造后新增学位1000个).

    A figure with a target's bound (以上, 不少于, 以内, 1-2个) is not an actual."""
    if _PLAN_CUE.search(s):
        return False
    for verb in verbs.finditer(s):
        for hit in hits:
            between = s[verb.end() : hit.start]
            if (
                hit.start >= verb.end()
                and _actual_figure(hit)
                and not _CLAUSE_SPLIT.search(between)
                and not _OTHER_VERB.search(between)
            ):
                return True
    return False


def _actual_figure(hit: _Hit) -> bool:
    if hit.kind not in ("figure", "magnitude", "zero", "two-digit"):
        return False
    if hit.comparator in (Comparator.at_most, Comparator.between):
        return False
    return hit.comparator is not Comparator.at_least or hit.plain or hit.kind != "figure"


def _valid_unit(unit: str) -> bool:
    if unit == "":
        return True
    try:
        parse_unit(unit)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Entities: "江海区", "火炬开发区", "珠海经开区" at the start of a clause, and section headers
# ("江海区委副书记、区长郑丹辉:").

_ZONE = "经济技术开发区|经开区|高新区|开发区|新区|自贸区|保税区"
_SUBJECT = re.compile(
    rf"^(?:(?P<p>[{HAN}]{{2}})?(?P<s>{_ZONE})|(?P<n>[{HAN}]{{2}}[区市县]))(?![域场民间级内外值位])"
)
_HEADER = re.compile(rf"^(?P<n>[{HAN}]{{2}}[区市县])(?:委|政府).{{0,16}}(?:书记|区长|市长|县长)")
_STOP_CHARS = set("全本该各我这其此每两一的了在是和与将为对把从向于以及等个级省国城地社小园片街辖")
_TIME_LEAD = re.compile(
    r"^(?:(?:19|20)\d{2}年(?:度|以来)?|今年(?:以来)?|全年|年内|明年|当年|昨日|今日|近日|日前|目前|"
    r"当前|同时|此外|其中|会上|[0-9]{1,2}月[0-9]{1,2}日(?:上午|下午)?)+"
)


def _subject_at(text: str) -> str | None:
    text = _TIME_LEAD.sub("", text)
    m = _SUBJECT.match(text)
    if not m:
        return None
    if m.group("n"):
        name = m.group("n")
        return None if set(name[:2]) & _STOP_CHARS else name
    prefix = m.group("p") or ""
    if prefix and set(prefix) & _STOP_CHARS:
        prefix = ""
    return prefix + m.group("s")


_ZONE_FAMILY = {"经济技术开发区": "经开区"}
_ZONES = tuple(_ZONE.split("|"))  # longest first where one ends another


@dataclass
class _Entities:
    """The article's main entity and the names a bare zone word stands for."""

    main: str | None
    aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def find(cls, article: _Article) -> _Entities:
        counts: Counter[str] = Counter()
        for line in article.lines:
            header = _HEADER.match(line.compact)
            if header:
                counts[header.group("n")] += 1
            for clause in _CLAUSE_SPLIT.split(line.compact):
                name = _subject_at(clause)
                if name:
                    counts[name] += 1
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
        return self.aliases.get(name, name)


def _zone_of(name: str) -> str | None:
    for zone in _ZONES:
        if name.endswith(zone):
            return _ZONE_FAMILY.get(zone, zone)
    return None


# ---------------------------------------------------------------------------------------------
# Year of the article: the year written before the targets, else the date, else the footer.


def _article_year(article: _Article, published: date | None) -> tuple[int, str]:
    """The year of the goals and where it came from (see :attr:`Extraction.year_from`)."""
    stated: Counter[int] = Counter()
    first_seen: dict[int, int] = {}
    mentioned: Counter[int] = Counter()
    reported: set[int] = set()  # 2024年完成GDP573.7亿元: the plan year comes after these
    order = 0
    for line in article.lines:
        for s in _sentences(line.compact):
            years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(s)]
            hits = [h for h in _find_hits(s) if h.kind != "milestone"]
            if years and _report(s, hits, _REPORTED):
                reported.update(y for _, y in years)
                continue
            for _, y in years:
                mentioned[y] += 1
            if not hits or not _STRONG_CUE.search(s) or _PAST_SENTENCE.search(s):
                continue
            first = hits[0].start
            for pos, y in years:
                if pos < first and s[max(0, pos - 1) : pos] != "到":  # 到2027年: a deadline
                    stated[y] += 1
                    first_seen.setdefault(y, order)
                    order += 1
    if stated:
        return max(stated, key=lambda y: (stated[y], -first_seen[y])), "text"
    if published is not None:
        return published.year, "published"
    if article.copyright_year is not None:
        return article.copyright_year, "copyright"
    after = max(reported) + 1 if reported else None
    if mentioned:
        best = max(mentioned, key=lambda y: (mentioned[y], y))
        if after is None or best >= after:
            return best, "mentions"
    if after is not None:
        return after, "reports"
    return date.today().year, "today"


# ---------------------------------------------------------------------------------------------
# Splitting

_SENTENCE_SPLIT = re.compile(r"[。;；!！?？]")
_CLAUSE_SPLIT = re.compile(r"(?<!\d)[,，:：]|[,，:：](?!\d)")


def _spans(text: str, pattern: re.Pattern[str], start: int = 0) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            yield start + pos, start + m.start()
        pos = m.end()
    if pos < len(text):
        yield start + pos, start + len(text)


def _sentences(compact: str) -> Iterator[str]:
    for a, b in _spans(compact, _SENTENCE_SPLIT):
        yield compact[a:b]


def _items(s: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split s[a:b] on 、 outside quotes and brackets."""
    items = []
    depth = 0
    start = a
    for i in range(a, b):
        ch = s[i]
        if ch in "“‘《(（「【":
            depth += 1
        elif ch in "”’》)）」】":
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            items.append((start, i))
            start = i + 1
    items.append((start, b))
    return [(x, y) for x, y in items if y > x]


def _quoted(s: str) -> list[bool]:
    """Whether each position of s is inside “…” or 《…》."""
    inside = []
    depth = 0
    for ch in s:
        if ch in "“《「":
            depth += 1
        inside.append(depth > 0)
        if ch in "”》」":
            depth = max(0, depth - 1)
    return inside


# ---------------------------------------------------------------------------------------------
# Indicators

_LEAD = re.compile(
    r"^(?:(?:19|20)\d{2}年(?:度|以来)?|今年(?:以来)?|全年|年内|明年|当年|力争|确保|争取|努力|预计|"
    r"计划|将|要|并|还|也|同时|其中|此外|推动|促进|加快推进|加快|推进|实现|保持|继续|大力|积极|"
    r"着力|全力|力促|在实际工作中|实际工作中|实施好|实施|完成|为|是|的|和|及|到|在|率先|迈进|"
    r"(?:用|未来|今后|再用)?[1-9一二两三四五]年(?:内|时间)?|全区|全市|全县|全镇|本区|本市|我区|"
    r"我市|共|累计|其|各类|主要预期目标|预期目标|目标|[“”\"'‘’,，:：])+"
)
_TRAIL = re.compile(
    r"(?:的|为|是|达到|可达|达|实现|保持在|稳定在|保持|继续|增至|提高到|提升到|提高至|提升至|同比|"
    r"比上年|要|将|预计|力争|争取|确保|控制在|"
    r"等(?:主要)?(?:经济)?指标|等|指标|分别|均|累计|总计|共|其中|[“”\"'‘’,，:：])+$"
)
_CANONICAL = (
    (re.compile(r"GDP|gdp"), "地区生产总值"),
    (re.compile(r"规上工业(增加值|总产值)"), r"规模以上工业\1"),
    (re.compile(r"高企"), "高新技术企业"),
    (re.compile(r"社零总额|社消零"), "社会消费品零售总额"),
    (re.compile(r"^固投$"), "固定资产投资"),
)
_ECONOMY = re.compile(r"^(?:经济|经济总量|经济发展|地区经济|区域经济|经济增速)$")


def canonical_indicator(text: str) -> str:
    """The indicator name with abbreviations spelt out (GDP, 规上, 高企) and lead words removed."""
    cut = max(text.rfind("目标是"), text.rfind("目标为"))
    if cut >= 0 and cut + 3 < len(text):
        text = text[cut + 3 :]
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text)
        text = _TRAIL.sub("", text)
    for pattern, replacement in _CANONICAL:
        text = pattern.sub(replacement, text)
    if _ECONOMY.match(text):
        text = "地区生产总值"
    if text.count("(") != text.count(")"):
        text = text.strip("()")
    return text


# ---------------------------------------------------------------------------------------------
# Reading sentence by sentence


@dataclass
class _Raw:
    """A goal or baseline read from one hit, before inheritance and stretch are resolved."""

    hit: _Hit
    indicator: str
    context: str  # words around the figure used to choose the measure
    growth: bool
    past: bool
    entity: str
    year: int
    quote: tuple[int, int]  # sentence positions of the quote
    subjects: list[str] = field(default_factory=list)
    verb: str = ""
    horizon: int | None = None
    forecast: bool = False
    stretch_cue: bool = False
    end_year: int | None = None


@dataclass
class _Base:
    indicator: str
    entity: str
    value: float | None = None
    unit: str | None = None
    year: int | None = None
    growth: float | None = None


_VERB_LEAD = re.compile(r"^(?:新增|引进|培育|新建|建设|完成|新筹集|筹集|招引|签约)")


class _Reader:
    def __init__(
        self, article: _Article, year: int, entities: _Entities, entity: str | None
    ) -> None:
        self.article = article
        self.year = year
        self.entities = entities
        self.fixed_entity = entity
        self.section: str | None = None
        self.past = False
        self.actual = False  # the current sentence reports an actual (完成…, no plan word)
        self.context_year: int | None = None
        self.goals: list[Candidate] = []
        self.quotes: list[tuple[_Line, int, int]] = []  # compact span of each goal's quote
        self.bases: list[_Base] = []

    def run(self) -> list[Candidate]:
        for line in self.article.lines:
            header = _HEADER.match(line.compact)
            if header:
                self.section = self.entities.canonical(header.group("n"))
                continue
            for a, b in _spans(line.compact, _SENTENCE_SPLIT):
                self._sentence(line, a, b)
        return [self._with_baseline(g) for g in self.goals]

    # -- tense ---------------------------------------------------------------------------------

    def _update_tense(self, s: str, hits: list[_Hit]) -> None:
        years = [int(m.group(1)) for m in _YEAR.finditer(s)]
        self.actual = _report(s, hits, _DONE)
        if self.actual:  # 地区生产总值完成1234.5亿元: what was done, whatever the year says
            self.past = True
            if years:
                self.context_year = max(years)
            elif re.search(r"去年|上年", s):
                self.context_year = self.year - 1
        elif any(y >= self.year for y in years) or re.search(r"今年|年内|明年", s):
            self.past, self.context_year = False, self.year
        elif years:
            self.past, self.context_year = True, max(years)
        elif re.search(r"去年|上年", s):
            self.past, self.context_year = True, self.year - 1
        elif _PAST_SENTENCE.search(s) and not _STRONG_CUE.search(s):
            self.past = True
        elif _STRONG_CUE.search(s):
            self.past = False

    # -- one sentence --------------------------------------------------------------------------

    def _sentence(self, line: _Line, a: int, b: int) -> None:
        s = line.compact[a:b]
        hits = _find_hits(s)
        self._update_tense(s, hits)
        if not hits:
            return
        quoted = _quoted(s)
        hits = [h for h in hits if not quoted[h.start] or h.kind == "zero"]
        years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(s)]
        clauses = list(_spans(s, _CLAUSE_SPLIT))
        subject = None
        raws: list[_Raw] = []
        for ca, cb in clauses:
            name = _subject_at(s[ca:cb])
            if name:
                subject = self.entities.canonical(name)
            clause_hits = [h for h in hits if ca <= h.start < cb]
            if not clause_hits:
                continue
            items = _items(s, ca, cb)
            raws.extend(self._clause(s, (ca, cb), items, clause_hits, subject, years))
        self._resolve(line, a, s, raws)

    def _clause(
        self,
        s: str,
        clause: tuple[int, int],
        items: list[tuple[int, int]],
        hits: list[_Hit],
        subject: str | None,
        years: list[tuple[int, int]],
    ) -> list[_Raw]:
        ca, cb = clause
        text = s[ca:cb]
        past_clause = bool(
            self.actual
            or _PAST_CLAUSE.search(text)
            or (_SAME_PERIOD.search(text) and not _DECLARED.search(s))
        )
        clause_years = [y for p, y in years if ca <= p < cb]
        if clause_years and max(clause_years) < self.year:
            past_clause = True
        sentence_past = self.past
        past = past_clause or sentence_past
        if past and _STRONG_CUE.search(text) and not past_clause and not clause_years:
            past = False
        entity = self.fixed_entity or subject or self.section or self.entities.main or ""
        horizon = None
        horizon_match = _HORIZON.search(text)
        if horizon_match:
            word = horizon_match.group("n") or horizon_match.group("n2")
            horizon = int(word) if word.isdigit() else _CHINESE_DIGITS.get(word)
        raws: list[_Raw] = []
        pending: list[tuple[int, int]] = []  # items without figures waiting for a list
        for ia, ib in items:
            item_hits = [h for h in hits if ia <= h.start < ib]
            if not item_hits:
                if raws and raws[-1].hit.noun and not pending:
                    raws[-1].hit.noun += "、" + s[ia:ib]
                    raws[-1].quote = (raws[-1].quote[0], ib)
                else:
                    pending.append((ia, ib))
                continue
            self._roles(s, (ia, ib), item_hits)
            previous_end = ia
            for hit in item_hits:
                if hit.role != "target":
                    continue
                raw = self._raw(s, (ia, ib), ca, previous_end, hit, pending, past, entity, years)
                raw.horizon = horizon
                raws.append(raw)
                previous_end = hit.end
            pending = []
        return raws

    @staticmethod
    def _roles(s: str, item: tuple[int, int], hits: list[_Hit]) -> None:
        """Mark figures that qualify a noun (10亿元以上项目, 投资200亿元的…) as modifiers."""
        ia, ib = item
        for i, hit in enumerate(hits):
            if hit.kind in ("two-digit", "zero", "rank", "milestone"):
                continue
            after = s[hit.end : ib]
            later = [h for h in hits[i + 1 :] if h.role != "scope"]
            if hit.kind == "magnitude" and hit.noun:
                hit.noun = after
                continue
            if not after or _TARGET_AFTER.match(after) or _GROWTH_AFTER.match(after):
                continue
            if after.startswith("级"):
                hit.role = "modifier"
            elif after.startswith("的"):
                if later and later[0].start == hit.end + 1 and later[0].kind == "figure":
                    later[0].role = "scope"  # 年度投资300亿元的415个项目: the amount is the target
                    hit.scope = s[later[0].start : ib]
                else:
                    hit.role = "modifier"  # 投资200亿元的中创新航
            elif later or _MONEY.search(hit.unit) or hit.unit == PERCENT:
                hit.role = "modifier"  # 10亿元以上项目10个, 超亿元欧资项目
            elif s[ia : hit.start].endswith("的"):
                hit.role = "modifier"  # 在台山布局的3个副中心
            else:
                hit.noun = after  # 8个5.0产业新空间项目: the figure counts the noun after it

    def _raw(
        self,
        s: str,
        item: tuple[int, int],
        quote_start: int,
        previous_end: int,
        hit: _Hit,
        pending: list[tuple[int, int]],
        past: bool,
        entity: str,
        years: list[tuple[int, int]],
    ) -> _Raw:
        ia, ib = item
        pre = s[previous_end : hit.start]
        after = s[hit.end : ib]
        growth = False
        if hit.plain and _CONTROL.search(pre):
            hit.comparator = Comparator.at_most  # 控制在3% = at most 3%
        elif hit.comparator is Comparator.about and (
            _CONTROL.search(pre) or (hit.unit == PERCENT and _PRICE_RISE.search(pre))
        ):
            hit.comparator = Comparator.at_most  # 控制在3%左右, 价格涨幅2%左右: a ceiling
        subjects: list[str] = []
        indicator_text = pre
        if hit.kind == "two-digit":
            growth = True
        elif hit.unit == PERCENT:
            words = list(_GROWTH_WORD.finditer(pre))
            if words:
                growth = True
                indicator_text = pre[: words[-1].start()]
            elif _GROWTH_AFTER.match(after):
                growth = True
        if hit.kind == "rank":
            indicator_text = hit.noun + "排名"
        elif hit.kind == "milestone":
            indicator_text = pre + hit.verb
        elif hit.kind == "magnitude" and hit.noun:
            word = _MAGNITUDE_NOUN.match(hit.noun)
            if word:  # 千亿产值园区 -> 园区产值, 千亿GDP强区 -> GDP
                place = re.match(r"园区|片区|集群|产业园", hit.noun[word.end() :])
                indicator_text = (place.group(0) if place else "") + word.group(0)
            else:  # 超万亩产业熟地
                indicator_text = pre + hit.noun
        elif hit.noun and not growth:
            indicator_text = pre + hit.noun
        if hit.scope:
            indicator_text = f"{pre}({hit.scope})"
        lead = _TIME_LEAD.sub("", indicator_text)
        named = _subject_at(lead)
        if named and lead.startswith(named) and len(lead) > len(named):
            indicator_text = lead[len(named) :]  # 江海区力争地区生产总值 -> 力争地区生产总值
        pending_text = [s[x:y] for x, y in pending]
        if pending_text:
            if "等" in indicator_text and not hit.noun:
                subjects = [*pending_text, indicator_text.split("等")[0]]
            else:
                indicator_text = "、".join([*pending_text, indicator_text])
        hit_year = [y for p, y in years if p < hit.start]
        year = self.year
        end_year = None
        if hit_year and hit_year[-1] > self.year:
            if re.search(rf"到{hit_year[-1]}年", s):
                end_year = hit_year[-1]
            else:
                year = hit_year[-1]
        clause_text = s[ia:ib]
        quote_to_item_end = bool(
            hit.noun
            or hit.scope
            or hit.kind in ("milestone", "rank")
            or not after
            or _TARGET_AFTER.match(after)
        )
        verb_match = _VERB_LEAD.match(canonical_indicator(indicator_text) or "")
        return _Raw(
            hit=hit,
            indicator=indicator_text,
            context=pre + hit.noun + clause_text[: max(0, hit.start - ia)],
            growth=growth,
            past=past,
            entity=entity,
            year=year,
            quote=(quote_start, ib if quote_to_item_end else hit.end),
            subjects=subjects,
            verb=verb_match.group(0) if verb_match else "",
            forecast=bool(_FORECAST.search(pre)),
            stretch_cue=bool(_STRETCH_CUE.search(pre)),
            end_year=end_year,
        )

    # -- resolving a sentence: inheritance, stretch, measure, baselines ---------------------------

    def _resolve(self, line: _Line, offset: int, s: str, raws: list[_Raw]) -> None:
        declared = bool(re.search(r"力争|确保|争取", s))
        previous: _Raw | None = None
        previous_goal: Candidate | None = None
        verb, verb_unit = "", ""
        for raw in raws:
            name = canonical_indicator(raw.indicator)
            if raw.hit.kind in ("figure", "magnitude") and not raw.growth and name and raw.verb:
                verb, verb_unit = raw.verb, raw.hit.unit
            elif (
                verb
                and name
                and not _FLOW.search(name)
                and not _LEVEL.search(raw.context)
                and not _LEVEL_WEAK.search(raw.context)
                and raw.hit.comparator is not Comparator.more_than
                and _same_family(verb_unit, raw.hit.unit)
            ):
                name = verb + name
            if raw.past:
                self._baseline(raw, name, previous)
                previous = raw
                continue
            if not _CUE.search(s):
                continue
            if (
                not name
                and raw.hit.unit == PERCENT
                and previous_goal is not None
                and (
                    raw.stretch_cue
                    and previous_goal.unit == PERCENT
                    and previous_goal.target is not None
                    and raw.hit.target is not None
                    and raw.hit.target > previous_goal.target
                    and previous_goal.stretch is None
                )
            ):
                index = self.goals.index(previous_goal)
                _, start, _ = self.quotes[index]
                end = offset + raw.quote[1]
                self.quotes[index] = (line, start, end)
                stretched = replace(
                    previous_goal, stretch=raw.hit.target, quote=line.quote(start, end)
                )
                self.goals[index] = stretched
                previous_goal = stretched
                continue
            if not name and previous is not None:
                name = canonical_indicator(previous.indicator)
            if not name and not raw.subjects:
                continue
            if (
                raw.hit.unit == PERCENT
                and previous_goal is not None
                and previous_goal.measure is Measure.growth
                and not canonical_indicator(raw.indicator)
            ):
                raw.growth = True  # 增长7%,力争8%: the second figure is a growth rate too
            for subject in raw.subjects or [name]:
                indicator = canonical_indicator(subject) if raw.subjects else name
                if not indicator or _generic(indicator):
                    continue
                goal = self._candidate(line, offset, raw, indicator, declared)
                self.goals.append(goal)
                self.quotes.append((line, offset + raw.quote[0], offset + raw.quote[1]))
                previous_goal = goal
            previous = raw

    def _candidate(
        self, line: _Line, offset: int, raw: _Raw, indicator: str, declared: bool
    ) -> Candidate:
        hit = raw.hit
        tags: list[str] = []
        deadline = None
        if hit.kind == "milestone":
            month = hit.deadline.month if hit.deadline else 12
            deadline = date(raw.year, month, calendar.monthrange(raw.year, month)[1])
        elif raw.horizon and raw.horizon > 1:
            deadline = date(raw.year + raw.horizon - 1, 12, 31)
            tags.append("multi-year")
        elif raw.end_year:
            deadline = date(raw.end_year, 12, 31)
            tags.append("multi-year")
        if raw.forecast and not declared:
            tags.append("forecast")
        measure = self._measure(raw, indicator)
        quote = line.quote(offset + raw.quote[0], offset + raw.quote[1])
        unit = _zero_unit(indicator) if hit.kind == "zero" else hit.unit or "个"
        return Candidate(
            entity=raw.entity,
            indicator=indicator,
            measure=measure,
            comparator=hit.comparator or Comparator.at_least,
            target=hit.target,
            target_max=hit.target_max,
            unit=unit,
            year=raw.year,
            quote=quote,
            deadline=deadline,
            tags=tuple(tags),
        )

    @staticmethod
    def _measure(raw: _Raw, indicator: str) -> Measure:
        hit = raw.hit
        if hit.kind == "milestone":
            return Measure.milestone
        if hit.kind == "zero":
            return Measure.total  # 实现零的突破: at least one, counted this year
        if hit.unit == PERCENT:
            return Measure.growth if raw.growth else Measure.level
        if hit.kind in ("magnitude", "rank"):
            return Measure.level
        context = raw.context + indicator
        if _LEVEL.search(context):
            return Measure.level
        if _FLOW.search(context):
            return Measure.total
        if _LEVEL_WEAK.search(context) or hit.comparator is Comparator.more_than:
            return Measure.level
        return Measure.total

    def _baseline(self, raw: _Raw, name: str, previous: _Raw | None) -> None:
        hit = raw.hit
        if hit.kind not in ("figure",) or hit.comparator is Comparator.between:
            return
        year = self.context_year if self.context_year and self.context_year < self.year else None
        name = re.sub(r"完成|实现|全年", "", name)
        if hit.unit == PERCENT:
            if not raw.growth:
                return
            if not name and self.bases and previous is not None and previous.past:
                last = self.bases[-1]
                if last.growth is None:
                    last.growth = hit.target
                return
            if name:
                self.bases.append(_Base(name, raw.entity, year=year, growth=hit.target))
            return
        if name:
            self.bases.append(_Base(name, raw.entity, hit.target, hit.unit, year))

    def _with_baseline(self, goal: Candidate) -> Candidate:
        if goal.measure is Measure.milestone:
            return goal
        for base in self.bases:
            if base.entity != goal.entity or not _same_indicator(base.indicator, goal.indicator):
                continue
            if (
                goal.measure is not Measure.growth
                and base.unit
                and not _same_family(base.unit, goal.unit)
            ):
                continue
            return replace(
                goal,
                baseline=Baseline(
                    value=base.value, unit=base.unit, year=base.year, growth=base.growth
                ),
            )
        return goal


def _zero_unit(indicator: str) -> str:
    """The counter of what a "零"突破 counts: the last counted noun of the indicator decides."""
    best, where = "个", -1
    for unit, nouns in _ZERO_UNITS:
        for m in nouns.finditer(indicator):
            if m.start() > where:
                best, where = unit, m.start()
    return best


def _same_family(a: str, b: str) -> bool:
    try:
        return parse_unit(a).compatible(parse_unit(b))
    except ValueError:
        return False


def _same_indicator(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and short in long


def _generic(indicator: str) -> bool:
    return bool(re.fullmatch(r"(?:多个|各项|主要|多项|经济|指标|等)+", indicator))


def _dedupe(candidates: Iterable[Candidate]) -> list[Candidate]:
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for cand in candidates:
        keys = [
            ("goal", cand.entity, cand.indicator, cand.target, cand.target_max, cand.unit),
            ("quote", normalize(cand.quote), cand.indicator),
        ]
        if any(k in seen for k in keys):
            continue
        seen.update(keys)
        kept.append(cand)
    return kept


def _most_common(values: Iterable[str]) -> str | None:
    counts = Counter(values)
    return counts.most_common(1)[0][0] if counts else None
