"""YAML syntax errors said in plain words, at the line where the mistake is.

PyYAML reports where parsing broke down, often lines after the mistake and in parser terms
(``expected <block end>, but found '<scalar>'``). When it fails, the lines up to that point are
read for the mistakes people make — an unclosed quote, a tab, a full-width colon, a missing
space — and the first one found is reported instead, with the fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

_KEY = r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[^\s:：#'\"\[\]{},-][^\s:：#'\"]*)"
_FULL_WIDTH_COLON = re.compile(_KEY + r"\s*：")
_NO_SPACE = re.compile(r"^\s*(?:-\s+)?(?P<key>[a-z_][a-z_.]*):(?P<rest>[^\s/:])")
_DASH = re.compile(r"^\s*-(?P<rest>[A-Za-z_])")
_VALUE = re.compile(_KEY + r":\s+(?P<value>.*)$")
_ITEM = re.compile(r"^\s*-\s+(?P<value>.*)$")
_COLON_IN_PLAIN = re.compile(r"[^\s]:\s|：\s")


def explain(text: str, exc: yaml.YAMLError) -> tuple[int | None, str]:
    """(line, message) for a YAML syntax error: the mistake's own line when it can be found."""
    if isinstance(exc, yaml.reader.ReaderError):  # a control character, e.g. NUL
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return line, f"control character {char:#06x} is not allowed; remove it"
    mark = getattr(exc, "problem_mark", None)
    end = mark.line + 1 if mark is not None else None
    lines = text.splitlines()
    last = min(end or len(lines), len(lines))
    for number in range(1, last + 1):
        message = _mistake(lines[number - 1], number)
        if message is not None:
            return number, message
    return end, _plain(exc, lines, end)


def _mistake(line: str, number: int) -> str | None:
    code = _without_comment(line)
    for check in _CHECKS:
        message = check(code, number)
        if message is not None:
            return message
    return None


def _tab(line: str, number: int) -> str | None:
    indent = line[: len(line) - len(line.lstrip())]
    return "tabs are not allowed; indent with spaces" if "\t" in indent else None


def _full_width_colon(line: str, number: int) -> str | None:
    match = _FULL_WIDTH_COLON.match(line)
    if match is None:
        return None
    return f"full-width colon '：' after {match['key']!r} — use ':' followed by a space"


def _no_space(line: str, number: int) -> str | None:
    match = _NO_SPACE.match(line)
    if match is None:
        return None
    return f"put a space after ':' (write '{match['key']}: {match['rest']}…')"


def _dash(line: str, number: int) -> str | None:
    match = _DASH.match(line)
    if match is None:
        return None
    return f"put a space after '-' to start a list item (write '- {match['rest']}…')"


def _quotes(line: str, number: int) -> str | None:
    match = _VALUE.match(line) or _ITEM.match(line)
    value = match["value"].strip() if match else ""
    if not value or value[0] not in "\"'":
        return None
    quote = value[0]
    body = value[1:].replace('\\"', "") if quote == '"' else value[1:].replace("''", "")
    if quote not in body:
        return f"unclosed quote opened on line {number}; end the value with {quote}"
    rest = body[body.index(quote) + 1 :].strip()
    if rest and rest[0] not in ",]}#":
        return f"text after the closing quote ({rest[:20]!r}); put all of the value inside it"
    return None


def _colon_in_value(line: str, number: int) -> str | None:
    match = _VALUE.match(line)
    if match is None:
        return None
    value = match["value"].strip()
    if not value or value[0] in "\"'[{|>&*!" or not _COLON_IN_PLAIN.search(value):
        return None
    return f"the value of {match['key']!r} contains ': '; put it in quotes: \"{value[:30]}\""


def _brackets(line: str, number: int) -> str | None:
    match = _VALUE.match(line) or _ITEM.match(line)
    value = match["value"].strip() if match else ""
    for opening, closing in ("[]", "{}"):
        if value.startswith(opening) and value.count(closing) < value.count(opening):
            return f"unclosed '{opening}' opened on line {number}; end it with '{closing}'"
    return None


_CHECKS: tuple[Callable[[str, int], str | None], ...] = (
    _tab,
    _full_width_colon,
    _dash,
    _no_space,
    _quotes,
    _brackets,
    _colon_in_value,
)


def _without_comment(line: str) -> str:
    """``line`` without a trailing ``# comment`` (a ``#`` inside quotes is kept)."""
    quote = None
    for index, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].rstrip()
    return line


def _plain(exc: yaml.YAMLError, lines: list[str], end: int | None) -> str:
    reason = str(getattr(exc, "problem", None) or exc)
    if "mapping values are not allowed" in reason and end is not None and end >= 2:
        return (
            "this line's indentation does not match the lines above; line up each field "
            "of a goal under the first one"
        )
    if "did not find expected key" in reason or "expected <block end>" in reason:
        return "this line does not fit the lines above: check its indentation and quotes"
    if "end of stream" in reason:
        return "the file ends inside a quoted value or a list; close it"
    if "could not find expected ':'" in reason:
        return "expected 'name: value' on this line"
    if "nesting depth" in reason:
        return "nested too deeply"
    return reason.strip().splitlines()[0] if reason.strip() else "not valid YAML"
