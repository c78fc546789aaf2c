"""Rendering digest and alert templates: errors name the template file and line.

The rendered Markdown is cut into sections at ``### `` headings; channels split between them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from tracker.config.templates import jinja_environment
from tracker.digest.document import Section
from tracker.digest.marks import user_text
from tracker.domain.numbers import number
from tracker.errors import Problem
from tracker.present.statuses import LABELS, MARKS


class TemplateProblem(Exception):
    """A template that does not compile or render, with the template file and line."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def template_environment(templates_dir: Path | None) -> jinja2.Environment:
    """Digest and alert templates, with the status vocabulary and the ``num`` filter.

    Every printed value is user text (:func:`~tracker.digest.marks.user_text`): only the
    template's own Markdown is live in a channel, unless a value is marked ``| safe``.
    """
    env = jinja_environment(templates_dir).overlay(finalize=user_text)
    env.globals["labels"] = LABELS
    env.globals["MARKS"] = MARKS
    env.filters["num"] = number
    return env


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render ``name``; a syntax or runtime error names the template file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        path = Path(exc.filename or exc.name or name)
        raise TemplateProblem(
            Problem(path, exc.lineno, "template", exc.message or str(exc))
        ) from None
    except Exception as exc:  # any error raised while rendering is the template's to explain
        path, line = _template_frame(exc, env, name)
        message = (
            str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
        )
        raise TemplateProblem(Problem(path, line, "template", message)) from None


def _template_frame(
    exc: BaseException, env: jinja2.Environment, name: str
) -> tuple[Path, int | None]:
    """The template file and line a runtime error happened on (Jinja rewrites tracebacks)."""
    tb = exc.__traceback__
    found: tuple[Path, int | None] = (Path(name), None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found


def split_sections(markdown: str) -> tuple[Section, ...]:
    """Cut rendered Markdown at ``### `` headings; blank lines inside a section are dropped."""
    sections: list[Section] = []
    heading: str | None = None
    lines: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("### "):
            if heading is not None or lines:
                sections.append(Section(heading, tuple(lines)))
            heading, lines = line[4:].strip(), []
        elif line.strip():
            lines.append(line.rstrip())
    if heading is not None or lines:
        sections.append(Section(heading, tuple(lines)))
    return tuple(sections)
