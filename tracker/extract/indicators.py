"""Indicator names: abbreviations spelt out (GDP, 规上, 高企) and lead and trailing words removed,
so 力争全年GDP and 地区生产总值 name one indicator."""

from __future__ import annotations

import re

from tracker.domain.units import parse_unit

_LEAD = re.compile(
    r"^(?:(?:19|20)\d{2}年(?:度|以来)?|今年(?:以来)?|全年|年内|明年|当年|力争|确保|争取|努力|预计|"
    r"[上下]半年|[一二三四]季度|前三季度|到?“?十[三四五六]五”?(?:末|期间|时期)?|"
    r"\d{1,2}[.、．](?!\d)|[(（][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|"
    r"\d{1,2}(?=新增|新建|建设|完成|改造|实施|打造|引进|培育|开展|推进|提升)|"
    r"计划|将|要|并|还|也|同时|其中|此外|推动|促进|加快推进|加快|推进|实现|保持|继续|大力|积极|"
    r"着力|全力|力促|在实际工作中|实际工作中|实施好|实施|完成|为|是|的|和|及|到|在|率先|迈进|"
    r"(?:用|未来|今后|再用)?[1-9一二两三四五]年(?:内|时间)?|全区|全市|全县|全镇|本区|本市|我区|"
    r"我市|共|累计|其|各类|主要预期目标|预期目标|目标|预期|[“”\"'‘’,，:：])+"
)
_TRAIL = re.compile(
    r"(?:的|为|是|达到|可达|达|实现|保持在|稳定在|保持|继续|增至|提高到|提升到|提高至|提升至|同比|"
    r"比上年|要|将|预计|预期|力争|争取|确保|控制在|到?“?十[三四五六]五”?(?:末|期间|时期)?|"
    r"等(?:主要)?(?:经济)?指标|等|指标|分别|均|累计|总计|共|其中|[“”\"'‘’,，:：])+$"
)
_CANONICAL = (
    (re.compile(r"GDP|gdp"), "地区生产总值"),
    (re.compile(r"规上工业(增加值|总产值)"), r"规模以上工业\1"),
    (re.compile(r"高企"), "高新技术企业"),
    (re.compile(r"社零总额|社消零"), "社会消费品零售总额"),
    (re.compile(r"^固投$"), "固定资产投资"),
)
_HEADLINE = re.compile(r".*[丨|｜】]")
_ENTITY_SUFFIX = re.compile(r"(?<=..)(?:省|市|区|县|自治区|新区)$")
_REFERS = re.compile(r"总量|总额|总规模|规模|增速|增幅")
_ECONOMY = re.compile(r"^(?:经济|经济总量|经济发展|地区经济|区域经济|经济增速)$")
# Words that stand for a list, not an indicator: 主要经济指标, 各项.
_GENERIC = re.compile(r"(?:多个|各项|主要|多项|经济|指标|等)+")


def canonical_indicator(text: str) -> str:
    """The indicator name with abbreviations spelt out (GDP, 规上, 高企) and lead words removed."""
    cut = max(text.rfind("目标是"), text.rfind("目标为"))
    if cut >= 0 and cut + 3 < len(text):
        text = text[cut + 3 :]
    headline = _HEADLINE.search(text)  # 四川省政府工作报告丨2024年…: the words after the masthead
    if headline and headline.end() < len(text):
        text = text[headline.end() :]
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


def without_entity(name: str, entity: str) -> str:
    """江苏扬州地区生产总值 -> 地区生产总值: the entity (or its name without 省/市/区) is not part
    of the indicator."""
    short = _ENTITY_SUFFIX.sub("", entity)
    for word in sorted({entity, short}, key=len, reverse=True):
        at = name.find(word) if word else -1
        if 0 <= at <= 4:
            return canonical_indicator(name[at + len(word) :])
    return name


def same_indicator(a: str, b: str) -> bool:
    """Equal names, or one of four characters or more that starts or ends the other
    (预期地区生产总值 is 地区生产总值; 单位地区生产总值能耗 is not)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and (long.startswith(short) or long.endswith(short))


def refers_back(indicator: str) -> bool:
    """Whether the name stands for the indicator before it: 总量, 规模, 增速."""
    return bool(_REFERS.fullmatch(indicator))


def restates(a: str, b: str) -> bool:
    """Whether one name says the other again in fewer words: every character of the shorter
    (工业产值) occurs in the longer (规模工业总产值)."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and set(short) <= set(long)


def generic(indicator: str) -> bool:
    """Whether the name stands for a list of indicators rather than one."""
    return bool(_GENERIC.fullmatch(indicator))


def same_family(a: str, b: str) -> bool:
    """Whether two units measure the same kind of thing (亿元 and 万元, not 亿元 and 个)."""
    try:
        return parse_unit(a).compatible(parse_unit(b))
    except ValueError:
        return False
