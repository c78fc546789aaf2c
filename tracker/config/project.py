"""Load and validate a project's config folder: goals from config/goals/*.yaml, settings.

Paths inside config files are relative to the folder that contains ``config/`` (the project
root), so a copy of ``config/`` and ``seeds/`` side by side works anywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tracker.config.cache import GoalCache, cache_dir
from tracker.config.goal_file import read_goal_file
from tracker.config.located_yaml import LocatedYaml
from tracker.config.overlaps import same_targets
from tracker.config.people import check_entity_owners
from tracker.config.settings import Settings
from tracker.config.settings_file import load_settings_located
from tracker.config.templates import check_templates
from tracker.domain.goals import Goal
from tracker.errors import InputError, Problem, display_path

DEFAULT_CONFIG = Path("config")
GOALS_DIR = "goals"


def config_dir_from_env(value: str | os.PathLike[str] | None = None) -> Path:
    """``--config`` if given, else ``$TRACKER_CONFIG``, else ``./config``."""
    return Path(value or os.environ.get("TRACKER_CONFIG") or DEFAULT_CONFIG)


@dataclass
class Project:
    """A validated config folder: goals, settings, and the root that relative paths start from."""

    config_dir: Path
    goals: list[Goal]
    settings: Settings
    goal_lines: dict[str, tuple[Path, int | None]] = field(default_factory=dict)
    # Not wrong, but probably not meant (the same target twice); `check` prints them.
    warnings: list[Problem] = field(default_factory=list)
    goal_cache: GoalCache | None = field(default=None, repr=False, compare=False)

    @property
    def root(self) -> Path:
        return self.config_dir.resolve().parent

    def resolve(self, path: str | os.PathLike[str]) -> Path:
        """A path from a config file, resolved against the project root."""
        candidate = Path(path)
        return candidate if candidate.is_absolute() else self.root / candidate

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def select(self, entity: str | None = None, year: int | None = None) -> list[Goal]:
        """Goals whose entity contains ``entity`` and whose year is ``year`` (when given)."""
        return [
            g
            for g in self.goals
            if (entity is None or entity in g.entity) and (year is None or g.year == year)
        ]


def load_project(
    config_dir: Path | None = None,
    *,
    verify_quotes: bool = True,
    delivery: bool = True,
    secrets: bool = True,
    cache: GoalCache | None = None,
) -> Project:
    """Read every config file; raise :class:`InputError` listing all problems found.

    ``delivery=False`` skips channels and digests, for commands that never send anything;
    ``secrets=False`` reads them without needing the channels' ``${VAR}`` secrets (showing).
    Goal files that did not change come from ``cache`` (by default the one beside the store,
    see :mod:`tracker.config.cache`); :func:`reload_project` reloads a running project.
    """
    config_dir = config_dir_from_env(config_dir)
    if not config_dir.is_dir():
        raise InputError([Problem(config_dir, None, None, "config folder not found")])
    problems: list[Problem] = []
    settings = Settings()
    located_settings: LocatedYaml | None = None
    settings_ok = False
    try:
        settings, located_settings = load_settings_located(
            config_dir, delivery=delivery, secrets=secrets
        )
        settings_ok = True
    except InputError as exc:
        problems.extend(exc.problems)
    else:
        problems.extend(check_templates(config_dir, settings, located_settings))
    root = config_dir.resolve().parent
    if cache is None:
        cache = GoalCache(cache_dir(root, settings.database), root)
    goals: list[Goal] = []
    lines: dict[str, tuple[Path, int | None]] = {}
    warnings: list[Problem] = []
    for path in sorted((config_dir / GOALS_DIR).glob("*.y*ml")):
        people = settings.people if settings_ok else None  # owners name people of tracker.yaml
        read = read_goal_file(path, root, verify_quotes=verify_quotes, cache=cache, people=people)
        problems.extend(read.problems)
        warnings.extend(read.warnings)
        for goal, line in read.goals:
            if goal.id in lines:
                first_path, first_line = lines[goal.id]
                where = f"{display_path(first_path)}:{first_line}"
                problems.append(
                    Problem(path, line, "id", f"duplicate id {goal.id!r} (first at {where})")
                )
                continue
            lines[goal.id] = (path, line)
            goals.append(goal)
    warnings.extend(same_targets(goals, lines))
    if settings_ok and settings.owners:
        settings_path = config_dir / "tracker.yaml"
        problems.extend(
            check_entity_owners(settings.owners, goals, settings_path, located_settings)
        )
    if problems:
        raise InputError(problems)
    return Project(config_dir, goals, settings, lines, warnings, cache)


def reload_project(project: Project, *, verify_quotes: bool = True) -> Project:
    """``project``'s config read again: only goal files that changed are parsed and validated.

    For a running process (the daemon's reload on a config edit): unchanged files come from
    the goal cache the previous load used. Raises :class:`InputError` like :func:`load_project`.
    """
    return load_project(project.config_dir, verify_quotes=verify_quotes, cache=project.goal_cache)
