"""Teams Workflows webhook: an Adaptive Card 1.4, accepted with 202 like a flow trigger.

What every service shares (answers, secrets, splitting, mentions) is in test_contract.py.
"""

from __future__ import annotations

import pydantic
import pytest
from pytest_httpserver import HTTPServer

from channels.kit import LiveChannel, json_of
from tracker.channels import ChannelConfig
from tracker.channels.parts import encode_body
from tracker.digest.document import DigestDocument


def test_adaptive_card_is_accepted(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("teams")
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    ((request, response),) = httpserver.log
    assert response.status_code == 202
    body = json_of(request)["attachments"][0]["content"]["body"]
    assert body[0]["text"] == doc.title and body[0]["weight"] == "Bolder"
    assert all(block["wrap"] for block in body)


def test_cards_are_full_width_and_stay_under_the_silent_drop_size(
    live: LiveChannel, big_doc: DigestDocument
) -> None:
    parts = live("teams").render(big_doc)
    cards = [p.payload["attachments"][0]["content"] for p in parts]
    assert len(parts) > 1 and all(c["msteams"] == {"width": "Full"} for c in cards)
    assert all(len(encode_body(p.payload)) <= 20_000 for p in parts)


def test_retired_connector_urls_are_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match="Workflows"):
        ChannelConfig(type="teams", url="https://contoso.webhook.office.com/webhookb2/abc@def")
