"""`tracker digest show|send` and `tracker status` as users run them."""

from __future__ import annotations

import json

from delivery.kit import WECOM_KEY


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
        "unknown digest 'montly' (known: weekly, weekly-en, pair, town, nothing)" in result.stderr
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
