"""Generic JSON webhook against a local receiver that verifies Standard Webhooks signatures."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable

import pytest
from channel_kit import FakeClock, MakeChannel, json_of, respond
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.channels import Part, TransportError
from tracker.digest.document import DigestDocument

PATH = "/hooks/tracker"
KEY_BYTES = b"0123456789abcdef0123456789abcdef"
SECRET = "whsec_" + base64.b64encode(KEY_BYTES).decode()


def verifier(key: bytes, seen: set[str]) -> Callable[[Request], Response]:
    """A receiver as the spec asks: ±5 min tolerance, constant-time compare, dedupe on id."""

    def handler(request: Request) -> Response:
        msg_id = request.headers.get("webhook-id", "")
        timestamp = request.headers.get("webhook-timestamp", "")
        if not timestamp.isdigit() or abs(int(timestamp) - time.time()) > 300:
            return respond({"error": "stale timestamp"}, status=400)
        signed = f"{msg_id}.{timestamp}.".encode() + request.get_data()
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        offered = [
            s.partition(",")[2] for s in request.headers.get("webhook-signature", "").split()
        ]
        if not any(hmac.compare_digest(expected, sig) for sig in offered):
            return respond({"error": "bad signature"}, status=401)
        status = 200 if msg_id not in seen else 208  # a duplicate is acknowledged, not re-applied
        seen.add(msg_id)
        return respond({"ok": True}, status=status)

    return handler


@pytest.fixture
def seen() -> set[str]:
    return set()


@pytest.fixture
def url(httpserver: HTTPServer, seen: set[str]) -> str:
    httpserver.expect_request(PATH, method="POST").respond_with_handler(verifier(KEY_BYTES, seen))
    return httpserver.url_for(PATH)


def test_body_is_payload_plus_envelope(
    url: str, make: MakeChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = make("webhook", url=url, secret=SECRET)
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
    url: str, make: MakeChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = make("webhook", url=url, secret=SECRET)
    channel.send(channel.render(doc)[0], "weekly/slot/hook/1")
    ((request, response),) = httpserver.log
    assert response.status_code == 200
    assert request.headers["webhook-id"] == "weekly/slot/hook/1"


def test_secret_without_prefix_is_used_as_raw_bytes(
    httpserver: HTTPServer, make: MakeChannel, seen: set[str], doc: DigestDocument
) -> None:
    httpserver.expect_request(PATH).respond_with_handler(verifier(b"plain-shared-secret", seen))
    channel = make("webhook", url=httpserver.url_for(PATH), secret="plain-shared-secret")
    channel.send(channel.render(doc)[0], "weekly/slot/hook/1")
    assert httpserver.log[0][1].status_code == 200


def test_retry_keeps_id_but_signs_afresh(
    httpserver: HTTPServer, make: MakeChannel, seen: set[str], doc: DigestDocument
) -> None:
    answers = iter([respond({"error": "busy"}, 503, **{"Retry-After": "2"})])
    check = verifier(KEY_BYTES, seen)
    httpserver.expect_request(PATH).respond_with_handler(lambda r: next(answers, None) or check(r))
    channel = make("webhook", url=httpserver.url_for(PATH), secret=SECRET)
    channel.send(channel.render(doc)[0], "weekly/slot/hook/1")
    (first, _), (second, answer) = httpserver.log
    assert first.headers["webhook-id"] == second.headers["webhook-id"] and answer.status_code == 200
    assert first.headers["webhook-timestamp"] != second.headers["webhook-timestamp"]
    assert first.headers["webhook-signature"] != second.headers["webhook-signature"]


def test_resent_part_is_deduplicated_by_the_receiver(
    url: str, make: MakeChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = make("webhook", url=url, secret=SECRET)
    stored = channel.render(doc)[0].to_json()
    channel.send(Part.from_json(stored), "weekly/slot/hook/1")
    channel.send(Part.from_json(stored), "weekly/slot/hook/1")
    assert [resp.status_code for _, resp in httpserver.log] == [200, 208]


def test_chinese_key_is_percent_encoded_and_still_verifies(
    url: str, make: MakeChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = make("webhook", url=url, secret=SECRET)
    channel.send(channel.render(doc)[0], "周报/slot/hook/1")
    request, response = httpserver.log[0]
    assert response.status_code == 200 and request.headers["webhook-id"].startswith("%E5%91%A8")


@pytest.mark.parametrize(
    ("status", "permanent"), [(410, True), (400, True), (302, True), (502, False), (504, False)]
)
def test_status_classification(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument, status: int, permanent: bool
) -> None:
    httpserver.expect_request(PATH).respond_with_data(
        "no", status=status, headers={"Location": "/elsewhere"}
    )
    channel = make("webhook", url=httpserver.url_for(PATH))
    with pytest.raises(TransportError) as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/hook/1", deadline_seconds=0)
    assert caught.value.permanent is permanent and len(httpserver.log) == 1


def test_429_retry_after_is_honoured(
    httpserver: HTTPServer, make: MakeChannel, clock: FakeClock, doc: DigestDocument
) -> None:
    answers = iter([respond({"error": "slow down"}, 429, **{"Retry-After": "5"})])
    httpserver.expect_request(PATH).respond_with_handler(
        lambda r: next(answers, None) or respond({})
    )
    channel = make("webhook", url=httpserver.url_for(PATH))
    channel.send(channel.render(doc)[0], "weekly/slot/hook/1")
    assert clock.sleeps[0] >= 5 and len(httpserver.log) == 2
    assert "webhook-signature" not in httpserver.log[0][0].headers  # no secret, no signing
