"""The one Jinja2 environment builder, and the check that every digest's templates compile.

Templates live in ``tracker/templates/`` (Markdown digests and alerts) and
``tracker/templates/report/`` (the HTML site); a project may override any of the former in
``config/templates/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.config.located_yaml import LocatedYaml
from tracker.errors import Problem

if TYPE_CHECKING:
    import jinja2

    from tracker.config.settings import Settings

TEMPLATE_SUFFIX = ".md.j2"


def jinja_environment(
    templates_dir: Path | None, *, package_folder: str = "templates", html: bool = False
) -> jinja2.Environment:
    """Templates from ``templates_dir`` first (when given), then the package's own.

    ``html`` turns on autoescaping (the report); chat digests are Markdown and escape user text
    per channel instead.
    """
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None and templates_dir.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders.append(jinja2.PackageLoader("tracker", package_folder))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=html,
    )


def check_templates(
    config_dir: Path, settings: Settings, located: LocatedYaml | None
) -> list[Problem]:
    """Every digest's templates exist and compile, so a typo fails `check`, not a send."""
    if not settings.digests:
        return []  # commands that send nothing load no digests: no need for Jinja at all
    import jinja2

    env = jinja_environment(config_dir / "templates")
    problems: list[Problem] = []
    settings_path = config_dir / "tracker.yaml"
    for index, digest in enumerate(settings.digests):
        names = [digest.template or f"digest.{digest.language}{TEMPLATE_SUFFIX}"]
        if digest.alert_on:
            names.append(f"alert.{digest.language}{TEMPLATE_SUFFIX}")
        for name in names:
            try:
                env.get_template(name)
            except jinja2.TemplateNotFound:
                where = ("digests", index, "template")
                line = located.line_of(where) if located else None
                problems.append(
                    Problem(
                        settings_path,
                        line,
                        f"digests.{index}.template",
                        f"template {name!r} not found in config/templates/",
                    )
                )
            except jinja2.TemplateSyntaxError as exc:
                path = Path(exc.filename) if exc.filename else config_dir / "templates" / name
                problems.append(Problem(path, exc.lineno, "template", exc.message or str(exc)))
    return problems
