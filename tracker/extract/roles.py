"""Which figures of a list item are targets: one that qualifies a noun (10亿元以上项目,
投资200亿元的…, 百亿级) is a modifier, and an amount before 的 + a count covers that count."""

from __future__ import annotations

import tracker.extract.cues as cues
from tracker.domain.units import PERCENT
from tracker.extract.hits import FIXED_KINDS, Hit, HitKind, HitRole, find_hits
from tracker.extract.indicators import same_family
from tracker.extract.split import Span


def mark_roles(s: str, item: Span, hits: list[Hit]) -> None:
    """Mark the modifiers and scopes among the figures of ``s[item]``; give counts their noun."""
    ia, ib = item
    both = any(h.kind is HitKind.both for h in hits)
    for i, hit in enumerate(hits):
        if hit.kind in FIXED_KINDS:
            continue
        if both:
            hit.role = HitRole.modifier  # 两家企业产值双过亿: the count names who
            continue
        after = s[hit.end : ib].lstrip("”」’)）")  # 成長「5%以上」: the quote closes on the figure
        later = [h for h in hits[i + 1 :] if h.role is not HitRole.scope]
        if hit.kind is HitKind.magnitude and hit.noun:
            hit.noun = after
            continue
        if _counts_no_target(s[ia : hit.start], after, hit, s[hit.end :]) or cues.LIST_INTRO.match(
            s, hit.end
        ):
            hit.role = HitRole.modifier
            continue
        if not after or cues.TARGET_AFTER.match(after) or cues.GROWTH_AFTER.match(after):
            continue
        if later and cues.ALTERNATIVE.match(after):
            hit.role = later[0].role = HitRole.modifier  # 6%以上或者6%左右: which one is not said
            continue
        if later and after[0] in "和与及、":
            continue  # 分别增长4.3%和6.1%, 托额300个和托育托额500个: targets side by side
        if after.startswith("级"):
            hit.role = HitRole.modifier
        elif later and (joined := cues.JOINED_NOUN.match(s, hit.end, later[0].start)):
            hit.noun = joined.group("noun")  # 2000个托额和3200个托额: a target each
        elif later and (verb := _verb_between(s, hit.end, later[0].start)):
            hit.noun = s[hit.end : verb]  # 完成5座桥下空间改造新增5个城市客厅: a target each
        elif after.startswith("的"):
            _before_de(s, item, hit, later)
        elif later or cues.MONEY.search(hit.unit) or hit.unit == PERCENT:
            hit.role = HitRole.modifier  # 10亿元以上项目10个, 超亿元欧资项目
        elif s[ia : hit.start].endswith("的") and hit.unit != PERCENT:
            hit.role = HitRole.modifier  # 在台山布局的3个副中心 (占全市的三分之一 is a share)
        else:
            hit.noun = after  # 8个5.0产业新空间项目: the figure counts the noun after it


def _verb_between(s: str, a: int, b: int) -> int | None:
    """Where a verb of a new task starts between two figures, if one does."""
    verb = cues.NEW_TASK.search(s, a, b)
    return verb.start() if verb and verb.start() > a else None


def _counts_no_target(before: str, after: str, hit: Hit, rest: str) -> bool:
    """15件民生实事, 民生实事项目40项, 新增14项包括, 周边5-10公里范围: what a list or a place
    is made of, not a target."""
    if cues.EXTENT.match(after) or cues.LIST_INTRO.match(after):
        return True
    if cues.DIMENSION.search(before) or cues.PER_UNIT.search(before):
        return True
    preposition = cues.PREPOSITION.search(before)
    if preposition and not (preposition.group(0) == "对" and cues.TASK_ON.search(rest)):
        return True
    if hit.unit == PERCENT or cues.MONEY.search(hit.unit):
        return False
    named_after = bool(cues.HAN_START.match(after))
    if not after and before.endswith("共"):
        return True  # “优化城乡人居环境”类,共3项: how many items a heading holds
    return bool(
        cues.LIST_COUNT_AFTER.match(after) or (not named_after and cues.LIST_COUNT.search(before))
    )


def _before_de(s: str, item: Span, hit: Hit, later: list[Hit]) -> None:
    """A figure followed by 的: the amount of what follows, or a modifier of it."""
    if later and later[0].start == hit.end + 1 and later[0].kind is HitKind.figure:
        later[0].role = HitRole.scope  # 年度投资300亿元的415个项目: the amount is the target
        hit.scope = s[later[0].start : item[1]]
    else:
        hit.role = HitRole.modifier  # 投资200亿元的中创新航


def breakdown_parts(line: str) -> set[int]:
    """Where in ``line`` the figures are that only break a figure before them down: the plain
    figures of a bracketed (其中…)/(含…), or those after 其中 that add up to the figure before
    (12座(其中:1座…、11座…), 601.16平方米,其中:…267.88平方米;…104.37平方米;…228.91平方米).
    A bounded part (其中…380万人以上) or a single one (其中高标准农田8.94万亩) is a target."""
    hits = [h for h in find_hits(line) if h.kind is HitKind.figure and h.target is not None]
    parts: set[int] = set()
    for m in cues.BREAKDOWN.finditer(line):
        bracketed = m.group(0)[0] in "(（"
        end = _scope_end(line, m.start(), bracketed)
        inside = [h for h in hits if m.end() <= h.start < end and h.plain]
        if bracketed:
            parts.update(h.start for h in inside)
            continue
        head = [h for h in hits if h.end <= m.start()]
        if len(inside) < 2 or not head:
            continue
        total = head[-1]
        same = [h for h in inside if same_family(h.unit, total.unit)]
        if len(same) >= 2 and abs(sum(h.target or 0 for h in same) - (total.target or 0)) < 0.01:
            parts.update(h.start for h in same)
    return parts


def _scope_end(line: str, start: int, bracketed: bool) -> int:
    """The end of a breakdown: its closing bracket, else the end of the sentence."""
    closer = line.find("）" if line[start] == "（" else ")", start) if bracketed else -1
    stop = line.find("。", start)
    return closer if closer >= 0 else stop if stop >= 0 else len(line)
