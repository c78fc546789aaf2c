"""One goal's progress as an inline SVG chart, drawn in Python (no JavaScript, no fonts shipped).

Totals: the cumulative figures over the goal's span against the pace line from zero to the
target, the target line (or band), the stretch line and the projection to the deadline.
Levels: the same, with the pace line starting from the baseline (or the first figure).
Growth rates: the cumulative growth path against the target line or band (``about`` ±
tolerance, ``between``) and the stretch line. Milestones: a timeline up to the deadline.

Every chart has ``role="img"``, a ``<title>`` and a ``<desc>`` that says in words what the
chart shows; :class:`GoalChart` also carries the plotted numbers for a data table beside it.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape

from tracker.domain.goals import Comparator, Goal, Measure
from tracker.domain.numbers import number
from tracker.domain.periods import Language, Period
from tracker.domain.status import Status
from tracker.domain.units import UnitError, parse_unit
from tracker.evaluate import Progress
from tracker.present.humanize import localized_amount, signed, target_text
from tracker.present.statuses import COLORS

FONT_FAMILY = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', "
    "'WenQuanYi Micro Hei', sans-serif"
)
WIDTH, HEIGHT, MILESTONE_HEIGHT = 640, 300, 150
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 52, 34

ACTUAL, PACE, TARGET, STRETCH, PROJECTION, AS_OF, GRID = (
    "#0969da",
    "#6e7781",
    "#1f2328",
    "#8250df",
    "#0969da",
    "#bf8700",
    "#d0d7de",
)

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "total": "累计完成",
        "level": "实际水平",
        "growth": "累计增速",
        "milestone": "进展",
        "pace": "序时进度",
        "target": "目标",
        "band": "目标区间",
        "stretch": "争取目标",
        "projection": "预计",
        "as_of": "截至日",
        "deadline": "截止",
        "unit": "单位：",
        "no_data": "暂无数据",
        "done": "已完成",
        "not_done": "未完成",
        "baseline": "基数",
        "chart_of": "图：",
        "sep": "；",
        "stop": "。",
    },
    "en": {
        "total": "cumulative",
        "level": "level",
        "growth": "cumulative growth",
        "milestone": "progress",
        "pace": "pace",
        "target": "target",
        "band": "target band",
        "stretch": "stretch",
        "projection": "projection",
        "as_of": "as of",
        "deadline": "deadline",
        "unit": "unit: ",
        "no_data": "no data yet",
        "done": "done",
        "not_done": "not done",
        "baseline": "baseline",
        "chart_of": "Chart: ",
        "sep": "; ",
        "stop": ". ",
    },
}


@dataclass(frozen=True)
class ChartPoint:
    """A plotted figure: the day its period ends, its value in the goal's unit, its label."""

    when: date
    value: float
    label: str
    period: Period | None = None


@dataclass(frozen=True)
class DataRow:
    """One row of the chart's data table: period, value and what the pace asked for then."""

    label: str
    value: str
    pace: str | None = None


@dataclass(frozen=True)
class GoalChart:
    """The SVG markup of a goal's chart, its text alternative and its data."""

    svg: str
    title: str
    description: str
    rows: tuple[DataRow, ...] = ()
    has_pace: bool = False


@dataclass
class _Canvas:
    """Scales from (date, value) to pixels, and the SVG elements drawn so far."""

    start: date
    end: date
    low: float
    high: float
    height: int = HEIGHT
    parts: list[str] = field(default_factory=list)

    @property
    def plot_width(self) -> float:
        return WIDTH - LEFT - RIGHT

    @property
    def plot_bottom(self) -> float:
        return self.height - BOTTOM

    def x(self, day: date) -> float:
        span = max((self.end - self.start).days, 1)
        return round(LEFT + (day - self.start).days / span * self.plot_width, 1)

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return round(TOP + (self.high - value) / span * (self.plot_bottom - TOP), 1)

    def add(self, markup: str) -> None:
        self.parts.append(markup)


def _attrs(**values: object) -> str:
    """``stroke_width=2, class_="x"`` -> ``stroke-width="2" class="x"``; None is left out."""
    return " ".join(
        f'{name.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
        for name, value in values.items()
        if value is not None
    )


def _el(tag: str, content: str | None = None, /, **attrs: object) -> str:
    """An SVG element; ``content`` is markup (escape text with :func:`_text`)."""
    if content is None:
        return f"<{tag} {_attrs(**attrs)}/>"
    return f"<{tag} {_attrs(**attrs)}>{content}</{tag}>"


def _text(text: str, /, **attrs: object) -> str:
    return _el("text", escape(text), **attrs)


def _text_width(text: str, size: float = 12) -> float:
    """An estimate of rendered width: CJK glyphs are square, Latin ones about half as wide."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.58 for ch in text)


def nice_step(span: float, count: int = 5) -> float:
    """A round tick step (1, 2, 2.5, 5 × 10ⁿ) giving about ``count`` ticks over ``span``."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def nice_range(low: float, high: float) -> tuple[float, float, float]:
    """(low, high, step) widened to whole steps; a flat range is opened up around its value."""
    if high - low < 1e-9:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = nice_step(high - low)
    return math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step, step


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_ticks(start: date, end: date, language: Language) -> list[tuple[date, str]]:
    """Month-end ticks across the span, thinned to at most about a dozen labels."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = 1 if months <= 12 else 3 if months <= 24 else 6
    one_year = start.year == end.year
    ticks = []
    for index in range(step - 1, months, step):
        year, month = divmod(start.year * 12 + start.month - 1 + index, 12)
        month += 1
        day = min(month_end(year, month), end)
        if language == "zh":
            label = f"{month}月" if one_year else f"{year % 100:02d}年{month}月"
        else:
            name = calendar.month_abbr[month]
            label = name if one_year else f"{name} {year % 100:02d}"
        ticks.append((day, label))
    return ticks


def goal_value(goal: Goal, value: float, language: Language) -> str:
    """A value as the report writes it: +6.2% for growth, 180亿元 / CNY 18 bn otherwise."""
    if goal.measure is Measure.growth:
        return signed(value, "%")
    if goal.measure is Measure.milestone:
        words = WORDS[language]
        return words["done"] if value >= 0.5 else words["not_done"]
    return localized_amount(value, goal.unit, language)


def line_value(goal: Goal, value: float, language: Language) -> str:
    """A target or stretch level: 7% for growth (no sign), 180亿元 / CNY 18 bn otherwise."""
    if goal.measure is Measure.growth:
        return f"{number(value)}%"
    return localized_amount(value, goal.unit, language)


def _axis_value(goal: Goal, value: float) -> str:
    text = number(round(value, 9))
    return f"{text}%" if goal.measure is Measure.growth else text


def baseline_start(
    goal: Goal, points: Sequence[ChartPoint], language: Language = "zh"
) -> ChartPoint | None:
    """Where a level goal's pace line starts: the stated baseline at the goal's start, else
    the first figure (as the evaluation does)."""
    base = goal.baseline
    if base is not None and base.value is not None:
        try:
            value = (
                parse_unit(base.unit).convert(base.value, goal.unit_info)
                if base.unit
                else base.value
            )
        except UnitError:
            value = None
        if value is not None:
            return ChartPoint(goal.start, value, WORDS[language]["baseline"])
    return points[0] if points else None


def _threshold(goal: Goal, decreasing: bool) -> float:
    """The number that counts as reaching the target: the near edge of an ``about`` band."""
    target = goal.target or 0.0
    if goal.comparator is Comparator.about:
        tolerance = goal.effective_tolerance
        return target + tolerance if decreasing else target - tolerance
    return target


def target_band(goal: Goal) -> tuple[float, float] | None:
    """The target band of ``about`` (± tolerance) and ``between`` goals; None for the rest."""
    target = goal.target
    if target is None:
        return None
    if goal.comparator is Comparator.about:
        return target - goal.effective_tolerance, target + goal.effective_tolerance
    if goal.comparator is Comparator.between and goal.target_max is not None:
        return target, goal.target_max
    return None


def _months(goal: Goal, day: date) -> int:
    return (day.year - goal.start.year) * 12 + day.month - goal.start.month + 1


def goal_chart(
    progress: Progress, points: Sequence[ChartPoint], language: Language = "zh"
) -> GoalChart:
    """The chart of ``progress.goal`` from its current ``points`` (oldest first)."""
    if progress.goal.measure is Measure.milestone:
        return _milestone_chart(progress, points, language)
    return _numeric_chart(progress, points, language)


Segment = tuple[ChartPoint, ChartPoint]
LegendItem = tuple[str, str, str, str | None]  # (class, label, colour, dash or "band")


def pace_segment(
    goal: Goal, points: Sequence[ChartPoint], language: Language = "zh"
) -> Segment | None:
    """The pace line: totals from zero at the start, levels from the baseline, to the target
    (the near edge of an ``about`` band) at the deadline; growth rates have none."""
    if goal.measure is Measure.total:
        end = ChartPoint(goal.deadline, _threshold(goal, False), "")
        return ChartPoint(goal.start, 0.0, ""), end
    if goal.measure is Measure.level:
        base = baseline_start(goal, points, language)
        if base is None:
            return None
        decreasing = goal.comparator is Comparator.at_most or (
            goal.comparator is Comparator.about and base.value > (goal.target or 0.0)
        )
        return base, ChartPoint(goal.deadline, _threshold(goal, decreasing), "")
    return None


def _value_range(
    goal: Goal,
    series: Sequence[ChartPoint],
    pace: Segment | None,
    projection: Segment | None,
) -> tuple[float, float]:
    """The values the axis must show; a far-off projection is left to be clipped."""
    core = [p.value for p in series] + [goal.target or 0.0]
    band = target_band(goal)
    if band:
        core += list(band)
    if goal.stretch is not None:
        core.append(goal.stretch)
    if pace:
        core += [pace[0].value, pace[1].value]
    if goal.measure in (Measure.total, Measure.growth):
        core.append(0.0)
    low, high = min(core), max(core)
    if projection:
        reach = max(high - low, abs(high) * 0.2, 1e-9)
        projected = projection[1].value
        if low - reach * 0.5 <= projected <= high + reach * 0.5:
            low, high = min(low, projected), max(high, projected)
    return low, high + (high - low) * 0.04  # room above the top line for its label


def _numeric_chart(
    progress: Progress, points: Sequence[ChartPoint], language: Language
) -> GoalChart:
    goal, words = progress.goal, WORDS[language]
    pace = pace_segment(goal, points, language)
    series = list(points)
    if goal.measure is Measure.total:
        series.insert(0, ChartPoint(goal.start, 0.0, ""))
    elif pace and pace[0].when == goal.start and (not points or points[0].when != goal.start):
        series.insert(0, pace[0])  # a level starts from its baseline
    projection: Segment | None = None
    open_ended = points and not progress.final and points[-1].when < goal.deadline
    if progress.projected is not None and open_ended:
        projection = (points[-1], ChartPoint(goal.deadline, progress.projected, ""))
    low, high, step = nice_range(*_value_range(goal, series, pace, projection))
    canvas = _Canvas(goal.start, goal.deadline, low, high)
    clip = f"clip-{goal.id}"
    pad = 8  # end points on the frame stay whole circles
    frame = _el(
        "rect",
        x=LEFT - pad,
        y=TOP - pad,
        width=canvas.plot_width + 2 * pad,
        height=canvas.plot_bottom - TOP + 2 * pad,
    )
    canvas.add(f"<defs>{_el('clipPath', frame, id=clip)}</defs>")
    _value_axis(canvas, goal, step)
    _time_axis(canvas, language)
    plot, legend = _plot(canvas, goal, series, points, pace, projection, language)
    canvas.add(_el("g", "".join(plot), clip_path=f"url(#{clip})"))
    _line_labels(canvas, goal, language)
    _as_of_marker(canvas, progress.as_of, words)
    if not points:
        middle = LEFT + canvas.plot_width / 2
        canvas.add(
            _text(
                words["no_data"],
                x=middle,
                y=(TOP + canvas.plot_bottom) / 2,
                text_anchor="middle",
                font_size=16,
                fill="#57606a",
            )
        )
    _legend(canvas, legend)
    if goal.unit and goal.measure is not Measure.growth:
        canvas.add(_text(words["unit"] + goal.unit, x=8, y=TOP - 10, font_size=11, fill="#57606a"))
    rows = tuple(_data_rows(goal, points, pace, language))
    title, description = _describe(progress, points, pace, projection, language)
    svg = _svg(goal, canvas, title, description)
    return GoalChart(svg, title, description, rows, has_pace=pace is not None)


def _plot(
    canvas: _Canvas,
    goal: Goal,
    series: Sequence[ChartPoint],
    points: Sequence[ChartPoint],
    pace: Segment | None,
    projection: Segment | None,
    language: Language,
) -> tuple[list[str], list[LegendItem]]:
    """The clipped plot elements, back to front, and the legend entries for them."""
    words = WORDS[language]
    plot: list[str] = []
    legend: list[LegendItem] = []
    band = target_band(goal)
    if band:
        top, bottom = canvas.y(band[1]), canvas.y(band[0])
        plot.append(
            _el(
                "rect",
                class_="band-target",
                x=LEFT,
                y=top,
                width=canvas.plot_width,
                height=max(bottom - top, 1),
                fill=TARGET,
                fill_opacity=0.08,
            )
        )
        legend.append(("band-target", words["band"], TARGET, "band"))
    if pace:
        plot.append(_segment("line-pace", canvas, pace, PACE, 1.5, "6 4"))
        legend.append(("line-pace", words["pace"], PACE, "6 4"))
    plot.append(_level_line("line-target", canvas, goal.target or 0.0, TARGET, None))
    legend.append(("line-target", words["target"], TARGET, None))
    if goal.stretch is not None:
        plot.append(_level_line("line-stretch", canvas, goal.stretch, STRETCH, "2 3"))
        legend.append(("line-stretch", words["stretch"], STRETCH, "2 3"))
    if projection:
        plot.append(_segment("line-projection", canvas, projection, PROJECTION, 2, "1 4"))
        legend.append(("line-projection", words["projection"], PROJECTION, "1 4"))
    if series:
        coords = " ".join(f"{canvas.x(p.when)},{canvas.y(p.value)}" for p in series)
        plot.append(
            _el(
                "polyline",
                class_="series-actual",
                points=coords,
                fill="none",
                stroke=ACTUAL,
                stroke_width=2.5,
                stroke_linejoin="round",
            )
        )
        legend.insert(0, ("series-actual", words[goal.measure.value], ACTUAL, None))
    for point in points:
        tip = _el("title", escape(f"{point.label} {goal_value(goal, point.value, language)}"))
        plot.append(
            _el(
                "circle",
                tip,
                class_="point",
                cx=canvas.x(point.when),
                cy=canvas.y(point.value),
                r=4,
                fill="#ffffff",
                stroke=ACTUAL,
                stroke_width=2,
            )
        )
    return plot, legend


def _level_line(css: str, canvas: _Canvas, value: float, colour: str, dash: str | None) -> str:
    """A horizontal reference line across the plot (target, stretch) at ``value``."""
    y = canvas.y(value)
    return _el(
        "line",
        class_=css,
        x1=LEFT,
        y1=y,
        x2=WIDTH - RIGHT,
        y2=y,
        stroke=colour,
        stroke_width=1.5,
        stroke_dasharray=dash,
    )


def _segment(
    css: str, canvas: _Canvas, segment: Segment, colour: str, width: float, dash: str | None
) -> str:
    a, b = segment
    return _el(
        "line",
        class_=css,
        x1=canvas.x(a.when),
        y1=canvas.y(a.value),
        x2=canvas.x(b.when),
        y2=canvas.y(b.value),
        stroke=colour,
        stroke_width=width,
        stroke_dasharray=dash,
    )


def _value_axis(canvas: _Canvas, goal: Goal, step: float) -> None:
    ticks = []
    count = round((canvas.high - canvas.low) / step)
    for index in range(count + 1):
        value = canvas.low + index * step
        y = canvas.y(value)
        zero = abs(value) < step * 1e-6
        ticks.append(
            _el(
                "line",
                x1=LEFT,
                y1=y,
                x2=WIDTH - RIGHT,
                y2=y,
                stroke="#8c959f" if zero else GRID,
                stroke_width=1,
            )
        )
        label = _axis_value(goal, 0.0 if zero else value)
        ticks.append(
            _text(label, x=LEFT - 6, y=y + 4, text_anchor="end", font_size=11, fill="#57606a")
        )
    canvas.add(_el("g", "".join(ticks), class_="axis-values"))


def _time_axis(canvas: _Canvas, language: Language) -> None:
    bottom = canvas.plot_bottom
    ticks = [_el("line", x1=LEFT, y1=bottom, x2=WIDTH - RIGHT, y2=bottom, stroke="#8c959f")]
    for day, label in _month_ticks(canvas.start, canvas.end, language):
        x = canvas.x(day)
        ticks.append(_el("line", x1=x, y1=bottom, x2=x, y2=bottom + 4, stroke="#8c959f"))
        ticks.append(
            _text(label, x=x, y=bottom + 18, text_anchor="middle", font_size=11, fill="#57606a")
        )
    canvas.add(_el("g", "".join(ticks), class_="axis-time"))


def _line_labels(canvas: _Canvas, goal: Goal, language: Language) -> None:
    """Name the target and stretch lines at their right end, just above the line."""
    words = WORDS[language]
    target = goal.target or 0.0
    labels = [(target, f"{words['target']} {line_value(goal, target, language)}", TARGET)]
    if goal.stretch is not None:
        text = f"{words['stretch']} {line_value(goal, goal.stretch, language)}"
        labels.append((goal.stretch, text, STRETCH))
    for value, text, colour in labels:
        y = canvas.y(value)
        if TOP <= y <= canvas.plot_bottom:
            canvas.add(
                _text(
                    text,
                    class_="line-label",
                    x=WIDTH - RIGHT - 4,
                    y=max(y - 5, TOP + 10),
                    text_anchor="end",
                    font_size=11,
                    fill=colour,
                    paint_order="stroke",
                    stroke="#ffffff",
                    stroke_width=3,
                )
            )


def _as_of_marker(canvas: _Canvas, as_of: date, words: dict[str, str]) -> None:
    if not canvas.start <= as_of <= canvas.end:
        return
    x = canvas.x(as_of)
    line = _el(
        "line",
        x1=x,
        y1=TOP,
        x2=x,
        y2=canvas.plot_bottom,
        stroke=AS_OF,
        stroke_width=1,
        stroke_dasharray="3 3",
    )
    label = _text(words["as_of"], x=x + 3, y=canvas.plot_bottom - 5, font_size=10, fill=AS_OF)
    canvas.add(_el("g", line + label, class_="as-of"))


def _legend(canvas: _Canvas, items: Sequence[LegendItem]) -> None:
    x, y = float(LEFT), 18.0
    out = []
    for css, label, colour, dash in items:
        width = 22 + _text_width(label, 12) + 16
        if x + width > WIDTH - 4:
            x, y = float(LEFT), y + 18
        if dash == "band":
            sample = _el("rect", x=x, y=y - 6, width=18, height=10, fill=colour, fill_opacity=0.15)
        else:
            sample = _el(
                "line",
                x1=x,
                y1=y - 1,
                x2=x + 18,
                y2=y - 1,
                stroke=colour,
                stroke_width=2.5 if css == "series-actual" else 1.5,
                stroke_dasharray=dash,
            )
        text = _text(label, x=x + 22, y=y + 3, font_size=12, fill="#1f2328")
        out.append(_el("g", sample + text, class_=f"legend-{css}"))
        x += width
    canvas.add(_el("g", "".join(out), class_="legend"))


def _pace_at(goal: Goal, pace: Segment, point: ChartPoint) -> float:
    """What the pace asks for by ``point``'s month, the way the evaluation measures it."""
    start, end = pace
    first = 0 if start.when == goal.start else _months(goal, start.when)
    share = (_months(goal, point.when) - first) / max(goal.goal_months - first, 1)
    return start.value + (end.value - start.value) * min(max(share, 0.0), 1.0)


def _data_rows(
    goal: Goal, points: Sequence[ChartPoint], pace: Segment | None, language: Language
) -> list[DataRow]:
    rows = []
    for point in points:
        expected = _pace_at(goal, pace, point) if pace else None
        rows.append(
            DataRow(
                point.label,
                goal_value(goal, point.value, language),
                goal_value(goal, expected, language) if expected is not None else None,
            )
        )
    return rows


def _describe(
    progress: Progress,
    points: Sequence[ChartPoint],
    pace: Segment | None,
    projection: Segment | None,
    language: Language,
) -> tuple[str, str]:
    """The chart's title and a sentence or two saying what it shows, for screen readers."""
    goal, words = progress.goal, WORDS[language]
    sep, stop = words["sep"], words["stop"]
    title = f"{words['chart_of']}{goal.entity} · {goal.indicator}"
    sentences = [f"{words['target']} {target_text(goal, language)}"]
    if points:
        shown = sep.join(f"{p.label} {goal_value(goal, p.value, language)}" for p in points)
        sentences.append(f"{words[goal.measure.value]}: {shown}")
    else:
        sentences.append(words["no_data"])
    if pace and points:
        expected = goal_value(goal, _pace_at(goal, pace, points[-1]), language)
        sentences.append(f"{words['pace']} ({points[-1].label}): {expected}")
    if projection:
        projected = goal_value(goal, projection[1].value, language)
        sentences.append(
            f"{words['projection']} ({words['deadline']} {goal.deadline.isoformat()}): {projected}"
        )
    return title, stop.join(sentences) + stop.rstrip()


def _svg(goal: Goal, canvas: _Canvas, title: str, description: str) -> str:
    ident = f"chart-{goal.id}"
    body = (
        _el("title", escape(title), id=f"{ident}-title")
        + _el("desc", escape(description), id=f"{ident}-desc")
        + _el("rect", width=WIDTH, height=canvas.height, fill="#ffffff")
        + "".join(canvas.parts)
    )
    return _el(
        "svg",
        body,
        xmlns="http://www.w3.org/2000/svg",
        id=ident,
        viewBox=f"0 0 {WIDTH} {canvas.height}",
        width=WIDTH,
        height=canvas.height,
        role="img",
        aria_labelledby=f"{ident}-title {ident}-desc",
        class_="goal-chart",
        font_family=FONT_FAMILY,
    )


def _milestone_chart(
    progress: Progress, points: Sequence[ChartPoint], language: Language
) -> GoalChart:
    """A timeline from start to deadline with each published done / not-done figure."""
    goal, words = progress.goal, WORDS[language]
    canvas = _Canvas(goal.start, goal.deadline, 0.0, 1.0, height=MILESTONE_HEIGHT)
    _time_axis(canvas, language)
    track = canvas.y(0.5)
    canvas.add(
        _el(
            "line",
            class_="track",
            x1=LEFT,
            y1=track,
            x2=WIDTH - RIGHT,
            y2=track,
            stroke=GRID,
            stroke_width=6,
            stroke_linecap="round",
        )
    )
    end = canvas.x(goal.deadline)
    deadline = _el(
        "line", x1=end, y1=TOP, x2=end, y2=canvas.plot_bottom, stroke=TARGET, stroke_width=1.5
    ) + _text(
        f"{words['deadline']} {goal.deadline.isoformat()}",
        x=end - 4,
        y=TOP + 10,
        text_anchor="end",
        font_size=11,
        fill=TARGET,
    )
    canvas.add(_el("g", deadline, class_="line-target"))
    done_colour = COLORS[Status.achieved]
    for point in points:
        done = point.value >= 0.5
        tip = _el("title", escape(f"{point.label} {goal_value(goal, point.value, language)}"))
        canvas.add(
            _el(
                "circle",
                tip,
                class_="point",
                cx=canvas.x(point.when),
                cy=track,
                r=7,
                fill=done_colour if done else "#ffffff",
                stroke=done_colour if done else ACTUAL,
                stroke_width=2,
            )
        )
    _as_of_marker(canvas, progress.as_of, words)
    if not points:
        canvas.add(
            _text(
                words["no_data"],
                x=LEFT + canvas.plot_width / 2,
                y=track - 14,
                text_anchor="middle",
                font_size=13,
                fill="#57606a",
            )
        )
    _legend(
        canvas,
        [
            ("series-actual", words["milestone"], ACTUAL, None),
            ("line-target", words["deadline"], TARGET, None),
        ],
    )
    rows = tuple(DataRow(p.label, goal_value(goal, p.value, language)) for p in points)
    title, description = _describe(progress, points, None, None, language)
    return GoalChart(_svg(goal, canvas, title, description), title, description, rows)
