"""Damaged copies of the shipped goal and figure files: never a traceback, never a hang, and a
refused figure file leaves the store exactly as it was.

A mutator applies a few of the edits people and tools make (a character typed or lost, a line
doubled, dropped or swapped, the file cut short, an encoding changed) to the shipped files.
Bounded: a couple of hundred examples, a few seconds in CI.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.config.project import Project, load_project
from tracker.errors import InputError
from tracker.ingest.importer import import_file
from tracker.store.database import Store

# The shipped files as this checkout has them (only read; each example works on a copy).
SHIPPED = Path(__file__).resolve().parents[2]
GOAL_FILES = sorted(p.name for p in (SHIPPED / "config" / "goals").glob("*.yaml"))
FIGURES = Path("examples") / "figures-2025.csv"
# Characters that change what YAML or CSV means: quotes, colons (full-width too), indentation,
# flow brackets, anchors, tags, comments, separators, full-width digits, magnitudes.
TYPED = [*":：\t\"'-[]{}&*!#,，\n %０６．亿万\\|>", "\r\n", "\x00", "\ufeff", "- ", ": "]
FUZZ = settings(
    max_examples=120,
    deadline=timedelta(seconds=3),  # a hang or a pathological parse fails the example
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


@st.composite
def damaged(draw: st.DrawFn, text: str) -> bytes:
    """``text`` after one to four edits, encoded as a user's editor might save it."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        edit = draw(st.sampled_from(["type", "lose", "double", "drop", "swap", "cut"]))
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        line = lines[at] if lines else ""
        column = draw(st.integers(0, len(line)))
        if edit == "type":
            lines[at : at + 1] = [line[:column] + draw(st.sampled_from(TYPED)) + line[column:]]
        elif edit == "lose" and line:
            lines[at] = line[:column] + line[column + 1 :]
        elif edit == "double" and lines:
            lines.insert(at, line)
        elif edit == "drop" and lines:
            del lines[at]
        elif edit == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "cut":
            lines = [*lines[:at], line[:column]]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    return "".join(lines).encode(encoding, errors="replace")


@contextmanager
def project_copy(shipped: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(shipped / "config" / "goals", root / "config" / "goals")
        shutil.copytree(shipped / "seeds", root / "seeds")
        yield root


@FUZZ
@given(index=st.integers(0, len(GOAL_FILES) - 1), data=st.data())
def test_a_damaged_goal_file_is_refused_in_lines_or_read(
    shipped_copy: Path, index: int, data: st.DataObject
) -> None:
    name = GOAL_FILES[index]
    content = data.draw(damaged((shipped_copy / "config" / "goals" / name).read_text("utf-8")))
    with project_copy(shipped_copy) as root:
        (root / "config" / "goals" / name).write_bytes(content)
        try:
            load_project(root / "config", verify_quotes=True)
        except InputError as exc:
            assert exc.problems and all("\n" not in str(p) for p in exc.problems)


def _snapshot(store: Store) -> list[tuple[object, ...]]:
    return [(r.id, r.goal, r.period, r.value, r.unit, r.note) for r in store.figures(history=True)]


@contextmanager
def project_and_store(shipped: Path) -> Iterator[tuple[Project, Store, Path]]:
    with project_copy(shipped) as root:
        project = load_project(root / "config", verify_quotes=False)
        with Store.open(project, url=str(root / "t.db")) as store:
            import_file(store, project, shipped / FIGURES)  # something to keep intact
            yield project, store, root


@FUZZ
@given(data=st.data(), suffix=st.sampled_from([".csv", ".yaml", ".json"]))
def test_a_refused_figure_file_leaves_the_store_unchanged(
    shipped_copy: Path, data: st.DataObject, suffix: str
) -> None:
    text = (shipped_copy / FIGURES).read_text("utf-8")
    if suffix != ".csv":  # the same records as a YAML/JSON list, one flow mapping a line
        header, *rows = text.splitlines()
        names = header.split(",")
        text = (
            "[\n"
            + ",\n".join(
                "{"
                + ", ".join(f'"{k}": "{v}"' for k, v in zip(names, row.split(","), strict=False))
                + "}"
                for row in rows
            )
            + "\n]\n"
        )
    content = data.draw(damaged(text))
    with project_and_store(shipped_copy) as (project, store, root):
        before = _snapshot(store)
        path = root / f"damaged{suffix}"
        path.write_bytes(content)
        result = import_file(store, project, path)
        if not result.written:
            assert result.problems and _snapshot(store) == before
