"""A per-file cache of validated goals, so an unchanged goal file is not parsed again.

An entry holds what reading one goal file produced when it had no problems of its own: the
parsed data with its key lines, and the validated goals. It is keyed by the file's SHA-256, the
tool's version (and pydantic's, whose models it stores) and, for entries whose quotes were
verified, the SHA-256 of every cited document; any difference, a corrupt file or an unreadable
folder makes the entry a miss, and the file is read as if there were no cache. Checks that
depend on other files (duplicate ids, owners named in tracker.yaml) run on every load. Entries
live next to the store, in ``<store folder>/cache/goals/`` (``var/cache/goals/`` by default).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import VERSION as PYDANTIC_VERSION

from tracker import __version__
from tracker.config.located_yaml import MAX_YAML_BYTES, LocatedYaml, Location
from tracker.domain.goals import Goal

ENV_DATABASE = "TRACKER_DATABASE"  # the store's own lookup lives in tracker.store.engine
_FORMAT = 1


def cache_dir(root: Path, database: str | None) -> Path:
    """``cache/goals`` beside the SQLite store; ``var/cache/goals`` for a server database."""
    value = os.environ.get(ENV_DATABASE) or database
    base = Path.cwd() if os.environ.get(ENV_DATABASE) else root
    if value and value.startswith("sqlite:///"):
        value = value.removeprefix("sqlite:///")
    if not value or "://" in value or value.startswith(("file:", ":memory:")):
        return root / "var" / "cache" / "goals"
    path = Path(value).expanduser()
    return (path if path.is_absolute() else base / path).parent / "cache" / "goals"


@dataclass
class Entry:
    """What one problem-free goal file produced."""

    key: str
    verified: bool
    documents: dict[str, str]
    located: LocatedYaml
    goals: list[tuple[Goal, Location]]


@dataclass
class GoalCache:
    """Entries of one config folder; each method fails quietly, as a miss or an unsaved entry."""

    folder: Path
    root: Path
    _digests: dict[Path, str | None] = field(default_factory=dict)

    def lookup(self, path: Path, *, verify_quotes: bool) -> Entry | None:
        key = self._key(path)
        if key is None:
            return None
        try:
            with (self.folder / _name(path)).open("rb") as fh:
                entry = pickle.load(fh)  # written by this tool into the store's own folder
        except Exception:  # missing, truncated, or from an older layout: a miss
            return None
        if not isinstance(entry, Entry) or entry.key != key:
            return None
        if verify_quotes and not entry.verified:
            return None
        if entry.verified and any(
            self._digest(Path(doc)) != digest for doc, digest in entry.documents.items()
        ):
            return None
        entry.located.path = path  # the entry may have been written from another working dir
        return entry

    def store(
        self,
        path: Path,
        located: LocatedYaml,
        goals: list[tuple[Goal, Location]],
        *,
        verified: bool,
    ) -> None:
        key = self._key(path)
        if key is None:
            return
        documents = {}
        if verified:
            cited = {goal.source.document for goal, _ in goals if goal.source.document}
            for document in cited:
                doc = (self.root / document).resolve()
                documents[str(doc)] = self._digest(doc) or ""
        entry = Entry(key, verified, documents, located, goals)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_atomically(self.folder / _name(path), entry)
        except (
            OSError,
            pickle.PicklingError,
        ):  # a read-only or full disk only costs the next run a parse
            pass

    def _key(self, path: Path) -> str | None:
        digest = self._digest(path, MAX_YAML_BYTES)
        return None if digest is None else f"{_FORMAT}:{__version__}:{PYDANTIC_VERSION}:{digest}"

    def _digest(self, path: Path, limit: int | None = None) -> str | None:
        if path not in self._digests:
            self._digests[path] = _sha256(path, limit)
        return self._digests[path]


def _sha256(path: Path, limit: int | None) -> str | None:
    try:
        if limit is not None and path.stat().st_size > limit:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _write_atomically(target: Path, entry: Entry) -> None:
    """Write beside ``target`` and rename, so a reader never sees half an entry."""
    fd, temp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(entry, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _name(path: Path) -> str:
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32] + ".pickle"
