"""Realistic mistakes, one table: each exits 1 with one plain line per mistake at its PATH:LINE.

Every row is a mistake a new user makes in a goal file, config/tracker.yaml or a figure file.
For each: the exit status is 1, stderr has exactly one line per real mistake, at the line
where it is written, in the project's words with the fix — no traceback, no PyYAML or
pydantic jargon.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from commands.mistakes import CASES, JARGON, Case


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_mistake_is_one_plain_line_at_its_place(
    case: Case, mistake_project: Path, cli: Callable[..., Result]
) -> None:
    case.write(mistake_project)
    result = cli(*case.args)
    lines = [line for line in result.stderr.splitlines() if not case.is_summary(line)]
    assert result.exit_code == 1, result.output
    assert len(lines) == 1, lines
    assert lines[0].startswith(case.where + ": "), lines[0]
    assert case.says in lines[0], lines[0]
    assert not [word for word in JARGON if word in result.output], result.output


def test_the_table_has_at_least_forty_mistakes() -> None:
    assert len(CASES) >= 40 and len({case.name for case in CASES}) == len(CASES)
