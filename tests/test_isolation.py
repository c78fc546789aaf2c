"""Tests never read the live config/ (issue 13, item 17): they use copies (``shipped_copy``)."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).parent
# `ROOT / "config"`, `REPO / "config"`, `parents[2] / "config"`: the repository's own folder.
LIVE_CONFIG = re.compile(r"(?:ROOT|REPO|parents\[\d\])\s*/\s*\"config\"")
ALLOWED = {"conftest.py", "test_schema.py", "test_isolation.py"}  # the copy; schema; this


def test_no_test_reads_the_live_config_folder() -> None:
    readers = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.name not in ALLOWED and "benchmarks" not in path.parts  # scripts run by hand
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if LIVE_CONFIG.search(line) and "glob(" not in line  # a skipif may look for goals
    ]
    assert readers == []


def test_the_suite_passes_with_an_unset_variable_in_the_live_config(shipped_copy: Path) -> None:
    assert not (shipped_copy / "config" / "tracker.yaml").exists()
    assert any((shipped_copy / "config" / "goals").glob("*.yaml"))
