"""Teams Workflows webhook against a local server that answers 202 like a flow trigger."""

from __future__ import annotations

import logging

import pydantic
import pytest
from channel_kit import FakeClock, MakeChannel, client_logs, json_of, respond
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.channels import ChannelConfig, TransportError
from tracker.digest.document import DigestDocument

PATH = "/workflows/0a1b2c3d4e5f/triggers/manual/paths/invoke"
SIG = "q1W2e3R4t5Y6u7I8o9P0aSdFgHjKlZxCvBnM"
QUERY = f"?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={SIG}"


def teams(request: Request) -> Response:
    """401 on a bad ``sig``, 413 over 28 KB, otherwise 202 with an empty body."""
    if request.args.get("sig") != SIG:
        return respond({"error": {"code": "DirectApiAuthorizationRequired"}}, status=401)
    if len(request.get_data()) > 28 * 1024:
        return respond({"error": {"code": "RequestEntityTooLarge"}}, status=413)
    card = json_of(request)["attachments"][0]["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    return Response(status=202)


@pytest.fixture
def url(httpserver: HTTPServer) -> str:
    httpserver.expect_request(PATH, method="POST").respond_with_handler(teams)
    return httpserver.url_for(PATH) + QUERY


def test_adaptive_card_is_accepted(
    url: str, make: MakeChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = make("teams", url=url)
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    ((request, response),) = httpserver.log
    assert response.status_code == 202
    body = json_of(request)["attachments"][0]["content"]["body"]
    assert body[0]["text"] == doc.title and body[0]["weight"] == "Bolder"
    assert all(block["wrap"] for block in body)


def test_big_digest_is_split_under_26_kb(
    url: str, make: MakeChannel, httpserver: HTTPServer, big_doc: DigestDocument
) -> None:
    channel = make("teams", url=url)
    parts = channel.render(big_doc)
    for part in parts:
        channel.send(part, f"weekly/slot/team/{part.number}")
    assert len(parts) >= 2 and all(len(req.get_data()) <= 26_000 for req, _ in httpserver.log)
    assert all(resp.status_code == 202 for _, resp in httpserver.log)


def test_throttling_is_retried(
    httpserver: HTTPServer, make: MakeChannel, clock: FakeClock, doc: DigestDocument
) -> None:
    answers = iter([respond({"error": {"code": "TooManyRequests"}}, 429, **{"Retry-After": "2"})])
    httpserver.expect_request(PATH).respond_with_handler(lambda r: next(answers, None) or teams(r))
    channel = make("teams", url=httpserver.url_for(PATH) + QUERY)
    channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert len(httpserver.log) == 2 and clock.sleeps[0] >= 2


def test_bad_signature_is_permanent_and_masked(
    httpserver: HTTPServer, make: MakeChannel, doc: DigestDocument, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    httpserver.expect_request(PATH).respond_with_handler(teams)
    channel = make("teams", url=httpserver.url_for(PATH) + QUERY.replace(SIG, "WRONGSIG999"))
    with pytest.raises(TransportError, match="401") as caught:
        channel.send(channel.render(doc)[0], "weekly/slot/team/1")
    assert caught.value.permanent and len(httpserver.log) == 1
    assert "WRONGSIG999" not in str(caught.value) + client_logs(caplog.records)


def test_retired_connector_urls_are_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match="Workflows"):
        ChannelConfig(type="teams", url="https://contoso.webhook.office.com/webhookb2/abc@def")
