"""config/tracker.yaml: ${VAR} expansion and errors with file, line and field."""

from __future__ import annotations

GOOD = """\
- id: iva
  indicator: 规模以上工业增加值
  target: "≥ 7%"
  quote: 规模以上工业增加值增长7%
"""


def write_settings(project_dir, text):
    (project_dir / "config" / "tracker.yaml").write_text(text, encoding="utf-8")


def test_missing_environment_variable_is_named(write_goals, run_cli, project_dir, monkeypatch):
    monkeypatch.delenv("WECOM_URL", raising=False)
    write_goals(GOOD)
    write_settings(project_dir, 'channels:\n  team: {type: wecom, url: "${WECOM_URL}"}\n')
    result = run_cli("check")
    assert result.exit_code == 1
    assert (
        "config/tracker.yaml:2: channels.team.url: environment variable WECOM_URL is not set"
        in (result.stderr)
    )


def test_variables_are_read_from_the_environment(write_goals, run_cli, project_dir, monkeypatch):
    monkeypatch.setenv("WECOM_URL", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")
    write_goals(GOOD)
    write_settings(project_dir, 'channels:\n  team: {type: wecom, url: "${WECOM_URL}"}\n')
    assert run_cli("check").exit_code == 0


def test_channel_error_points_at_the_channel_and_hides_the_secret(
    write_goals, run_cli, project_dir
):
    write_goals(GOOD)
    write_settings(
        project_dir, "channels:\n  team:\n    type: dingtalk\n    secret: SEC-very-secret\n"
    )
    result = run_cli("check")
    assert (
        "config/tracker.yaml:2: channels.team: channel type 'dingtalk' needs 'url'" in result.stderr
    )
    assert "SEC-very-secret" not in result.stderr


def test_digest_with_unknown_channel(write_goals, run_cli, project_dir):
    write_goals(GOOD)
    write_settings(
        project_dir,
        "channels:\n  a: {type: stdout}\ndigests:\n"
        "  - {name: d, schedule: '0 9 * * MON', channels: [b]}\n",
    )
    result = run_cli("check")
    assert "config/tracker.yaml:4: digests.0.channels.0: unknown channel 'b' (known: a)" in (
        result.stderr
    )


def test_bad_cron_names_the_field_and_value(write_goals, run_cli, project_dir):
    write_goals(GOOD)
    write_settings(
        project_dir,
        "channels:\n  a: {type: stdout}\ndigests:\n"
        "  - name: d\n    schedule: '0 9 * MON'\n    channels: [a]\n",
    )
    result = run_cli("check")
    assert "config/tracker.yaml:5: digests.0.schedule" in result.stderr
    assert "expected a 5-field cron expression, got '0 9 * MON'" in result.stderr


def test_missing_template_fails_check_not_the_send(write_goals, run_cli, project_dir):
    write_goals(GOOD)
    write_settings(
        project_dir,
        "channels:\n  a: {type: stdout}\ndigests:\n"
        "  - name: d\n    channels: [a]\n    template: nope.md.j2\n",
    )
    result = run_cli("check")
    assert "config/tracker.yaml:6: digests.0.template: template 'nope.md.j2' not found" in (
        result.stderr
    )


def test_template_syntax_error_fails_check_with_its_line(write_goals, run_cli, project_dir):
    write_goals(GOOD)
    (project_dir / "config" / "templates").mkdir()
    (project_dir / "config" / "templates" / "digest.zh.md.j2").write_text("a\n\n{% for x in %}\n")
    write_settings(
        project_dir, "channels:\n  a: {type: stdout}\ndigests:\n  - {name: d, channels: [a]}\n"
    )
    result = run_cli("check")
    assert "config/templates/digest.zh.md.j2:3: template:" in result.stderr


def test_feed_url_must_be_http(write_goals, run_cli, project_dir):
    write_goals(GOOD)
    write_settings(project_dir, "feeds:\n  - url: ftp://example.org/figures.csv\n")
    result = run_cli("check")
    assert "config/tracker.yaml:2: feeds.0.url: feeds are fetched over http(s)" in result.stderr


def test_missing_variable_is_reported_once(write_goals, run_cli, project_dir, monkeypatch):
    monkeypatch.delenv("WECOM_URL", raising=False)
    write_goals(GOOD)
    write_settings(project_dir, 'channels:\n  team: {type: wecom, url: "${WECOM_URL}"}\n')
    problems = [line for line in run_cli("check").stderr.splitlines() if "tracker.yaml" in line]
    assert len(problems) == 1 and "WECOM_URL is not set" in problems[0]


def test_reading_goals_needs_no_webhook_variables(write_goals, run_cli, project_dir, monkeypatch):
    monkeypatch.delenv("WECOM_URL", raising=False)
    write_goals(GOOD)
    write_settings(project_dir, 'channels:\n  team: {type: wecom, url: "${WECOM_URL}"}\n')
    assert run_cli("goals", "--json").exit_code == 0


def test_misspelt_channel_setting_suggests_the_field(write_goals, run_cli, project_dir):
    write_goals(GOOD)
    write_settings(project_dir, "channels:\n  a: {type: stdout, timout: 3}\n")
    assert "channels.a.timout: unknown field; did you mean 'timeout'?" in run_cli("check").stderr
