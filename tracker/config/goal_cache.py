"""Validated goals kept per goal file, so an unchanged file is neither parsed nor validated again.

An entry is keyed by the file's content hash, the tool version and whether quotes were checked,
and remembers the documents its quotes were verified against (size and modification time): a
changed goal file, a changed document or a new tracker version reads the file afresh, so quote
verification runs once per changed file. Entries live in memory (a running daemon reloads only
what changed) and as JSON files in ``goal-cache/`` beside the store (var/ by default); only
files without problems are kept. A damaged or foreign entry is ignored, never trusted: goals are
rebuilt from plain JSON, not unpickled.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.config.settings import Settings
from tracker.domain.goals import Baseline, Goal, Source
from tracker.domain.targets import Comparator, Measure
from tracker.errors import Problem

CACHE_FOLDER = "goal-cache"
_FORMAT = 2  # bumped whenever a goal field is added


def cache_folder(root: Path, settings: Settings, environ: dict[str, str] | None = None) -> Path:
    """``goal-cache/`` beside the SQLite store (``TRACKER_DATABASE``, ``database:``, var/)."""
    env = os.environ if environ is None else environ
    for value, base in ((env.get("TRACKER_DATABASE"), Path.cwd()), (settings.database, root)):
        if not value:
            continue
        path = value.removeprefix("sqlite:///") if value.startswith("sqlite:///") else value
        if "://" in path or path.startswith("file:") or path == ":memory:":
            break  # a server or an in-memory store: keep the cache under the project
        return (base / Path(path).expanduser()).parent / CACHE_FOLDER
    return root / "var" / CACHE_FOLDER


@dataclass
class Entry:
    """One goal file's validated goals (with the line of each id) and its warnings."""

    key: str
    goals: list[tuple[Goal, int | None]]
    warnings: list[Problem] = field(default_factory=list)
    documents: dict[str, tuple[int, int]] = field(default_factory=dict)  # path: (size, mtime)
    quotes_verified: bool = True  # an entry read without verifying serves only such reads


def file_key(data: bytes, context: str = "") -> str:
    """The cache key of a goal file's bytes for this tracker version; ``context`` is what else
    its validation depended on (the people owners may name)."""
    digest = hashlib.sha256(data)
    digest.update(f"\0{__version__}\0{_FORMAT}\0{context}".encode())
    return digest.hexdigest()


def stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class GoalCache:
    """Entries by goal file: in memory, and on disk in ``folder`` (None: memory only)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.memory: dict[Path, Entry] = {}

    def get(self, path: Path, key: str, root: Path, *, verified: bool = True) -> Entry | None:
        """The entry for ``path``'s content ``key``; with ``verified``, one whose quotes were
        checked against documents that have not changed since."""
        entry = self.memory.get(path)
        if entry is None or entry.key != key:
            entry = self._load(path, key)
        if entry is None or entry.key != key:
            return None
        self.memory[path] = entry
        if verified and not (entry.quotes_verified and _documents_unchanged(entry, root)):
            return None
        return entry

    def put(self, path: Path, entry: Entry) -> None:
        self.memory[path] = entry
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            data = json.dumps(_dump(entry), ensure_ascii=False, separators=(",", ":"))
            target = self._file(path)
            # Renamed into place, so a reader never sees half; no fsync: a cache entry lost
            # in a crash is only read again.
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(data.encode())
            os.replace(partial, target)
        except OSError:
            pass  # a read-only or full disk only costs the next run its speed

    def _file(self, path: Path) -> Path:
        assert self.folder is not None
        name = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]
        return self.folder / f"{name}.json"

    def _load(self, path: Path, key: str) -> Entry | None:
        if self.folder is None:
            return None
        try:
            raw = json.loads(self._file(path).read_bytes())
            return _load(raw, path) if raw.get("key") == key else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, damaged or from another version: read the file


def _documents_unchanged(entry: Entry, root: Path) -> bool:
    return all(stamp(root / name) == tuple(seen) for name, seen in entry.documents.items())


def _dump(entry: Entry) -> dict[str, Any]:
    return {
        "key": entry.key,
        "quotes_verified": entry.quotes_verified,
        "documents": entry.documents,
        "warnings": [[w.line, w.field, w.message] for w in entry.warnings],
        "goals": [[goal.model_dump(mode="json"), line] for goal, line in entry.goals],
    }


def _load(raw: dict[str, Any], path: Path) -> Entry:
    goals = [(_goal(fields), line) for fields, line in raw["goals"]]
    warnings = [Problem(path, line, name, message) for line, name, message in raw["warnings"]]
    documents = {name: (int(a), int(b)) for name, (a, b) in raw["documents"].items()}
    return Entry(raw["key"], goals, warnings, documents, bool(raw["quotes_verified"]))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# Text that many goals share (entity, unit, document, url, tags), kept once: 60,000 goals
# rebuilt from JSON would otherwise hold 60,000 copies of each.
_SHARED = ("entity", "entity_en", "unit", "year")
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def _shared(value: Any) -> Any:
    return sys.intern(value) if isinstance(value, str) else value


def _fields_set(names: Iterable[str]) -> set[str]:
    """One set object per distinct set of written fields (frozen models never change it)."""
    key = frozenset(names)
    return _FIELDS_SETS.setdefault(key, set(key))


def _goal(fields: dict[str, Any]) -> Goal:
    """A goal validated before, rebuilt without validating it again (model_construct)."""
    source = {k: _shared(v) if k in ("document", "url") else v for k, v in fields["source"].items()}
    source["published"] = _day(source.get("published"))
    baseline = fields.get("baseline")
    values = {
        **{k: _shared(v) if k in _SHARED else v for k, v in fields.items()},
        "measure": Measure(fields["measure"]),
        "comparator": Comparator(fields["comparator"]),
        "start": date.fromisoformat(fields["start"]),
        "deadline": date.fromisoformat(fields["deadline"]),
        "source": Source.model_construct(_fields_set(source), **source),
        "baseline": Baseline.model_construct(_fields_set(baseline), **baseline)
        if baseline
        else None,
        "tags": tuple(sys.intern(str(tag)) for tag in fields.get("tags") or ()),
        "owners": tuple(sys.intern(str(key)) for key in fields.get("owners") or ()),
    }
    return Goal.model_construct(_fields_set(values), **values)
