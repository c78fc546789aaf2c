"""`tracker retry`, and the exit codes and --json of the commands that deliver."""

from __future__ import annotations

import json

from werkzeug import Response

from delivery.kit import WECOM_KEY


def wecom_answers(httpserver, *answers):
    queue = list(answers)

    def handler(request):
        code = queue.pop(0) if len(queue) > 1 else queue[0]
        return Response(json.dumps({"errcode": code, "errmsg": "invalid webhook url"}))

    httpserver.expect_request("/cgi-bin/webhook/send").respond_with_handler(handler)
    httpserver.expect_request("/hook").respond_with_data("", status=204)


def test_retry_failed_delivers_once_the_key_is_fixed(delivery_project, cli, httpserver):
    wecom_answers(httpserver, 93000, 0)  # the key was wrong, then fixed
    assert cli("digest", "send", "pair").exit_code == 1
    result = cli("retry", "--failed")
    assert result.exit_code == 0 and result.stdout.strip() == "sent: wecom part 1/1"
    assert cli("retry").stdout.strip() == "nothing to send"


def test_retry_leaves_failed_parts_alone_without_failed(delivery_project, cli, httpserver):
    wecom_answers(httpserver, 93000, 0)
    cli("digest", "send", "pair")
    assert cli("retry", "--channel", "wecom").stdout.strip() == "nothing to send"


def test_send_exits_75_while_a_part_waits_for_its_next_attempt(delivery_project, cli, httpserver):
    httpserver.expect_request("/hook").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "120"}
    )
    result = cli("digest", "send", "weekly", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 75 and data["exit_code"] == 75
    (part,) = data["parts"]
    assert (part["status"], part["channel"], part["as_of"]) == ("pending", "hook", part["as_of"])
    assert part["next_attempt"].endswith("+08:00") and "429" in part["error"]


def test_send_json_counts_every_status(delivery_project, cli, httpserver):
    wecom_answers(httpserver, 93000)
    data = json.loads(cli("digest", "send", "pair", "--json").stdout)
    assert data["counts"] == {"sent": 1, "pending": 0, "failed": 1, "uncertain": 0, "expired": 0}
    assert WECOM_KEY not in json.dumps(data)


def test_retry_refuses_an_unknown_channel(delivery_project, cli):
    result = cli("retry", "--channel", "wecon")
    assert result.exit_code == 1 and "unknown channel 'wecon'" in result.stderr
