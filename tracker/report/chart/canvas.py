"""The SVG canvas: chart size and palette, (date, value) -> pixel scales, element markup.

Markup is built as strings from escaped parts; :func:`element` takes markup as content and
:func:`text_element` escapes its text, so nothing a goal file says can inject markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape

FONT_FAMILY = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', "
    "'WenQuanYi Micro Hei', sans-serif"
)
WIDTH, HEIGHT, MILESTONE_HEIGHT = 640, 300, 150
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 52, 34

# The palette of the lines; status colours come from tracker.present.statuses.
ACTUAL = "#0969da"
PACE = "#6e7781"
TARGET = "#1f2328"
STRETCH = "#8250df"
PROJECTION = "#0969da"
AS_OF = "#bf8700"
GRID = "#d0d7de"
AXIS = "#8c959f"
MUTED = "#57606a"


@dataclass
class Canvas:
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


def attributes(**values: object) -> str:
    """``stroke_width=2, class_="x"`` -> ``stroke-width="2" class="x"``; None is left out."""
    return " ".join(
        f'{name.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
        for name, value in values.items()
        if value is not None
    )


def element(tag: str, content: str | None = None, /, **attrs: object) -> str:
    """An SVG element; ``content`` is markup (escape text with :func:`text_element`)."""
    if content is None:
        return f"<{tag} {attributes(**attrs)}/>"
    return f"<{tag} {attributes(**attrs)}>{content}</{tag}>"


def across_plot(y: float, css: str | None = None, **style: object) -> str:
    """A horizontal line from the plot's left edge to its right edge at height ``y``."""
    return element("line", class_=css, x1=LEFT, y1=y, x2=WIDTH - RIGHT, y2=y, **style)


def text_element(text: str, /, **attrs: object) -> str:
    """A ``<text>`` element with ``text`` escaped."""
    return element("text", escape(text), **attrs)


def text_width(text: str, size: float = 12) -> float:
    """An estimate of rendered width: CJK glyphs are square, Latin ones about half as wide."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.58 for ch in text)


def document(canvas: Canvas, goal_id: str, title: str, description: str) -> str:
    """The ``<svg>`` element of a goal's chart, labelled by its title and description."""
    ident = f"chart-{goal_id}"
    body = (
        element("title", escape(title), id=f"{ident}-title")
        + element("desc", escape(description), id=f"{ident}-desc")
        + element("rect", width=WIDTH, height=canvas.height, fill="#ffffff")
        + "".join(canvas.parts)
    )
    return element(
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
