"""Discord webhook against a local server that validates embeds like discord.com."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from channel_kit import FakeClock, MakeChannel, client_logs, json_of, respond
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.channels import Part, TransportError
from tracker.digest.document import DigestDocument

TOKEN = "Zk3JwQpL9xR2vT8mN4bH6cY1dF5gA7sE0uI3oP9qW2eR4tY6uI8oP0aS2dF4gH6jK8"
PATH = f"/api/webhooks/112233445566778899/{TOKEN}"
INVALID = {"code": 50035, "message": "Invalid Form Body"}


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def body_of(request: Request) -> dict[str, Any]:
    """The JSON message: the body itself, or ``payload_json`` of a multipart upload."""
    if request.mimetype == "multipart/form-data":
        data = json.loads(request.form["payload_json"])
        assert isinstance(data, dict)
        return data
    return json_of(request)


def discord(request: Request) -> Response:
    """200 + message object with ``wait=true`` (204 without); 400 on broken limits or on an
    attachment the message does not declare."""
    body = body_of(request)
    declared = {a["filename"] for a in body.get("attachments", [])}
    if {f.filename for f in request.files.values()} != declared:
        return respond(INVALID, status=400)
    embeds = body.get("embeds", [])
    chars = sum(len(e.get("title", "")) + len(e.get("description", "")) for e in embeds)
    if len(body.get("content", "")) > 2000 or len(embeds) > 10 or chars > 6000:
        return respond(INVALID, status=400)
    if any(len(e.get("description", "")) > 4096 for e in embeds):
        return respond(INVALID, status=400)
    if request.args.get("wait") != "true":
        return Response(status=204)
    return respond({"id": "1300000000000000000", "content": body.get("content", "")})


@pytest.fixture
def url(httpserver: HTTPServer) -> str:
    httpserver.expect_request(PATH, method="POST").respond_with_handler(discord)
    return httpserver.url_for(PATH)


def test_posts_embeds_per_section_and_waits_for_receipt(
    url: str, make: MakeChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = make("discord", url=url)
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    ((request, response),) = httpserver.log
    assert request.args["wait"] == "true" and response.status_code == 200
    body = json_of(request)
    assert body["content"] == f"**{doc.title}**"
    assert [e["title"] for e in body["embeds"]] == ["经济", "民生"]


def test_unknown_webhook_is_permanent_and_masked(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    httpserver.expect_request(PATH).respond_with_json(
        {"message": "Unknown Webhook", "code": 10015}, status=404
    )
    channel = make("discord", url=httpserver.url_for(PATH))
    with pytest.raises(TransportError, match="Unknown Webhook") as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert caught.value.permanent and len(httpserver.log) == 1
    assert TOKEN not in str(caught.value) + client_logs(caplog.records)


def test_429_honours_json_retry_after(
    httpserver: HTTPServer, make: MakeChannel, clock: FakeClock, doc: DigestDocument
) -> None:
    limited = respond(
        {"message": "You are being rate limited.", "retry_after": 1.5, "global": False}, 429
    )
    answers = iter([limited])
    httpserver.expect_request(PATH).respond_with_handler(
        lambda r: next(answers, None) or discord(r)
    )
    channel = make("discord", url=httpserver.url_for(PATH))
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert len(httpserver.log) == 2 and clock.sleeps[0] >= 1.5


def test_big_digest_respects_embed_limits(
    url: str, make: MakeChannel, httpserver: HTTPServer, big_doc: DigestDocument
) -> None:
    channel = make("discord", url=url)
    parts = channel.render(big_doc)
    for part in parts:
        channel.send(part, f"weekly/slot/team/{part.number}")
    assert len(parts) >= 3 and all(resp.status_code == 200 for _, resp in httpserver.log)
    assert parts[0].payload["content"] == f"**全省目标进度 (1/{len(parts)})**"


def test_invalid_form_body_is_permanent(
    httpserver: HTTPServer, make: MakeChannel, big_doc: DigestDocument
) -> None:
    httpserver.expect_request(PATH).respond_with_handler(discord)
    channel = make("discord", url=httpserver.url_for(PATH), max_bytes=1_000_000)
    first = channel.render(big_doc)[0].payload
    oversized = Part(1, 1, {**first, "embeds": first["embeds"] * 3})
    with pytest.raises(TransportError, match="Invalid Form Body") as caught:
        channel.send(oversized, "weekly/slot/team/1")
    assert caught.value.permanent and len(httpserver.log) == 1


def test_mention_everyone_only_when_asked(url: str, make: MakeChannel, doc: DigestDocument) -> None:
    quiet = make("discord", url=url).render(doc)[0].payload
    loud = make("discord", url=url, mention_all=True).render(doc)[0].payload
    assert quiet["allowed_mentions"] == {"parse": []}
    assert loud["content"].startswith("@everyone") and loud["allowed_mentions"] == {
        "parse": ["everyone"]
    }


def test_chart_goes_as_a_multipart_attachment(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument
) -> None:
    uploads: list[tuple[dict[str, Any], bytes]] = []

    def recording(request: Request) -> Response:
        if request.files:
            uploads.append((body_of(request), request.files["files[0]"].read()))
        return discord(request)

    httpserver.expect_request(PATH, method="POST").respond_with_handler(recording)
    channel = make("discord", url=httpserver.url_for(PATH))
    parts = channel.render(DigestDocument(**{**doc.__dict__, "image": PNG}))
    for part in parts:
        channel.send(part, f"weekly/slot/team/{part.number}")
    assert [(p.kind, p.number, p.total) for p in parts] == [("message", 1, 2), ("image", 2, 2)]
    ((body, data),) = uploads
    assert data == PNG and body["embeds"][0]["image"]["url"] == "attachment://chart.png"
    assert all(response.status_code == 200 for _, response in httpserver.log)
