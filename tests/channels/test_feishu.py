"""Feishu and Lark bots: signed cards, checked by a local server like open.feishu.cn.

What every service shares (answers, secrets, splitting, mentions) is in test_contract.py.
"""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from channels.kit import LiveChannel, json_of, respond
from tracker.channels import TransportError
from tracker.digest.document import DigestDocument, Section


def test_signed_card_is_accepted(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("feishu")
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    ((request, response),) = httpserver.log
    assert response.get_json()["code"] == 0
    card = json_of(request)["card"]
    assert card["header"]["title"]["content"] == doc.title
    assert card["elements"][0]["content"].startswith("**经济**")


def test_unsigned_without_a_secret(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live(
        "feishu",
        lambda request: respond({"StatusCode": 0, "StatusMessage": "success"}),
        secret=None,
    )
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert "timestamp" not in json_of(httpserver.log[0][0])


def test_bad_request_9499_is_permanent(
    live: LiveChannel, httpserver: HTTPServer, big_doc: DigestDocument
) -> None:
    channel = live("feishu")
    channel.max_bytes = 100_000  # config cannot raise the limit; force a body the service refuses
    with pytest.raises(TransportError, match="9499") as caught:
        channel.send(channel.render(big_doc)[0], "weekly/slot/team/1")
    assert caught.value.permanent and len(httpserver.log) == 1


def test_headings_become_bold_and_mention_goes_first(live: LiveChannel) -> None:
    doc = DigestDocument("d", "目标", "zh", (Section(None, ("### 小结", "正文")),))
    elements = live("feishu", mention_all=True).render(doc)[0].payload["card"]["elements"]
    assert elements[0]["content"] == "<at id=all></at>"
    assert "**小结**\n正文" in elements[-1]["content"]
