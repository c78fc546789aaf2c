"""Templates can be overridden from config/templates/; errors name the file and line."""

from __future__ import annotations

import pytest
from delivery.kit import AS_OF

from tracker.digest.templates import TemplateProblem


def compose_weekly(deliverer):
    return deliverer.compose(deliverer.project.settings.digest("weekly"), AS_OF)[0]


def problem_of(deliverer) -> str:
    with pytest.raises(TemplateProblem) as caught:
        compose_weekly(deliverer)
    return str(caught.value)


def test_config_template_overrides_the_shipped_one(deliverer, override_template):
    override_template("{{ d.total }} 项目标，截至 {{ d.as_of }}\n")
    assert compose_weekly(deliverer).sections[0].lines == ("4 项目标，截至 2025-10-20",)


def test_syntax_error_names_template_file_and_line(deliverer, override_template):
    override_template("line one\n{% if d.total %}\nno endif\n")
    problem = problem_of(deliverer)
    assert problem.startswith("config/templates/digest.zh.md.j2:") and "template:" in problem


def test_runtime_error_names_template_file_and_line(deliverer, override_template):
    override_template("ok\n{{ d.no_such_field }}\n")
    problem = problem_of(deliverer)
    assert problem.startswith("config/templates/digest.zh.md.j2:2: template:")
    assert "no_such_field" in problem


def test_python_error_inside_a_template_names_file_and_line(deliverer, override_template):
    override_template("ok\n\n{{ range(1, 'x') }}\n")
    assert problem_of(deliverer).startswith(
        "config/templates/digest.zh.md.j2:3: template: TypeError"
    )
