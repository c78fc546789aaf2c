"""The digest's summary chart: a small PNG for chat services that take images.

Up to :data:`PER_GOAL_LIMIT` goals it draws one horizontal bar per goal (progress towards the
target, coloured by status, worst first); beyond that, one stacked bar of status counts per
entity. Rendered with matplotlib's Agg canvas directly (no pyplot, no display, no global
backend switch), at most :data:`WIDTH_PX` pixels wide and always under :data:`MAX_BYTES`
(WeCom's 2 MB image limit).

Chinese labels need a font with Chinese glyphs: the first installed one of
:data:`CJK_FAMILIES` (Debian: ``fonts-noto-cjk``). Without one the chart still renders, with
goal ids and English words instead of Chinese text, so no label turns into empty boxes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from tracker.domain.goals import Goal
from tracker.domain.status import severity
from tracker.evaluate import Progress
from tracker.evaluate.result import rounded
from tracker.present.statuses import COLORS, LABELS, STATUSES

MAX_BYTES = 2 * 1024 * 1024
WIDTH_PX = 1000
DPI = 100
PER_GOAL_LIMIT = 30
MAX_ENTITIES = 40
BAR_CAP = 1.5  # bars stop at 150 % of the target; the label still tells the real number
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Source Han Sans",
    "SimHei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)
_PROBE = "进度目标"
_TITLES = {
    "zh": ("目标完成进度", "各主体目标状态", "目标"),
    "en": ("Progress towards targets", "Goal status by entity", "target"),
}


def _covers_chinese(path: str) -> bool:
    from matplotlib import ft2font

    try:
        font = ft2font.FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(font.get_char_index(ord(ch)) for ch in _PROBE)


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or None.

    Looks in matplotlib's font list first; when that has none (its cache predates the font's
    installation), scans the system font folders for CJK files and registers them.
    """
    from matplotlib import font_manager

    manager = font_manager.fontManager
    found = _pick(manager.ttflist)
    if found is not None:
        return found
    markers = ("cjk", "sourcehan", "wqy", "wenquanyi", "droidsansfallback", "msyh", "simhei")
    for path in font_manager.findSystemFonts():
        squashed = path.lower().replace("-", "").replace("_", "")
        if any(marker in squashed for marker in markers):
            try:
                manager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    return _pick(manager.ttflist)


def _pick(entries: Sequence[Any]) -> str | None:
    paths: dict[str, str] = {}
    for entry in entries:
        paths.setdefault(str(entry.name), str(entry.fname))
    for family in CJK_FAMILIES:
        if family in paths and _covers_chinese(paths[family]):
            return family
    return None


def summary_png(results: Sequence[Progress], language: str) -> bytes:
    """A PNG summarising the verdicts ``results``, in their order."""
    from matplotlib import rc_context

    lang = "en" if language == "en" else "zh"
    font = cjk_font()
    rows = list(results)
    families = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    with rc_context({"font.family": families, "axes.unicode_minus": False}):
        if len(rows) <= PER_GOAL_LIMIT:
            figure = _per_goal(rows, lang, chinese=font is not None)
        else:
            figure = _per_entity(rows, lang, chinese=font is not None)
        data = _png(figure, DPI)
        if len(data) > MAX_BYTES:  # never expected; keep within the chat services' limit
            data = _png(figure, DPI // 2)
    return data


def _png(figure: Any, dpi: int) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def _rank(result: Progress) -> int:
    return severity(result.status)


def _status_label(status: str, lang: str, chinese: bool) -> str:
    return LABELS[lang if chinese else "en"][status]


def _goal_label(goal: Goal, several_entities: bool, chinese: bool) -> str:
    if not chinese:
        return _ascii_or(goal.id, goal.id)
    text = f"{goal.entity} · {goal.indicator}" if several_entities else goal.indicator
    return text if len(text) <= 24 else text[:23] + "…"


def _ascii_or(text: str, fallback: str) -> str:
    return text if text.isascii() else fallback


def _figure(height_px: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _legend(axes: Any, statuses: Sequence[str], lang: str, chinese: bool) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(
            color=COLORS[status],
            label=f"{_status_label(status, lang, chinese)} {n}",
        )
        for status, n in statuses_with_counts(statuses)
    ]
    axes.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=min(len(handles), 6) or 1,
        frameon=False,
        fontsize=10,
    )


def statuses_with_counts(statuses: Sequence[str]) -> list[tuple[str, int]]:
    """(status, count) in the digest's order, present statuses only."""
    return [(s, statuses.count(s)) for s in STATUSES if s in statuses]


def _per_goal(rows: Sequence[Progress], lang: str, chinese: bool) -> Any:
    several = len({p.goal.entity for p in rows}) > 1
    ranked = sorted(enumerate(rows), key=lambda item: (_rank(item[1]), item[0]))
    ordered = [row for _, row in ranked]
    figure = _figure(130 + 30 * max(len(ordered), 1))
    axes = figure.add_subplot()
    labels, widths, colours, notes = [], [], [], []
    for result in ordered:
        status = result.status.value
        fraction = rounded(result.fraction, 4)
        labels.append(_goal_label(result.goal, several, chinese))
        widths.append(0.0 if fraction is None else max(0.0, min(float(fraction), BAR_CAP)) * 100)
        colours.append(COLORS.get(status, COLORS["no_data"]))
        shown = "—" if fraction is None else f"{round(float(fraction) * 100):d}%"
        notes.append(f"{shown}  {_status_label(status, lang, chinese)}")
    positions = list(range(len(ordered)))
    axes.barh(positions, widths, color=colours, height=0.62)
    for y, width, note in zip(positions, widths, notes, strict=True):
        axes.text(width + 2, y, note, va="center", fontsize=9, color="#1f2328")
    axes.axvline(100, color="#1f2328", linewidth=1.2, linestyle="--")
    axes.set_yticks(positions, labels, fontsize=10)
    axes.invert_yaxis()
    axes.set_xlim(0, BAR_CAP * 100 + 30)
    axes.set_xticks([0, 25, 50, 75, 100, 125, 150], ["0", "25", "50", "75", "100%", "125", "150"])
    axes.tick_params(axis="x", labelsize=9, colors="#57606a")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="x", color="#d0d7de", linewidth=0.6)
    axes.set_axisbelow(True)
    title, _, _ = _TITLES[lang if chinese else "en"]
    axes.set_title(title, loc="left", fontsize=13, fontweight="bold", pad=28)
    _legend(axes, [r.status.value for r in ordered], lang, chinese)
    return figure


def _per_entity(rows: Sequence[Progress], lang: str, chinese: bool) -> Any:
    entities: dict[str, list[str]] = {}
    for result in rows:
        entities.setdefault(result.goal.entity, []).append(result.status.value)
    names = list(entities)[:MAX_ENTITIES]
    figure = _figure(140 + 34 * len(names))
    axes = figure.add_subplot()
    positions = list(range(len(names)))
    left = [0] * len(names)
    for status in STATUSES:
        counts = [entities[name].count(status) for name in names]
        if not any(counts):
            continue
        axes.barh(positions, counts, left=left, color=COLORS[status], height=0.62, label=status)
        for y, (start, count) in enumerate(zip(left, counts, strict=True)):
            if count:
                axes.text(start + count / 2, y, str(count), ha="center", va="center",
                          fontsize=9, color="#ffffff")  # fmt: skip
        left = [a + b for a, b in zip(left, counts, strict=True)]
    labels = [
        name if chinese else _ascii_or(name, f"#{index}")
        for index, name in enumerate(names, start=1)
    ]
    axes.set_yticks(positions, labels, fontsize=10)
    axes.invert_yaxis()
    axes.tick_params(axis="x", labelsize=9, colors="#57606a")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    _, title, _ = _TITLES[lang if chinese else "en"]
    axes.set_title(title, loc="left", fontsize=13, fontweight="bold", pad=28)
    statuses = [s for name in names for s in entities[name]]
    _legend(axes, statuses, lang, chinese)
    return figure
