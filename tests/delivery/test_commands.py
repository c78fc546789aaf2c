"""`tracker digest show|send` and `tracker status` as users run them."""

from __future__ import annotations

import json

from delivery.kit import WECOM_KEY, WHSEC


def test_show_prints_the_digest_and_sends_nothing(delivery_project, cli, httpserver):
    result = cli("digest", "show", "weekly", "--as-of", "2025-10-20")
    assert result.exit_code == 0
    assert result.stdout.startswith("## 目标进度简报 · 2025-10-20")
    assert httpserver.log == []


def test_show_with_channel_prints_the_exact_body(delivery_project, cli):
    result = cli("digest", "show", "pair", "--channel", "wecom", "--as-of", "2025-10-20")
    body = json.loads(result.stdout)
    assert body["msgtype"] == "markdown"
    assert "示范区" in body["markdown"]["content"]


def test_send_exits_0_when_every_part_was_delivered(delivery_project, cli, httpserver):
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    result = cli("digest", "send", "weekly", "--as-of", "2025-10-20")
    assert result.exit_code == 0
    assert result.stdout.strip() == "sent: hook part 1/1"


def test_send_exits_1_with_a_line_per_failure(delivery_project, cli, httpserver):
    httpserver.expect_request("/cgi-bin/webhook/send").respond_with_json(
        {"errcode": 93000, "errmsg": "invalid webhook url"}
    )
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    result = cli("digest", "send", "pair")
    assert result.exit_code == 1
    assert "failed: wecom part 1/1: " in result.stderr and "93000" in result.stderr
    assert WECOM_KEY not in result.stderr + result.stdout


def test_status_lists_deliveries_and_next_run(delivery_project, cli, httpserver):
    httpserver.expect_request("/cgi-bin/webhook/send").respond_with_json(
        {"errcode": 93000, "errmsg": "invalid webhook url"}
    )
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    cli("digest", "send", "pair")
    data = json.loads(cli("status", "--json").stdout)
    digests = {d["digest"]: d for d in data["digests"]}
    assert digests["weekly"]["next"].endswith("T09:00:00+08:00")
    statuses = {(r["channel"], r["status"]) for r in digests["pair"]["deliveries"]}
    assert statuses == {("wecom", "failed"), ("hook", "sent")}
    assert "93000" in next(r["error"] for r in digests["pair"]["deliveries"] if r["error"])


def test_unknown_digest_is_a_clear_error(delivery_project, cli):
    result = cli("digest", "send", "montly")
    assert result.exit_code == 1
    assert (
        "unknown digest 'montly' (known: weekly, weekly-en, pair, town, nothing, robot"
        in result.stderr
    )


def test_replaying_an_earlier_day_ignores_digests_delivered_for_later_days(
    delivery_project, cli, httpserver
):
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    cli("digest", "send", "weekly", "--as-of", "2025-10-20")
    result = cli("digest", "show", "weekly", "--as-of", "2025-07-31")
    assert "### 本期变化" not in result.stdout  # nothing earlier was delivered to compare with


def test_a_back_dated_send_does_not_pose_as_the_latest_digest(delivery_project, cli, httpserver):
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    cli("digest", "send", "weekly", "--as-of", "2025-10-20")
    cli("digest", "send", "weekly", "--as-of", "2025-07-31")
    result = cli("digest", "show", "weekly", "--as-of", "2025-10-20")
    assert "自上期简报以来没有新数据。" in result.stdout


def unset_secrets(configure, monkeypatch):
    """The config names its secrets as ${VAR}s that this shell does not set."""
    monkeypatch.delenv("HOOK_SECRET", raising=False)
    monkeypatch.delenv("WECOM_KEY", raising=False)
    path = configure().config_dir / "tracker.yaml"
    text = path.read_text().replace(WHSEC, "${HOOK_SECRET}").replace(WECOM_KEY, "${WECOM_KEY}")
    path.write_text(text)


def test_status_and_show_need_no_webhook_secrets(configure, monkeypatch, cli):
    unset_secrets(configure, monkeypatch)
    assert cli("status").exit_code == 0
    assert cli("digest", "show", "pair", "--as-of", "2025-10-20").exit_code == 0
    shown = cli("digest", "show", "pair", "--channel", "wecom", "--as-of", "2025-10-20")
    assert json.loads(shown.stdout)["msgtype"] == "markdown"


def test_reading_commands_need_no_webhook_secrets(configure, monkeypatch, cli, tmp_path):
    unset_secrets(configure, monkeypatch)
    report = ["report", "--out", str(tmp_path / "site"), "--as-of", "2025-10-20"]
    for command in (["goals"], ["evaluate", "--as-of", "2025-10-20"], report):
        assert cli(*command).exit_code == 0, command


def test_sending_still_needs_them(configure, monkeypatch, cli):
    unset_secrets(configure, monkeypatch)
    result = cli("digest", "send", "pair")
    assert result.exit_code == 1 and "environment variable WECOM_KEY is not set" in result.stderr


def test_status_shows_as_of_and_local_times_with_offsets(delivery_project, cli, httpserver):
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    cli("digest", "send", "weekly", "--as-of", "2025-07-31")
    (row,) = json.loads(cli("status", "--json").stdout)["digests"][0]["deliveries"]
    assert row["as_of"] == "2025-07-31"
    assert row["slot"].endswith("+08:00") and row["sent_at"].endswith("+08:00")
    assert "2025-07-31" in cli("status").stdout
