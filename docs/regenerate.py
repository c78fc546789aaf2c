"""Regenerate the README's digest samples from the code: ``python docs/regenerate.py``.

The samples are the shipped config with the example figures, replayed on fixed days, so they
come out the same on every machine. tests/test_readme.py fails when the README and the code
disagree.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"(```markdown\n)(.*?)(```)", re.S)


def _tracker(work: Path, *args: str) -> str:
    env = dict(os.environ, TRACKER_DATABASE=str(work / "var" / "samples.db"), COLUMNS="200")
    env.pop("TRACKER_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def digest_samples() -> tuple[str, str]:
    """The Chinese daily digest of 2025-10-31 and the English weekly one up to its 2nd entity."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for name in ("config", "seeds", "examples"):
            shutil.copytree(ROOT / name, work / name)
        _tracker(work, "figures", "import", "examples/figures-2025.csv")
        _tracker(work, "digest", "send", "daily", "--as-of", "2025-07-31")
        chinese = _tracker(work, "digest", "show", "daily", "--as-of", "2025-10-31")
        english = _tracker(work, "digest", "show", "weekly-en", "--as-of", "2025-10-31")
    sections = english.split("\n### ")
    first_entity = next(i for i, s in enumerate(sections) if i and not s.startswith("What"))
    english = "\n### ".join(sections[: first_entity + 1]).rstrip("\n") + "\n\n…\n"
    return chinese, english


def readme_samples(text: str) -> list[str]:
    return [match.group(2) for match in FENCE.finditer(text)][:2]


def main() -> None:
    chinese, english = digest_samples()
    text = README.read_text(encoding="utf-8")
    fresh = iter([chinese, english])
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return match.group(0) if count > 2 else match.group(1) + next(fresh) + match.group(3)

    README.write_text(FENCE.sub(replace, text), encoding="utf-8")
    print(f"README.md: {min(count, 2)} digest sample(s) regenerated")


if __name__ == "__main__":
    main()
