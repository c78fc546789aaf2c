"""An e-mail's two bodies from one digest part: plain text and HTML, user text escaped in each.

The digest's Markdown subset (headings, ``**bold**``, ``[text](url)``, ``- `` items, ``> ``
quotes) is converted here; user text is HTML-escaped as a whole, so a goal named
``<script>`` is shown, not run.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from tracker.channels.markdown import HEADING, LINK, flatten_tables, html_text
from tracker.digest.document import Section
from tracker.digest.marks import Inline, same

if TYPE_CHECKING:
    from tracker.config.people import Person

CHART_CID = "chart@tracker"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_STYLE = (
    "font-family: 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; "
    "line-height: 1.6; color: #1f2328"
)


def mentioned_as(person: Person) -> str | None:
    """E-mail has no @-syntax: owners with an address are named and put in ``Cc``."""
    return f"@{person.name}" if person.email else None


def _plain_line(line: str) -> str:
    heading = HEADING.match(line)
    if heading:
        line = heading.group(1)
    line = _BOLD.sub(r"\1", line)
    return LINK.sub(lambda m: f"{m.group(1)} <{m.group(2)}>", line)


def _html_line(line: str) -> str:
    line = html.escape(line, quote=False)
    line = _BOLD.sub(r"<strong>\1</strong>", line)
    # The line is escaped already (quotes aside): the url needs no second pass.
    return LINK.sub(
        lambda m: f'<a href="{m.group(2).replace(chr(34), "%22")}">{m.group(1)}</a>', line
    )


def plain_body(
    title: str, sections: Sequence[Section], people: Mapping[str, Person] | None
) -> tuple[str, list[Person]]:
    """The text/plain body, and the people it names (for ``Cc``)."""
    ink = Inline(same, people, mentioned_as)
    blocks = [title, "=" * min(len(title) * 2, 60)]
    for section in sections:
        lines = [ink(line, _plain_line) for line in flatten_tables(section.lines)]
        if section.heading:
            lines.insert(0, f"【{ink(section.heading)}】")
        if section.link:
            lines.append(f"{ink(section.link.label)}: {section.link.url}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n", ink.mentioned


def html_body(title: str, sections: Sequence[Section], people: Mapping[str, Person] | None) -> str:
    """The text/html body."""
    ink = Inline(html_text, people, lambda p: html_text(m) if (m := mentioned_as(p)) else None)
    out = [f'<div style="{_STYLE}">', f"<h2>{html.escape(title)}</h2>"]
    for section in sections:
        if section.heading:
            out.append(f"<h3>{ink(section.heading)}</h3>")
        out.extend(_html_block([ink(line, _html_line) for line in flatten_tables(section.lines)]))
        if section.link:
            href = html.escape(section.link.url)
            out.append(f'<p><a href="{href}">{ink(section.link.label)}</a></p>')
    out.append("</div>")
    return "\n".join(out) + "\n"


def with_chart(body: str, title: str) -> str:
    """``body`` showing the chart (the related part ``cid:chart@tracker``) at its end."""
    image = f'<p><img src="cid:{CHART_CID}" alt="{html.escape(title)}" width="640"></p>'
    return body.rstrip().removesuffix("</div>") + image + "\n</div>\n"


def _html_block(lines: Sequence[str]) -> list[str]:
    """Lines as paragraphs, ``- `` runs as a list and ``> `` lines as quotes."""
    out: list[str] = []
    items: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("- "):
            items.append(f"<li>{line[2:]}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if line.startswith("&gt; ") or line.startswith("&gt;"):
            out.append(f"<blockquote>{line[4:].lstrip()}</blockquote>")
        elif line:
            out.append(f"<p>{line}</p>")
    return out
