"""Which figures of a list item are targets: one that qualifies a noun (10亿元以上项目,
投资200亿元的…, 百亿级) is a modifier, and an amount before 的 + a count covers that count."""

from __future__ import annotations

import tracker.extract.cues as cues
from tracker.domain.units import PERCENT
from tracker.extract.hits import FIXED_KINDS, Hit, HitKind, HitRole
from tracker.extract.split import Span


def mark_roles(s: str, item: Span, hits: list[Hit]) -> None:
    """Mark the modifiers and scopes among the figures of ``s[item]``; give counts their noun."""
    ia, ib = item
    for i, hit in enumerate(hits):
        if hit.kind in FIXED_KINDS:
            continue
        after = s[hit.end : ib]
        later = [h for h in hits[i + 1 :] if h.role is not HitRole.scope]
        if hit.kind is HitKind.magnitude and hit.noun:
            hit.noun = after
            continue
        if _counts_no_target(s[ia : hit.start], after, hit) or cues.LIST_INTRO.match(s, hit.end):
            hit.role = HitRole.modifier
            continue
        if not after or cues.TARGET_AFTER.match(after) or cues.GROWTH_AFTER.match(after):
            continue
        if later and after[0] in "和与及、":
            continue  # 分别增长4.3%和6.1%, 托额300个和托育托额500个: targets side by side
        if after.startswith("级"):
            hit.role = HitRole.modifier
        elif later and (joined := cues.JOINED_NOUN.match(s, hit.end, later[0].start)):
            hit.noun = joined.group("noun")  # 2000个托额和3200个托额: a target each
        elif after.startswith("的"):
            _before_de(s, item, hit, later)
        elif later or cues.MONEY.search(hit.unit) or hit.unit == PERCENT:
            hit.role = HitRole.modifier  # 10亿元以上项目10个, 超亿元欧资项目
        elif s[ia : hit.start].endswith("的"):
            hit.role = HitRole.modifier  # 在台山布局的3个副中心
        else:
            hit.noun = after  # 8个5.0产业新空间项目: the figure counts the noun after it


def _counts_no_target(before: str, after: str, hit: Hit) -> bool:
    """15件民生实事, 民生实事项目40项, 新增14项包括, 周边5-10公里范围: what a list or a place
    is made of, not a target."""
    if cues.EXTENT.match(after) or cues.LIST_INTRO.match(after):
        return True
    if cues.PREPOSITION.search(before) or cues.DIMENSION.search(before):
        return True
    if hit.unit == PERCENT or cues.MONEY.search(hit.unit):
        return False
    named_after = bool(cues.HAN_START.match(after))
    return bool(
        cues.LIST_COUNT.search(after) or (not named_after and cues.LIST_COUNT.search(before))
    )


def _before_de(s: str, item: Span, hit: Hit, later: list[Hit]) -> None:
    """A figure followed by 的: the amount of what follows, or a modifier of it."""
    if later and later[0].start == hit.end + 1 and later[0].kind is HitKind.figure:
        later[0].role = HitRole.scope  # 年度投资300亿元的415个项目: the amount is the target
        hit.scope = s[later[0].start : item[1]]
    else:
        hit.role = HitRole.modifier  # 投资200亿元的中创新航
