"""Generic JSON webhook: the evaluated payload, signed with Standard Webhooks v1 when configured."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any
from urllib.parse import quote

from tracker.channels.http import HttpChannel, StatusRules
from tracker.channels.markdown import markdown_text
from tracker.channels.parts import Part, encode_body
from tracker.config.channels import standard_webhooks_key
from tracker.digest.document import DigestDocument

ENVELOPE = ("digest", "slot", "as_of", "part", "parts")
webhook_secret_key = standard_webhooks_key


def webhook_id(key: str) -> str:
    """The ``webhook-id`` of a delivery key: ASCII (percent-encoded) and without ``.``, which
    separates the id from the timestamp in the signed content."""
    return quote(key, safe="/:_-~").replace(".", "%2E")


def webhook_signature(key: bytes, msg_id: str, timestamp: int, body: bytes) -> str:
    """Standard Webhooks ``v1,<base64 HMAC-SHA256 over "{id}.{timestamp}.{body}">``."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


class WebhookChannel(HttpChannel):
    """POST the digest's JSON payload (plus ``digest``, ``slot``, ``as_of``, ``part``, ``parts``).

    With a ``secret``, requests carry Standard Webhooks headers: ``webhook-id`` is the delivery
    key (the same on every retry, so the receiver can dedupe), ``webhook-timestamp`` and
    ``webhook-signature`` are made afresh per attempt over exactly the bytes posted.
    """

    type_name = "webhook"
    max_bytes = None  # the receiver's business; the payload is never split
    # Standard Webhooks: 2xx sent; 429 and 5xx throttle (honour Retry-After); 410 means the
    # endpoint is gone; other 4xx and 3xx (redirects are not followed) refuse this message.
    statuses = StatusRules(hints={410: "endpoint gone: disable this channel"})

    def render(self, doc: DigestDocument) -> list[Part]:
        payload = doc.payload
        body: dict[str, Any] = {
            "digest": doc.digest,
            "slot": payload.get("slot"),
            "as_of": payload.get("as_of"),
            "part": 1,
            "parts": 1,
        }
        body.update({k: v for k, v in payload.items() if k not in ENVELOPE})
        return [Part(1, 1, body, preview=markdown_text(doc.title, doc.sections, doc.people))]

    def post(self, part: Part, key: str) -> None:
        raw = encode_body(part.payload)
        headers = self.headers()
        # HTTP headers are ASCII; a digest name in Chinese is percent-encoded (and signed so).
        msg_id = webhook_id(key)
        timestamp = int(self.clock.time())
        # Sent with or without a secret: receivers drop repeats on webhook-id either way.
        headers["webhook-id"] = msg_id
        headers["webhook-timestamp"] = str(timestamp)
        secret = self.secret
        if secret:
            try:
                signing_key = webhook_secret_key(secret)
            except ValueError as exc:
                raise self.error(str(exc), permanent=True) from None
            headers["webhook-signature"] = webhook_signature(signing_key, msg_id, timestamp, raw)
        self.check(self.http_post(raw, headers=headers))
