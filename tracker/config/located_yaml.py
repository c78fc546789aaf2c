"""YAML loading that remembers the line of every key, so errors can point at it.

libyaml's composer (PyYAML's C loader) does the parsing where it is installed, the pure-Python
one elsewhere. Anchors and aliases are refused: config and figure files have no use for them,
and a few hundred bytes of nested aliases ("billion laughs") would expand without bound.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tracker.config.yaml_mistakes import explain
from tracker.domain.text import decode_text
from tracker.errors import InputError, Problem
from tracker.files import read_limited

Location = tuple[str | int, ...]

MAX_YAML_BYTES = 16 * 2**20  # one goal file of ~60,000 goals is about 15 MiB
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class LocatedYaml:
    """Parsed YAML plus the 1-based line of each mapping key and sequence item, by path."""

    path: Path
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)
    encoding: str | None = None  # how the file was decoded; None for text given as text

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
    encoding = None
    if text is None:
        try:
            text, encoding = decode_text(read_limited(path, MAX_YAML_BYTES))
        except OSError as exc:
            raise InputError([Problem(path, None, None, f"cannot read: {exc.strerror}")]) from None
        except ValueError as exc:  # too large, binary, or neither UTF-8 nor GB18030
            raise InputError([Problem(path, None, None, f"cannot read: {exc}")]) from None
    elif len(text) > MAX_YAML_BYTES:
        message = f"cannot read: larger than {MAX_YAML_BYTES // 2**20} MiB"
        raise InputError([Problem(path, None, None, message)])
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        line, message = explain(text, exc)
        raise InputError([Problem(path, line, None, f"malformed YAML: {message}")]) from None
    except RecursionError:
        raise InputError([Problem(path, None, None, "malformed YAML: nested too deeply")]) from None
    located = LocatedYaml(path, None, encoding=encoding)
    problems: list[Problem] = []
    builder = _Builder(located, problems)
    try:
        located.data = builder.build(root, ()) if root is not None else None
    except RecursionError:
        problems.append(Problem(path, None, None, "malformed YAML: nested too deeply"))
    if problems:
        raise InputError(problems)
    return located


class _Builder:
    """Python values from the node tree, recording lines; refuses aliases and odd keys."""

    def __init__(self, out: LocatedYaml, problems: list[Problem]) -> None:
        self.out = out
        self.problems = problems
        self.constructor = yaml.SafeLoader("")  # one constructor for every scalar
        self.seen: set[int] = set()
        self.alias_found = False

    def problem(self, node: yaml.Node, field_name: str | None, message: str) -> None:
        self.problems.append(Problem(self.out.path, node.start_mark.line + 1, field_name, message))

    def build(self, node: yaml.Node, where: Location) -> Any:
        if id(node) in self.seen:  # the composer resolved an alias to a node already built
            if not self.alias_found:  # once per file: a bomb has thousands
                self.problem(node, None, "YAML anchors and aliases (&name, *name) are not allowed")
            self.alias_found = True
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.out.lines[(*where, index)] = item.start_mark.line + 1
                items.append(self.build(item, (*where, index)))
            return items
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, where: Location) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_key = None
        merged = False  # two list items run together: said once, not per repeated key
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, None, "a key must be plain text, not a list or mapping")
                continue
            key = self._scalar(key_node)
            if isinstance(key, int | float) and not isinstance(key, bool):
                key = str(key)
            first_key = key if first_key is None else first_key
            line = key_node.start_mark.line + 1
            if key in result or merged:
                if merged:
                    continue
                in_list = bool(where) and isinstance(where[-1], int)
                merged = in_list and key == first_key
                first = self.out.lines.get((*where, key))
                message = (
                    f"a second {key!r} in the same item: start a new item with '- ' here"
                    if merged
                    else f"duplicate key (first on line {first}); keep one"
                )
                self.problems.append(Problem(self.out.path, line, str(key), message))
                continue
            location = (*where, key)
            self.out.lines[location] = line
            result[key] = self.build(value_node, location)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self.constructor.construct_object(node)
        except (ValueError, OverflowError):
            return node.value  # 2025-13-01 looks like a date but is none: validation says so
        except yaml.YAMLError:
            self.problem(node, None, f"unknown YAML tag {node.tag!r}; remove it")
            return None
