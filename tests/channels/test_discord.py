"""Discord webhook: embeds per section, ``wait=true`` receipts, the chart as an attachment.

What every service shares (answers, secrets, splitting, mentions) is in test_contract.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from channels.emulators import SERVICES, discord_body
from channels.kit import PNG, LiveChannel, json_of
from tracker.channels import Part, TransportError
from tracker.digest.document import DigestDocument


def test_posts_embeds_per_section_and_waits_for_receipt(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("discord")
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    ((request, response),) = httpserver.log
    assert request.args["wait"] == "true" and response.status_code == 200
    assert request.path.startswith("/api/v10/webhooks/112233445566778899/")
    body = json_of(request)
    assert body["content"] == f"**{doc.title}**"
    assert [e["title"] for e in body["embeds"]] == ["经济", "民生"]


def test_big_digest_respects_embed_limits(
    live: LiveChannel, httpserver: HTTPServer, big_doc: DigestDocument
) -> None:
    channel = live("discord")
    parts = channel.render(big_doc)
    for part in parts:
        channel.send(part, f"weekly/slot/team/{part.number}")
    assert len(parts) >= 3 and all(resp.status_code == 200 for _, resp in httpserver.log)
    assert parts[0].payload["content"] == f"**全省目标进度 (1/{len(parts)})**"


def test_invalid_form_body_is_permanent(
    live: LiveChannel, httpserver: HTTPServer, big_doc: DigestDocument
) -> None:
    channel = live("discord", max_bytes=1_000_000)
    first = channel.render(big_doc)[0].payload
    oversized = Part(1, 1, {**first, "embeds": first["embeds"] * 3})
    with pytest.raises(TransportError, match="Invalid Form Body") as caught:
        channel.send(oversized, "weekly/slot/team/1")
    assert caught.value.permanent and len(httpserver.log) == 1


def test_mention_everyone_only_when_asked(live: LiveChannel, doc: DigestDocument) -> None:
    quiet = live("discord").render(doc)[0].payload
    loud = live("discord", mention_all=True).render(doc)[0].payload
    assert quiet["allowed_mentions"] == {"parse": []}
    assert loud["content"].startswith("@everyone")
    assert loud["allowed_mentions"] == {"parse": ["everyone"]}


def test_chart_goes_as_a_multipart_attachment(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    uploads: list[tuple[dict[str, Any], bytes]] = []
    emulator = SERVICES["discord"].handler()

    def recording(request: Request) -> Response:
        if request.files:
            uploads.append((discord_body(request), request.files["files[0]"].read()))
        return emulator(request)

    channel = live("discord", recording)
    parts = channel.render(replace(doc, image=PNG))
    for part in parts:
        channel.send(part, f"weekly/slot/team/{part.number}")
    assert [(p.kind, p.number, p.total) for p in parts] == [("message", 1, 2), ("image", 2, 2)]
    ((body, data),) = uploads
    assert data == PNG and body["embeds"][0]["image"]["url"] == "attachment://chart.png"
    assert all(response.status_code == 200 for _, response in httpserver.log)
