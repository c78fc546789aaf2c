"""Apprise: the long tail of services, tested through Apprise's ``json://`` against the local
server. What every channel shares is in test_contract.py."""

from __future__ import annotations

import logging

import pytest
from pytest_httpserver import HTTPServer

from channels.kit import MakeChannel, json_of, respond
from tracker.channels import TransportError
from tracker.digest.document import DigestDocument


def test_notification_is_received_as_markdown(
    make: MakeChannel, apprise_url: str, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = make("apprise", url=apprise_url)
    channel.send(channel.render(doc)[0], "weekly/slot/push/1")
    ((request, response),) = httpserver.log
    body = json_of(request)
    assert response.status_code == 200 and body["title"] == doc.title
    assert body["message"].startswith("### 经济\n- **地区生产总值**")


def test_a_refused_notification_is_retried_and_names_no_token(
    make: MakeChannel,
    httpserver: HTTPServer,
    doc: DigestDocument,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    httpserver.expect_request("/push").respond_with_handler(lambda r: respond("busy", 503))
    url = f"json://{httpserver.host}:{httpserver.port}/push?token=T0ken-Secr3t-Value-42"
    channel = make("apprise", url=url)
    with pytest.raises(TransportError) as caught:
        channel.post(channel.render(doc)[0], "weekly/slot/push/1")
    assert not caught.value.permanent and "503" in str(caught.value)
    assert "T0ken-Secr3t" not in str(caught.value) + caplog.text


def test_an_unknown_apprise_url_is_a_permanent_error(
    make: MakeChannel, doc: DigestDocument
) -> None:
    channel = make("apprise", url="nosuchservice://whatever")
    with pytest.raises(TransportError, match="Apprise does not know") as caught:
        channel.post(channel.render(doc)[0], "weekly/slot/push/1")
    assert caught.value.permanent
