"""A real SMTP server for e-mail tests: aiosmtpd with STARTTLS (a test CA) and AUTH required.

It answers like a mail server does: 530 before STARTTLS, 535 for a wrong password, the reply
configured in ``refuse`` for chosen recipients (550 unknown user, 450 mailbox busy, ...), and
keeps every accepted message parsed as ``email.message.EmailMessage``.
"""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "tracker-bot", "Sm7p-Pa55word-2025"
SENDER = "目标进度机器人 <tracker@example.gov.cn>"
GROUP = "group@example.gov.cn"


@dataclass
class Mailbox:
    """What the server received, and the replies it gives to chosen recipients."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    data_reply: str | None = None

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.data_reply:
            return self.data_reply
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth: Any) -> AuthResult:
    ok = isinstance(auth, LoginPassword) and (auth.login, auth.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SmtpServer:
    """A running server: its port, its mailbox and the CA file clients must trust."""

    port: int
    mailbox: Mailbox
    ca_file: Path
    controller: Controller

    def settings(self, **overrides: Any) -> dict[str, Any]:
        """Channel settings that reach this server with STARTTLS and the right login."""
        base = {
            "host": "127.0.0.1",
            "port": self.port,
            "username": USER,
            "password": PASSWORD,
            "from": SENDER,
            "to": [GROUP],
        }
        return {**base, **overrides}


def start_server(tmp_path: Path) -> SmtpServer:
    ca = trustme.CA()
    ca_file = tmp_path / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticate,
        auth_require_tls=True,
    )
    controller.start()
    return SmtpServer(port, mailbox, ca_file, controller)
