"""How figures are written: the patterns a target, a year or a time horizon is found by."""

from __future__ import annotations

import re

from tracker.domain.goals import Comparator
from tracker.domain.units import BASE_UNITS, MAGNITUDES
from tracker.extract.numerals import CHINESE_DIGITS, CHINESE_NUMBER, DIGITS_NUMBER, number_value

HAN = "\u3400-\u9fff"

_MAGS = "|".join(sorted(MAGNITUDES, key=len, reverse=True))
BASES = "|".join(re.escape(u) for u in sorted(BASE_UNITS, key=len, reverse=True))
# 余 between a magnitude and its base (3万余人) says "more than".
_UNIT = rf"(?:(?:(?:{_MAGS})余?)?(?:{BASES})(?!百分点)|万亿|亿)"  # 1个百分点: no unit known
# Digits (1,200) or Chinese numerals (一千两百); a Chinese one never starts inside a word.
_NUMBER = rf"{DIGITS_NUMBER}|(?<![第统唯逐万单初周这那{CHINESE_DIGITS}十百千])(?:{CHINESE_NUMBER})"

# Words before a figure (不少于80个) and after it (6%左右) that say how it compares.
PREFIX_WORDS: dict[str, Comparator] = {
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
    "迈上": Comparator.at_least,
    "跨上": Comparator.at_least,
    "站上": Comparator.at_least,
    "跃上": Comparator.at_least,
    "约": Comparator.about,
    "近": Comparator.about,
}
SUFFIX_WORDS = {
    "以上": Comparator.at_least,
    "左右": Comparator.about,
    "摆布": Comparator.about,  # a spun 左右
    "以内": Comparator.at_most,
    "以下": Comparator.at_most,
}
_PREFIX = "|".join(sorted(PREFIX_WORDS, key=len, reverse=True))

# A count of people written 200万中小学生: 万 with a noun for people after it is 万人.
PEOPLE = (
    r"\w{0,6}?(?:学生|儿童|老人|老年人|群众|居民|农民|职工|妇女|人口|市民|游客|青少年|患者|"
    r"人才|毕业生|员工|工人|人员)"
)
# 增长7%, 不少于80个, 1-2个, 300亿元以上, 30余个, 百分之四点五至百分之五.
FIGURE = re.compile(
    rf"(?P<prefix>{_PREFIX})?(?<![\d.,第])(?P<pa>百分之)?(?P<a>{_NUMBER})(?P<yu>余|多)?"
    rf"(?P<aunit>%|{_UNIT}|万(?={PEOPLE}))?(?:(?P<sep>[-~～—–至到])(?P<pb>百分之)?(?P<b>{_NUMBER})"
    rf"(?P<unit>%|{_UNIT})?)?(?P<suffix>以上|左右|摆布|以内|以下)?"
)
# A verb of making right before 一个 makes it a count (打造一个…园区), not an article.
MADE = re.compile(r"(?:打造|建设|新建|新增|引进|培育|建成|创建|落地|形成|实现|开通|开设)$")
# Chinese numbers that are no count: 一批, 一些, 一次 (a vague amount, or once).
VAGUE_ONE = re.compile(r"^[一两几](?:批|些|系列|份|种|项)$")
# 超千亿, 超万亩, 千亿产值, 千亿级规模: a magnitude word standing for the number.
MAGNITUDE = re.compile(
    rf"(?P<prefix>超过|超|逾|突破|近|迈上|跨上|站上|跃上)?(?<![\d.])(?P<m>[十百千])?"
    rf"(?P<unit>(?:万亿|亿|万)(?:{BASES})?)(?!阶)(?P<grade>级)?"
)
# A grade the figure reaches: 培育成千亿级产业, 达到百亿级规模 (级 names no class here).
BECOMES = re.compile(r"(?:培育成|发展成|建设成|打造成|壮大成|成为|达到|达|迈入|跻身|跨入)$")
MAGNITUDE_VALUES = {None: 1.0, "十": 10.0, "百": 100.0, "千": 1000.0}
# What an unprefixed magnitude measures: 千亿产值, 千亿GDP.
MAGNITUDE_NOUN = re.compile(r"^(?:产值|GDP|营收|营业收入|规模|工业总产值)")
# 与上年持平: a growth of about 0; 正增长: more than 0.
FLAT = re.compile(r"(?:与|和|同|较)(?:上年|去年)(?:基本)?持平|同比持平|(?P<positive>正增长)")
# 五分之一: a share in %.
FRACTION = rf"(?<!百)(?!百分之)(?P<den>{CHINESE_NUMBER}|\d+)分之(?P<num>{CHINESE_NUMBER}|\d+)"
FRACTION_FIGURE = re.compile(FRACTION)
# 翻一番: doubled, a growth of at least 100%.
DOUBLING = re.compile(r"翻(?P<n>一|两|二|三)番")
TWO_DIGIT = re.compile(r"(?:两位数|双位数)(?:以上)?的?(?:增长|增速)")
ZERO = re.compile(r"(?:实现了?)?[“\"‘'「]?零[”\"’'」]?的?突破")
# 争创全国高新区50强, 跻身全省前十, 进入全国前50位, 稳居“百强”: a rank at most N.
RANK = re.compile(
    r"(?P<lead>争创|进入|跻身|迈入|挺进|稳居|保持|位居|位列|排名)(?P<what>[^,，]{0,14}?)"
    rf"(?:(?P<n>\d+|{CHINESE_NUMBER})强|前(?P<top>\d+|{CHINESE_NUMBER})(?:强|位|名)?)"
)
MILESTONE = re.compile(
    r"在?(?P<m>1[0-2]|[1-9])月(?:(?:底|末|份)?(?:前|以前)|底|末|份)"
    r"(?P<verb>动工|开工|建成|投产|完成|开业|通车|竣工|签约|落地|运营|启用|投用)"
)

YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})年(?!\d)")
# 力争3年, 三年行动计划: targets over several years.
HORIZON = re.compile(
    r"(?:力争|用|未来|今后|再用)(?P<n>[1-9一二两三四五六七八九十])年(?:内|时间|左右)?"
    r"|(?<![\d年])(?P<n2>[1-9一二两三四五])年(?:内|行动计划|行动方案)"
)


# 到“十四五”末, 十五五期间: a five-year plan's last year (十三五 2020, 十四五 2025, 十五五 2030).
FIVE_YEAR_PLAN = re.compile(r"十(?P<n>[三四五六])五”?(?!规划|以来|开局|收官)")


def five_year_end(text: str) -> int | None:
    """The last year of the five-year plan ``text`` names last, if any."""
    found = list(FIVE_YEAR_PLAN.finditer(text))
    return 2020 + 5 * "三四五六".index(found[-1].group("n")) if found else None


def years_at(s: str) -> list[tuple[int, int]]:
    """Every ``2025年`` in ``s`` as (position, year)."""
    return [(m.start(), int(m.group(1))) for m in YEAR.finditer(s)]


def horizon(text: str) -> int | None:
    """The number of years a clause plans for (力争3年 -> 3), if it says."""
    match = HORIZON.search(text)
    if not match:
        return None
    value = number_value(match.group("n") or match.group("n2"))
    return int(value) if value is not None else None
