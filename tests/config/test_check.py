"""`tracker check`: one `PATH:LINE: field: message` line per problem, exit 1; summary on success."""

from __future__ import annotations

import pytest

GOOD = """\
- id: iva
  indicator: 规模以上工业增加值
  target: "≥ 7%"
  quote: 规模以上工业增加值增长7%
"""


def test_valid_config_prints_summary_and_exits_0(write_goals, run_cli):
    write_goals(GOOD)
    result = run_cli("check")
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: 1 goal in 1 file,")


def test_duplicate_id_names_second_definition(write_goals, run_cli):
    write_goals(GOOD + GOOD.replace("- id: iva", "- id: iva "))
    result = run_cli("check")
    assert result.exit_code == 1
    assert (
        "config/goals/test.yaml:11: id: duplicate id 'iva' (first at config/goals/test.yaml:7)"
        in result.stderr
    )


def test_duplicate_id_across_files(write_goals, run_cli):
    write_goals(GOOD, "a")
    write_goals(GOOD, "b")
    result = run_cli("check")
    assert (
        "config/goals/b.yaml:7: id: duplicate id 'iva' (first at config/goals/a.yaml:7)"
        in result.stderr
    )


def test_unknown_field_suggests_the_close_one(write_goals, run_cli):
    write_goals(GOOD + "  indicatr: typo\n")
    result = run_cli("check")
    assert result.exit_code == 1
    assert "config/goals/test.yaml:11: indicatr: unknown field; did you mean 'indicator'?" in (
        result.stderr
    )


def test_unknown_unit(write_goals, run_cli):
    write_goals(GOOD.replace('"≥ 7%"', '"≥ 80 只猫"'))
    result = run_cli("check")
    assert "config/goals/test.yaml:9: unit: unknown unit '只猫'" in result.stderr


def test_between_without_target_max(write_goals, run_cli):
    write_goals(GOOD.replace('target: "≥ 7%"', "comparator: between\n  target: 7"))
    result = run_cli("check")
    assert "config/goals/test.yaml:7: target_max: required when comparator is between" in (
        result.stderr
    )


def test_quote_not_in_document(write_goals, run_cli):
    write_goals(GOOD.replace("增长7%", "增长8%"))
    result = run_cli("check")
    assert "config/goals/test.yaml:10: source.quote: quote not found in seeds/doc.txt" in (
        result.stderr
    )


def test_missing_document_points_at_defaults(write_goals, run_cli, project_dir):
    (project_dir / "seeds" / "doc.txt").unlink()
    write_goals(GOOD)
    result = run_cli("check")
    assert "config/goals/test.yaml:5: source.document: document not found: seeds/doc.txt" in (
        result.stderr
    )


def test_malformed_yaml_reports_its_line(write_goals, run_cli):
    write_goals(GOOD + "- id: [broken\n")
    result = run_cli("check")
    assert result.exit_code == 1
    assert "config/goals/test.yaml:11: malformed YAML: unclosed '[' opened on line 11" in (
        result.stderr
    )


def test_every_problem_is_reported_not_just_the_first(write_goals, run_cli):
    write_goals(GOOD.replace("iva", "a").replace('7%"', '7 只猫"') + GOOD.replace("iva", "b X"))
    result = run_cli("check")
    problems = [line for line in result.stderr.splitlines() if ".yaml:" in line]
    assert len(problems) == 2
    assert result.stderr.rstrip().endswith("2 problem(s) found")


def test_config_dir_from_environment(write_goals, run_cli, project_dir, monkeypatch):
    write_goals(GOOD)
    (project_dir / "config").rename(project_dir / "elsewhere")
    monkeypatch.setenv("TRACKER_CONFIG", str(project_dir / "elsewhere"))
    assert run_cli("check").exit_code == 0


def test_quote_verified_in_a_gb18030_document(write_goals, run_cli, project_dir):
    (project_dir / "seeds" / "doc.txt").write_bytes("规模以上工业增加值增长7%。".encode("gb18030"))
    write_goals(GOOD)
    assert run_cli("check").exit_code == 0


def test_gbk_encoded_goal_file_is_read(write_goals, run_cli, project_dir):
    path = write_goals(GOOD)
    path.write_bytes(path.read_text("utf-8").encode("gbk"))
    assert run_cli("check").exit_code == 0


def test_binary_goal_file_is_one_line_error(project_dir, run_cli):
    (project_dir / "config" / "goals" / "junk.yaml").write_bytes(b"\x00\x01\x02binary")
    result = run_cli("check")
    assert result.exit_code == 1
    assert "config/goals/junk.yaml: cannot read: binary file, not text" in result.stderr


@pytest.mark.parametrize("tags", ["7", "seven", "{a: 1}"])
def test_tags_must_be_a_list(write_goals, run_cli, tags):
    write_goals(GOOD + f"  tags: {tags}\n")
    result = run_cli("check")
    assert result.exit_code == 1
    assert "config/goals/test.yaml:11: tags: expected a list of tags" in result.stderr


def test_quote_must_state_the_target(write_goals, run_cli):
    write_goals(GOOD.replace('"≥ 7%"', '"≥ 9%"'))
    result = run_cli("check")
    assert "config/goals/test.yaml:10: source.quote: the quote states 7%, not the target 9%" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("value", "unit", "form"),
    [
        (10, "%", "两位数"),
        (1, "个", "零"),
        (1000, "亿元", "千"),
        (1, "万亩", "万"),
        (11000, "个", "1.1万"),
    ],
)
def test_targets_written_in_words_are_recognised(value, unit, form):
    from tracker.config.quotes import written_forms

    assert form in written_forms(value, unit)


def test_document_outside_the_project_is_refused(write_goals, run_cli):
    write_goals(GOOD + "  source: {document: /etc/passwd}\n")
    result = run_cli("check")
    assert "config/goals/test.yaml:11: source.document: /etc/passwd is outside the project" in (
        result.stderr
    )


def test_a_defaults_mistake_is_reported_once_with_the_nearest_document(
    write_goals, run_cli, project_dir
):
    (project_dir / "seeds" / "doc.txt").rename(project_dir / "seeds" / "new-article.txt")
    write_goals(GOOD + GOOD.replace("id: iva", "id: iva2"))
    result = run_cli("check")
    assert result.stderr.splitlines() == [
        "config/goals/test.yaml:5: source.document: document not found: seeds/doc.txt; "
        "did you mean 'seeds/new-article.txt'?",
        "1 problem(s) found",
    ]


def test_the_same_target_under_two_ids_is_a_warning_naming_both(write_goals, run_cli):
    write_goals(GOOD, "hand")
    write_goals(GOOD.replace("id: iva", "id: extracted-iva"), "extracted")
    result = run_cli("check")
    assert result.exit_code == 0
    assert (
        "config/goals/hand.yaml:7: id: warning: 'iva' states the same target as 'extracted-iva' "
        "(config/goals/extracted.yaml:7)" in result.stderr
    )


def test_different_targets_of_one_quote_are_no_duplicates(write_goals, run_cli, project_dir):
    (project_dir / "seeds" / "doc.txt").write_text("新增百亿级企业1家、50亿级企业1家\n", "utf-8")
    write_goals(
        '- id: a\n  indicator: 新增百亿级企业\n  target: "≥ 1 家"\n  quote: 百亿级企业1家\n'
        '- id: b\n  indicator: 新增50亿级企业\n  target: "≥ 1 家"\n  quote: 50亿级企业1家\n'
    )
    assert run_cli("check").stderr == ""


def test_a_big5_goal_file_is_read_and_the_encoding_named(run_cli, project_dir):
    text = (
        "defaults: {entity: 測試區, year: 2025, source: {document: seeds/doc.txt}}\n"
        "goals:\n"
        "  - {id: iva, indicator: 工業增加值, target: 7%, quote: 規模以上工業增加值增長7%}\n"
    )
    (project_dir / "config" / "goals" / "big5.yaml").write_bytes(text.encode("big5"))
    result = run_cli("check")
    assert (
        result.exit_code == 0 and "big5.yaml: read as Big5 (Traditional Chinese)" in result.stderr
    )
