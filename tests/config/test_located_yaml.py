"""Hostile and odd YAML gets one clear line, fast; nothing expands without bound."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tracker.config.located_yaml import MAX_YAML_BYTES, load_yaml
from tracker.errors import InputError

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_yaml(Path("x.yaml"), text)
    return [str(p) for p in caught.value.problems]


def test_an_alias_bomb_is_refused_at_once_with_one_line() -> None:
    started = time.monotonic()
    assert problems(BOMB) == ["x.yaml:1: YAML anchors and aliases (&name, *name) are not allowed"]
    assert time.monotonic() - started < 2


def test_an_unknown_tag_names_its_line() -> None:
    assert problems("a: 1\nb: !foo 2\n") == ["x.yaml:2: unknown YAML tag '!foo'; remove it"]


def test_a_list_as_a_key_is_refused() -> None:
    text = "? [1, 2]\n: x\n"
    assert problems(text) == ["x.yaml:1: a key must be plain text, not a list or mapping"]


def test_deep_nesting_is_one_line() -> None:
    (line,) = problems("a: " + "[" * 20000 + "]" * 20000 + "\n")
    assert line.startswith("x.yaml:") and "malformed YAML" in line


def test_a_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_YAML_BYTES + 1))
    with pytest.raises(InputError, match="larger than 16 MiB"):
        load_yaml(path)
