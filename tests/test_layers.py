"""Imports point downstream only: each stage may import its own package and those upstream.

The order is the data flow (README "Layout"). A wrong-way import or a cycle fails here with the
file and line, so the tree keeps saying how data moves.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"

# Upstream first. A module may import its own layer and any layer before it.
LAYERS: tuple[str, ...] = (
    "errors",
    "secrets",
    "files",
    "domain",
    "config",
    "store",
    "ingest",
    "evaluate",
    "present",
    "digest",
    "report",
    "pipeline",
    "channels",
    "delivery",
    "service",
    "extract",
    "commands",
    "cli",
)
# Stricter rules for stages that must stay small: what each may import at all.
ONLY: dict[str, frozenset[str]] = {
    "errors": frozenset(),
    "secrets": frozenset(),
    "files": frozenset(),
    "domain": frozenset({"errors"}),
    "evaluate": frozenset({"domain"}),
    "extract": frozenset({"errors", "domain", "config"}),
}
ROOT_MODULES = frozenset({"__init__", "__main__"})


def _layer(module: str) -> str | None:
    """``tracker.digest.compose`` -> ``digest``; the package root has no layer."""
    parts = module.split(".")
    if parts[0] != "tracker" or len(parts) == 1 or parts[1] in ROOT_MODULES:
        return None
    return parts[1]


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    relative = path.relative_to(package.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _module_path(module: str) -> Path | None:
    base = PACKAGE.parent.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every ``tracker.*`` module imported by ``path`` (lazy imports included), with its line."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("tracker")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tracker"):
            # `from tracker.evaluate import measures` imports the submodule, not the package.
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                is_module = _module_path(sub) is not None
                found.append((node.lineno, sub if is_module else str(node.module)))
    return found


def wrong_way_imports(package: Path = PACKAGE) -> list[str]:
    """``path:line: layer imports layer`` for every import against the data flow."""
    problems: list[str] = []
    for path in sorted(package.rglob("*.py")):
        own = _layer(_module_name(path, package))
        if own is None:
            continue
        for line, module in _imports(path):
            other = _layer(module)
            if other is None or other == own:
                continue
            allowed = ONLY.get(own)
            wrong = (
                other not in allowed
                if allowed is not None
                else LAYERS.index(other) > LAYERS.index(own)
            )
            if wrong:
                problems.append(f"{path.relative_to(package.parent)}:{line}: {own} imports {other}")
    return problems


def test_every_package_is_a_known_layer() -> None:
    names = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    stages = {n for n in names if not n.startswith(("_", ".")) and n not in {"py", "templates"}}
    assert stages - {"py"} <= set(LAYERS) | {"py"}, sorted(stages - set(LAYERS))


def test_imports_point_downstream_only() -> None:
    assert wrong_way_imports() == []


def test_the_check_catches_a_wrong_way_import(tmp_path: Path) -> None:
    fake = tmp_path / "tracker"
    (fake / "domain").mkdir(parents=True)
    (fake / "domain" / "goals.py").write_text("from tracker.store.database import Store\n")
    assert wrong_way_imports(fake) == ["tracker/domain/goals.py:1: domain imports store"]


def _loaded_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("heavy", ["requests", "sqlalchemy", "jinja2", "yaml", "tracker.channels"])
def test_evaluation_loads_no_io_library(heavy: str) -> None:
    loaded = _loaded_by("import tracker.evaluate")
    assert not {m for m in loaded if m == heavy or m.startswith(heavy + ".")}


def test_no_import_cycle_between_modules() -> None:
    graph = {_module_name(p): {m for _, m in _imports(p)} for p in PACKAGE.rglob("*.py")}
    for start in graph:
        seen, stack = set(), [(start, (start,))]
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    pytest.fail(" -> ".join((*trail, nxt)))
                if nxt not in seen and nxt in graph:
                    seen.add(nxt)
                    stack.append((nxt, (*trail, nxt)))


def test_the_architecture_doc_names_every_stage_in_order() -> None:
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = doc.split("```")[1]
    names = [line.split()[0].rstrip("/").removesuffix(".py") for line in tree.splitlines()[3:]]
    stages = [n for n in names if n in LAYERS]
    assert stages == list(LAYERS)
