"""`tracker extract` on the command line: output, warnings and one-line errors."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from extract.kit import ARTICLE, ROOT, TRADITIONAL, run
from tracker.extract import extract, to_goals_yaml


def test_output_passes_tracker_check_when_saved_next_to_its_source(project):
    (project / "seeds" / "p.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("extract", "seeds/p.txt", "--published", "2025-02-06")
    assert result.exit_code == 0
    (project / "config" / "goals" / "p.yaml").write_text(result.stdout, encoding="utf-8")
    check = run("check")
    assert check.exit_code == 0, check.stderr
    assert check.stdout.startswith("ok: 3 goals in 1 file")


def test_gb18030_file_is_decoded(project):
    (project / "seeds" / "gb.txt").write_bytes(TRADITIONAL.encode("gb18030"))
    result = run("extract", "seeds/gb.txt", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [item["target"] for item in data] == [6.5, 7]
    assert data[0]["source"]["document"] == "seeds/gb.txt"


def test_year_outside_1990_2100_is_rejected_by_click(project):
    (project / "seeds" / "p.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("extract", "seeds/p.txt", "--year", "1")
    assert result.exit_code == 2
    assert "Invalid value for '--year': 1 is not in the range 1990<=x<=2100" in result.stderr
    assert result.stdout == ""


def test_this_year_without_a_publication_date_is_a_warning(project):
    (project / "seeds" / "p.txt").write_text(
        "2024年,火炬开发区完成GDP573.7亿元。\n今年力争GDP增长6%。\n", encoding="utf-8"
    )
    result = run("extract", "seeds/p.txt")
    assert result.exit_code == 0
    assert result.stderr == (
        "seeds/p.txt: no publication date found; '今年' taken as 2025; pass --published or --year\n"
    )
    assert yaml.safe_load(result.stdout)["defaults"]["year"] == 2025
    dated = run("extract", "seeds/p.txt", "--published", "2025-02-06")
    assert (dated.exit_code, dated.stderr) == (0, "")


def test_no_entity_is_a_one_line_error(project):
    (project / "seeds" / "p.txt").write_text("2025年,力争GDP增长6%。\n", encoding="utf-8")
    result = run("extract", "seeds/p.txt")
    assert result.exit_code == 1
    assert (result.stdout, result.stderr) == (
        "",
        "seeds/p.txt: no entity found; pass --entity NAME\n",
    )
    with pytest.raises(ValueError, match="no entity"):
        to_goals_yaml(extract("2025年,力争GDP增长6%。"))
    assert "entity: 香洲区" in run("extract", "seeds/p.txt", "--entity", "香洲区").stdout


def test_help_example_names_a_real_seed():
    help_text = run("extract", "--help").stdout
    example = re.search(r"tracker extract (\S+) --entity \S+", help_text)
    assert example, help_text
    assert (ROOT / example.group(1)).is_file()


def test_unreadable_file_is_a_one_line_error(project):
    result = run("extract", "seeds/missing.txt")
    assert result.exit_code == 1
    assert result.stderr == "seeds/missing.txt: cannot read: No such file or directory\n"
