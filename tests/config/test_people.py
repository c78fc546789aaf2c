"""`people:`, `owners:`, goal owners and source addresses: `check` names the line and the fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

GOAL = """\
- id: iva
  indicator: 规模以上工业增加值
  target: "≥ 7%"
  quote: 规模以上工业增加值增长7%
  owners: [zhang-wie]
"""
PEOPLE = """\
people:
  zhang-wei: {name: 张伟, wecom: zhangwei, dingtalk_mobile: 13800000000, feishu: ou_123abc,
              slack: U012AB3CD, discord: "80351110224678912", email: zhang.wei@example.gov.cn}
"""


@pytest.fixture
def settings(project_dir: Path):  # type: ignore[no-untyped-def]
    def write(text: str) -> None:
        (project_dir / "config" / "tracker.yaml").write_text(textwrap.dedent(text), "utf-8")

    return write


def test_an_unknown_owner_suggests_the_nearest_person(write_goals, settings, run_cli) -> None:
    write_goals(GOAL)
    settings(PEOPLE)
    result = run_cli("check")
    assert result.exit_code == 1
    assert (
        "config/goals/test.yaml:11: owners: unknown person 'zhang-wie'; did you mean 'zhang-wei'?"
        in result.stderr
    )


def test_owners_in_defaults_are_reported_once_at_their_line(
    write_goals, settings, run_cli, project_dir: Path
) -> None:
    path = write_goals(GOAL.replace("  owners: [zhang-wie]\n", ""))
    path.write_text(
        path.read_text("utf-8").replace("  year: 2025\n", "  year: 2025\n  owners: [wang-fang]\n")
    )
    settings(PEOPLE)
    result = run_cli("check")
    assert result.stderr.splitlines()[0] == (
        "config/goals/test.yaml:4: owners: unknown person 'wang-fang'"
    )


def test_a_handle_in_the_wrong_format_says_what_to_write(write_goals, settings, run_cli) -> None:
    write_goals(GOAL.replace("zhang-wie", "zhang-wei"))
    settings(PEOPLE.replace("U012AB3CD", '"@zhangwei"'))
    result = run_cli("check")
    assert (
        "config/tracker.yaml:3: people.zhang-wei.slack: '@zhangwei' is not a Slack member ID"
        in (result.stderr)
    )


def test_numbers_written_without_quotes_are_handles(write_goals, settings, run_cli) -> None:
    write_goals(GOAL.replace("zhang-wie", "zhang-wei"))
    settings(PEOPLE.replace('"80351110224678912"', "80351110224678912"))
    assert run_cli("check").exit_code == 0


def test_entity_owners_must_name_an_entity_and_people(write_goals, settings, run_cli) -> None:
    write_goals(GOAL.replace("  owners: [zhang-wie]\n", ""))
    settings(PEOPLE + "owners:\n  测试区: [zhang-wei]\n  测式区: [zhang-wei]\n")
    result = run_cli("check")
    assert (
        "config/tracker.yaml:6: owners.测式区: no goal has entity '测式区'; did you mean '测试区'?"
        in (result.stderr)
    )


def test_entity_owners_naming_nobody_defined(write_goals, settings, run_cli) -> None:
    write_goals(GOAL.replace("  owners: [zhang-wie]\n", ""))
    settings(PEOPLE + "owners:\n  测试区: [li-na]\n")
    result = run_cli("check")
    assert "owners.测试区.0: unknown person 'li-na'" in result.stderr


def test_report_url_must_be_a_web_address(write_goals, settings, run_cli) -> None:
    write_goals(GOAL.replace("  owners: [zhang-wie]\n", ""))
    settings("report_url: file:///srv/site\n")
    result = run_cli("check")
    assert "config/tracker.yaml:1: report_url: expected an http(s) address" in result.stderr


def test_a_source_address_must_be_a_web_page(write_goals, run_cli) -> None:
    write_goals(GOAL.replace("  owners: [zhang-wie]\n", "  source: {url: 'javascript:alert(1)'}\n"))
    result = run_cli("check")
    assert (
        "config/goals/test.yaml:11: source.url: expected a web address starting with https://"
        in (result.stderr)
    )


def test_a_misspelt_e_mail_key_suggests_the_key_as_written(write_goals, settings, run_cli) -> None:
    write_goals(GOAL.replace("  owners: [zhang-wie]\n", ""))
    settings("channels:\n  mail: {type: email, host: h, fro: a@b.cn, to: [c@d.cn]}\n")
    result = run_cli("check")
    assert "channels.mail.fro: unknown field; did you mean 'from'?" in result.stderr
