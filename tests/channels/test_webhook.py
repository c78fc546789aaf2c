"""Generic JSON webhook: the payload plus an envelope, signed with Standard Webhooks v1.

The receiver (``channels.emulators.webhook``) verifies signatures and dedupes on webhook-id.
What every service shares (answers, secrets, parts) is in test_contract.py.
"""

from __future__ import annotations

import base64

import pytest
from pytest_httpserver import HTTPServer
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from werkzeug import Request, Response

from channels.emulators import WEBHOOK_KEY, webhook
from channels.kit import Handler, LiveChannel, first_then, json_of, respond
from tracker.channels import Part
from tracker.digest.document import DigestDocument


def test_body_is_payload_plus_envelope(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("webhook")
    channel.send(channel.render(doc)[0], "weekly/2025-07-07T09:00/hook/1")
    body = json_of(httpserver.log[0][0])
    assert list(body)[:5] == ["digest", "slot", "as_of", "part", "parts"]
    assert (body["slot"], body["as_of"], body["part"], body["parts"]) == (
        "2025-07-07T09:00",
        "2025-06-30",
        1,
        1,
    )
    assert body["goals"][0]["name"] == "地区生产总值"


def test_signature_verifies_with_whsec_secret(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("webhook")
    channel.send(channel.render(doc)[0], "weekly/slot/hook/1")
    ((request, response),) = httpserver.log
    assert response.status_code == 200
    assert request.headers["webhook-id"] == "weekly/slot/hook/1"


def reference_receiver(secret: str) -> Handler:
    """A receiver verifying with the ``standardwebhooks`` reference library."""

    def handler(request: Request) -> Response:
        try:
            Webhook(secret).verify(request.get_data(), dict(request.headers))
        except WebhookVerificationError as exc:
            return respond({"error": str(exc)}, status=401)
        return respond({"ok": True})

    return handler


SECRET_B64 = base64.b64encode(b"a receiver's own 24-byte key").decode()


@pytest.mark.parametrize("secret", [f"whsec_{SECRET_B64}", SECRET_B64], ids=["whsec_", "bare"])
def test_the_reference_library_verifies_the_signature(
    secret: str, live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("webhook", reference_receiver(secret), secret=secret)
    channel.send(channel.render(doc)[0], "weekly/2025-07-07T09:00:00+00:00/hook.v2/1")
    ((request, response),) = httpserver.log
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "." not in request.headers["webhook-id"]


def test_retry_keeps_id_but_signs_afresh(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    busy = respond({"error": "busy"}, 503, **{"Retry-After": "2"})
    channel = live("webhook", first_then(busy, webhook(WEBHOOK_KEY)))
    channel.send(channel.render(doc)[0], "weekly/slot/hook/1")
    (first, _), (second, answer) = httpserver.log
    assert first.headers["webhook-id"] == second.headers["webhook-id"] and answer.status_code == 200
    assert first.headers["webhook-timestamp"] != second.headers["webhook-timestamp"]
    assert first.headers["webhook-signature"] != second.headers["webhook-signature"]


def test_resent_part_is_deduplicated_by_the_receiver(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("webhook")
    stored = channel.render(doc)[0].to_json()
    channel.send(Part.from_json(stored), "weekly/slot/hook/1")
    channel.send(Part.from_json(stored), "weekly/slot/hook/1")
    assert [resp.status_code for _, resp in httpserver.log] == [200, 208]


def test_chinese_key_is_percent_encoded_and_still_verifies(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("webhook")
    channel.send(channel.render(doc)[0], "周报/slot/hook/1")
    request, response = httpserver.log[0]
    assert response.status_code == 200 and request.headers["webhook-id"].startswith("%E5%91%A8")


def test_no_signature_without_a_secret(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("webhook", lambda request: respond({}), secret=None)
    channel.send(channel.render(doc)[0], "weekly/slot/hook/1")
    assert "webhook-signature" not in httpserver.log[0][0].headers
    assert httpserver.log[0][0].headers["webhook-id"] == "weekly/slot/hook/1"
