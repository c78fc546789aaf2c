"""E-mail through a real SMTP server in the test (aiosmtpd: STARTTLS with a test CA, AUTH).

What every channel shares (parts, numbering, round trips) is in test_contract.py.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from channels.kit import PNG, LiveChannel
from channels.smtp import GROUP, PASSWORD, SmtpServer
from tracker.channels import Channel, TransportError
from tracker.digest.document import DigestDocument

KEY = "weekly/2025-07-07T09:00:00+00:00/mail/1"


def deliver(channel: Channel, doc: DigestDocument) -> None:
    for part in channel.render(doc):
        channel.send(part, KEY)


def failure(channel: Channel, doc: DigestDocument) -> TransportError:
    with pytest.raises(TransportError) as caught:
        channel.post(channel.render(doc)[0], KEY)
    return caught.value


def test_message_is_multipart_with_an_encoded_chinese_subject(
    any_channel: LiveChannel, smtp_server: SmtpServer, doc: DigestDocument
) -> None:
    deliver(any_channel("email"), doc)
    (message,) = smtp_server.mailbox.messages
    assert message["Subject"] == doc.title and "=?utf-8?" in message.as_string()
    assert message["From"].addresses[0].display_name == "目标进度机器人"
    assert message.get_content_type() == "multipart/alternative"
    plain, rich = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and "地区生产总值" in plain.get_content()
    assert rich is not None and "<strong>地区生产总值</strong>" in rich.get_content()


def test_chart_is_inline_in_the_html(
    any_channel: LiveChannel, smtp_server: SmtpServer, doc: DigestDocument
) -> None:
    deliver(any_channel("email"), replace(doc, image=PNG))
    (message,) = smtp_server.mailbox.messages
    related = next(p for p in message.walk() if p.get_content_type() == "multipart/related")
    html, image = related.iter_parts()
    assert 'src="cid:chart@tracker"' in html.get_content()
    assert image["Content-ID"] == "<chart@tracker>" and image.get_content() == PNG


def test_owners_named_by_the_digest_are_copied(
    any_channel: LiveChannel, smtp_server: SmtpServer, owned_doc: DigestDocument
) -> None:
    deliver(any_channel("email"), owned_doc)
    (message,) = smtp_server.mailbox.messages
    assert [(a.display_name, a.addr_spec) for a in message["Cc"].addresses] == [
        ("张伟", "zhang.wei@example.gov.cn"),
        ("李娜", "li.na@example.gov.cn"),
    ]
    ((_, recipients),) = smtp_server.mailbox.envelopes
    assert recipients == [GROUP, "zhang.wei@example.gov.cn", "li.na@example.gov.cn"]


def test_message_id_is_the_same_for_the_same_delivery(
    any_channel: LiveChannel, smtp_server: SmtpServer, doc: DigestDocument
) -> None:
    channel = any_channel("email")
    deliver(channel, doc)
    deliver(channel, doc)
    first, second = smtp_server.mailbox.messages
    assert first["Message-ID"] == second["Message-ID"] and first["Message-ID"].endswith(
        "@example.gov.cn>"
    )


def test_wrong_password_is_permanent_and_never_shown(
    any_channel: LiveChannel,
    smtp_server: SmtpServer,
    doc: DigestDocument,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    error = failure(any_channel("email", password="Wr0ng-Pa55word-x"), doc)
    assert error.permanent and "535" in str(error)
    assert "Wr0ng-Pa55word-x" not in str(error) + caplog.text and PASSWORD not in caplog.text


def test_without_starttls_the_server_offers_no_login(
    any_channel: LiveChannel, smtp_server: SmtpServer, doc: DigestDocument
) -> None:
    error = failure(any_channel("email", starttls=False), doc)
    assert error.permanent and "AUTH" in str(error) and "keep starttls on" in str(error)


def test_without_login_the_server_wants_starttls_first(
    any_channel: LiveChannel, smtp_server: SmtpServer, doc: DigestDocument
) -> None:
    error = failure(any_channel("email", starttls=False, username=None, password=None), doc)
    assert error.permanent and "530" in str(error)


def test_a_4xx_reply_is_retried(
    any_channel: LiveChannel, smtp_server: SmtpServer, doc: DigestDocument
) -> None:
    smtp_server.mailbox.data_reply = "451 4.3.0 Mail server temporarily rejected message"
    error = failure(any_channel("email"), doc)
    assert not error.permanent and "451 4.3.0" in str(error)


def test_every_recipient_busy_is_retried(
    any_channel: LiveChannel, smtp_server: SmtpServer, doc: DigestDocument
) -> None:
    smtp_server.mailbox.refuse[GROUP] = "450 4.2.1 Mailbox busy, try again later"
    error = failure(any_channel("email"), doc)
    assert not error.permanent and f"{GROUP}: 450 4.2.1" in str(error)


def test_a_refused_copy_is_reported_per_address_and_not_resent(
    any_channel: LiveChannel, smtp_server: SmtpServer, doc: DigestDocument
) -> None:
    smtp_server.mailbox.refuse["gone@example.gov.cn"] = "550 5.1.1 User unknown"
    channel = any_channel("email", cc=["gone@example.gov.cn", "ok@example.gov.cn"])
    with pytest.raises(TransportError) as caught:
        channel.send(channel.render(doc)[0], KEY)
    assert caught.value.permanent and len(smtp_server.mailbox.messages) == 1
    assert "delivered to 2 recipient(s); refused gone@example.gov.cn: 550 5.1.1" in str(
        caught.value
    )


def test_goal_names_are_html_escaped(
    any_channel: LiveChannel, smtp_server: SmtpServer, hostile_doc: DigestDocument
) -> None:
    deliver(any_channel("email"), hostile_doc)
    (message,) = smtp_server.mailbox.messages
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert 'href="javascript' not in html and "<at>" not in html
