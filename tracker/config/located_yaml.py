"""YAML loading that remembers the line of every key, so errors can point at it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tracker.domain.text import decode_text
from tracker.errors import InputError, Problem

Location = tuple[str | int, ...]


@dataclass
class LocatedYaml:
    """Parsed YAML plus the 1-based line of each mapping key and sequence item, by path."""

    path: Path
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int | None:
        """Line of the deepest known prefix of ``location`` (the key itself when recorded)."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line is not None:
                return line
        return None

    def problem(self, location: Location, field_name: str | None, message: str) -> Problem:
        return Problem(self.path, self.line_of(location), field_name, message)


def load_yaml(path: Path, text: str | None = None) -> LocatedYaml:
    """Parse ``path``; malformed YAML and duplicate keys raise :class:`InputError` with lines."""
    if text is None:
        try:
            text = decode_text(path.read_bytes())[0]
        except OSError as exc:
            raise InputError([Problem(path, None, None, f"cannot read: {exc.strerror}")]) from None
        except ValueError as exc:  # binary, or neither UTF-8 nor GB18030
            raise InputError([Problem(path, None, None, f"cannot read: {exc}")]) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise InputError([Problem(path, line, None, f"malformed YAML: {reason}")]) from None
    located = LocatedYaml(path, None)
    problems: list[Problem] = []
    located.data = _build(root, (), located, problems) if root is not None else None
    if problems:
        raise InputError(problems)
    return located


def _build(node: yaml.Node, where: Location, out: LocatedYaml, problems: list[Problem]) -> Any:
    loader = yaml.SafeLoader("")
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if isinstance(key, int | float) and not isinstance(key, bool):
                key = str(key)
            location = (*where, key)
            line = key_node.start_mark.line + 1
            if key in result:
                problems.append(Problem(out.path, line, str(key), "duplicate key"))
                continue
            out.lines[location] = line
            result[key] = _build(value_node, location, out, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            out.lines[(*where, index)] = item.start_mark.line + 1
            items.append(_build(item, (*where, index), out, problems))
        return items
    return loader.construct_object(node)
