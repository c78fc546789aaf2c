"""Templates can be overridden from config/templates/; errors name the file and line."""

from __future__ import annotations

import pytest
from delivery_kit import AS_OF

from tracker.digest import TemplateProblem


def test_config_template_overrides_the_shipped_one(deliverer, project_dir):
    templates = project_dir / "config" / "templates"
    templates.mkdir()
    (templates / "digest.zh.md.j2").write_text("{{ d.total }} 项目标，截至 {{ d.as_of }}\n")
    document, _ = deliverer.compose(deliverer.project.settings.digest("weekly"), AS_OF)
    assert document.sections[0].lines == ("4 项目标，截至 2025-10-20",)


def test_syntax_error_names_template_file_and_line(deliverer, project_dir):
    templates = project_dir / "config" / "templates"
    templates.mkdir()
    (templates / "digest.zh.md.j2").write_text("line one\n{% if d.total %}\nno endif\n")
    with pytest.raises(TemplateProblem) as caught:
        deliverer.compose(deliverer.project.settings.digest("weekly"), AS_OF)
    assert str(caught.value).startswith("config/templates/digest.zh.md.j2:")
    assert "template:" in str(caught.value)


def test_runtime_error_names_template_file_and_line(deliverer, project_dir):
    templates = project_dir / "config" / "templates"
    templates.mkdir()
    (templates / "digest.zh.md.j2").write_text("ok\n{{ d.no_such_field }}\n")
    with pytest.raises(TemplateProblem) as caught:
        deliverer.compose(deliverer.project.settings.digest("weekly"), AS_OF)
    assert str(caught.value).startswith("config/templates/digest.zh.md.j2:2: template:")
    assert "no_such_field" in str(caught.value)


def test_python_error_inside_a_template_names_file_and_line(deliverer, project_dir):
    templates = project_dir / "config" / "templates"
    templates.mkdir()
    (templates / "digest.zh.md.j2").write_text("ok\n\n{{ range(1, 'x') }}\n")
    with pytest.raises(TemplateProblem) as caught:
        deliverer.compose(deliverer.project.settings.digest("weekly"), AS_OF)
    assert str(caught.value).startswith("config/templates/digest.zh.md.j2:3: template: TypeError")
