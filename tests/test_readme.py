"""The README's digest samples are what the code prints (regenerate: python docs/regenerate.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _regenerate_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("regenerate", ROOT / "docs" / "regenerate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_readme_shows_the_digests_the_code_prints() -> None:
    regenerate = _regenerate_module()
    shown = regenerate.readme_samples((ROOT / "README.md").read_text(encoding="utf-8"))
    assert shown == list(regenerate.digest_samples())
