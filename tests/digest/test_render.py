"""What a digest says: counts, changes first, each entity's goals, in Chinese or English."""

from __future__ import annotations

from delivery.kit import AS_OF


def markdown(deliverer, name, previous=None):
    digest = deliverer.project.settings.digest(name)
    document, shown = deliverer.compose(digest, AS_OF, previous=previous)
    return document.markdown(), shown


def test_chinese_digest_shows_counts_and_goal_lines(deliverer):
    text, _ = markdown(deliverer, "weekly")
    assert "**截至 2025年10月20日** · 2025年目标 · 数据至2025年1–9月 · 共 4 项目标" in text
    assert "🟡 有风险 1" in text
    assert "🟡 **地区生产总值** 目标 ≥6%（争取6.5%） · 1–9月增长5.5%" in text
    assert "差0.5个百分点" in text


def test_amounts_are_written_the_chinese_way(deliverer):
    text, _ = markdown(deliverer, "weekly")
    line = next(x for x in text.splitlines() if "引进项目投资额" in x)
    assert "目标 ≥180亿元 · 1–9月 150亿元 ████████░░ 83%" in line


def test_each_entity_is_a_section(deliverer):
    text, _ = markdown(deliverer, "weekly")
    assert "### 示范区" in text and "### 对照镇" in text
    assert text.index("### 示范区") < text.index("### 对照镇")


def test_english_digest_reads_as_english(deliverer):
    text, _ = markdown(deliverer, "weekly-en")
    assert "**As of 20 October 2025** · 2025 targets · data to Jan–Sep 2025 · 4 targets" in text
    assert "target at least 6% (stretch 6.5%) · Jan–Sep +5.5%" in text
    assert "short by 0.5 pp" in text


def test_changes_since_the_last_digest_come_first(deliverer):
    _, shown = markdown(deliverer, "weekly")
    shown["demo-2025-gdp"] = {"status": "on_track", "period": "2025-06", "value": 6.1}
    text, _ = markdown(deliverer, "weekly", previous=shown)
    assert text.index("### 本期变化") < text.index("### 示范区")
    assert "🟡 **示范区 · 地区生产总值**：进度正常 → 有风险（1–9月增长5.5%）" in text


def test_no_new_figures_is_said_plainly(deliverer):
    _, shown = markdown(deliverer, "weekly")
    text, _ = markdown(deliverer, "weekly", previous=shown)
    assert "自上期简报以来没有新数据。" in text


def test_digest_without_goals_says_so(deliverer):
    text, _ = markdown(deliverer, "nothing")
    assert "本简报没有选中任何目标" in text
    assert "###" not in text


def test_new_figures_are_summed_up_per_entity(deliverer):
    _, shown = markdown(deliverer, "weekly")
    for goal in ("demo-2025-investment", "demo-2025-high-tech"):
        shown[goal] = dict(shown[goal], value=1.0)
    text, _ = markdown(deliverer, "weekly", previous=shown)
    assert "- 🆕 2项指标更新了数据（示范区 2）" in text


def test_select_can_leave_out_tagged_goals(deliverer):
    from tracker.config.settings import Select
    from tracker.digest.compose import select_goals

    first, *rest = deliverer.project.goals
    goals = [first.model_copy(update={"tags": ("long-horizon",)}), *rest]
    kept = select_goals(goals, Select(exclude_tags=["long-horizon"]))
    assert [g.id for g in kept] == [g.id for g in rest]
