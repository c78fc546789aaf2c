"""E-mail through SMTP (``smtplib``): one multipart message per part, plain text and HTML.

Both bodies come from the same digest part; with ``chart: true`` the PNG is shown inline in the
HTML (``multipart/related``). Headers are encoded by ``email.message.EmailMessage`` (RFC 2047
for Chinese subjects and names). SMTP replies decide the outcome: 4xx is retried, 5xx is
permanent, and a message accepted for some recipients but refused for others is reported per
refused address (and not re-sent to those who got it).
"""

from __future__ import annotations

import base64
import email.policy
import hashlib
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, getaddresses
from typing import TYPE_CHECKING

from tracker.channels.base import Channel, TransportError
from tracker.channels.mail_body import CHART_CID, html_body, plain_body, with_chart
from tracker.channels.parts import Body, Part, People
from tracker.digest.document import DigestDocument, Section

if TYPE_CHECKING:
    pass

SMTP_PORT, SMTPS_PORT = 587, 465


def transient(code: int) -> bool:
    """SMTP replies 4xx are temporary; 5xx (and anything unexpected) are not."""
    return 400 <= code < 500


def unsupported_hint(exc: smtplib.SMTPNotSupportedError) -> str:
    if "STARTTLS" in str(exc):
        return " (set ssl: true for port 465, or starttls: false for a plain relay)"
    if "AUTH" in str(exc):
        return " (servers offer login only over TLS: keep starttls on, or set ssl: true)"
    return ""


def reply_text(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    return f"{code} {' '.join(text.split())}"


class EmailChannel(Channel):
    """SMTP with STARTTLS (default, port 587) or implicit TLS (``ssl: true``, port 465), login
    when ``username`` is set. Owners mentioned by a part are added to its ``Cc``."""

    type_name = "email"
    max_bytes = None  # one message per digest unless `max_bytes` asks for parts

    @property
    def display_url(self) -> str:
        port = self.config.port or (SMTPS_PORT if self.config.ssl else SMTP_PORT)
        return f"smtp://{self.config.host}:{port}"

    def _collect_secrets(self) -> list[str]:
        hidden = super()._collect_secrets()
        if self.config.password and len(self.config.password.get_secret_value()) >= 4:
            hidden.append(self.config.password.get_secret_value())
        return sorted(set(hidden), key=len, reverse=True)

    # -- rendering -----------------------------------------------------------------------------

    def body(self, title: str, sections: Sequence[Section], mention: bool, people: People) -> Body:
        text, named = plain_body(title, sections, people)
        return {
            "subject": title,
            "text": text,
            "html": html_body(title, sections, people),
            "cc": [{"name": p.name, "email": p.email} for p in named if p.email],
        }

    def render(self, doc: DigestDocument) -> list[Part]:
        parts = self.split(doc, self.body)
        if doc.image is None or not parts:
            return parts
        # The chart goes inline in the first message, not as a message of its own.
        first = parts[0]
        payload = {
            **first.payload,
            "html": with_chart(first.payload["html"], doc.title),
            # Like Discord's file: `digest show` summarises a "base64" value instead of printing it.
            "chart": {"content_type": "image/png", "base64": base64.b64encode(doc.image).decode()},
        }
        return [Part(first.number, first.total, payload, preview=first.preview), *parts[1:]]

    # -- sending -------------------------------------------------------------------------------

    def message(self, part: Part, key: str) -> EmailMessage:
        """The MIME message of ``part``; its Message-ID is derived from the delivery key, so a
        repeated delivery is recognisable as the same message."""
        payload = part.payload
        message = EmailMessage(policy=email.policy.SMTP)
        message["Subject"] = payload["subject"]
        message["From"] = self.config.sender or ""
        message["To"] = ", ".join(self.config.to)
        cc = [
            *self.config.cc,
            *(str(Address(c["name"] or "", addr_spec=c["email"])) for c in payload.get("cc", [])),
        ]
        if cc:
            message["Cc"] = ", ".join(dict.fromkeys(cc))
        message["Date"] = formatdate(self.clock.time(), usegmt=True)  # unambiguous anywhere
        domain = (getaddresses([self.config.sender or ""])[0][1].rpartition("@")[2]) or "tracker"
        message["Message-ID"] = f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"
        message.set_content(payload["text"])
        message.add_alternative(payload["html"], subtype="html")
        if payload.get("chart"):
            html_part = message.get_body(("html",))
            assert isinstance(html_part, EmailMessage)
            html_part.add_related(
                base64.b64decode(payload["chart"]["base64"]),
                maintype="image",
                subtype="png",
                cid=f"<{CHART_CID}>",
                filename="chart.png",
            )
        return message

    def recipients(self, message: EmailMessage) -> list[str]:
        fields = [str(v) for name in ("To", "Cc") for v in message.get_all(name, [])]
        return list(dict.fromkeys(addr for _, addr in getaddresses(fields) if addr))

    def post(self, part: Part, key: str) -> None:
        message = self.message(part, key)
        to = self.recipients(message)
        try:
            with self.connect() as smtp:
                refused = smtp.send_message(message, to_addrs=to)
        except smtplib.SMTPRecipientsRefused as exc:
            raise self.refused(exc.recipients, delivered=0) from None
        except smtplib.SMTPResponseException as exc:
            detail = f"{reply_text(exc.smtp_code, exc.smtp_error)} from {self.display_url}"
            raise self.error(detail, permanent=not transient(exc.smtp_code)) from None
        except smtplib.SMTPNotSupportedError as exc:
            raise self.error(
                f"{exc} at {self.display_url}{unsupported_hint(exc)}", permanent=True
            ) from None
        except ssl.SSLCertVerificationError as exc:
            detail = f"TLS certificate of {self.display_url} not trusted: {exc.verify_message}"
            raise self.error(detail, permanent=True) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise self.error(
                f"{type(exc).__name__} talking to {self.display_url}", permanent=False
            ) from None
        if refused:
            raise self.refused(refused, delivered=len(to) - len(refused))

    def refused(
        self, refused: Mapping[str, tuple[int, bytes]], *, delivered: int
    ) -> TransportError:
        """One error naming every refused address with the server's reply."""
        each = "; ".join(f"{addr}: {reply_text(*reply)}" for addr, reply in refused.items())
        if delivered:
            # Re-sending would repeat the message to those who got it: report, do not retry.
            return self.error(
                f"delivered to {delivered} recipient(s); refused {each}", permanent=True
            )
        retry = all(transient(code) for code, _ in refused.values())
        return self.error(f"every recipient refused: {each}", permanent=not retry)

    def connect(self) -> smtplib.SMTP:
        """A logged-in SMTP session (TLS verified against the system's CAs)."""
        config = self.config
        context = ssl.create_default_context()
        port = config.port or (SMTPS_PORT if config.ssl else SMTP_PORT)
        smtp: smtplib.SMTP
        if config.ssl:
            smtp = smtplib.SMTP_SSL(
                config.host or "", port, timeout=config.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(config.host or "", port, timeout=config.timeout)
        try:
            smtp.ehlo()
            if not config.ssl and config.starttls is not False:
                smtp.starttls(context=context)
                smtp.ehlo()
            if config.username:
                password = config.password.get_secret_value() if config.password else ""
                smtp.login(config.username, password)
        except BaseException:
            smtp.close()
            raise
        return smtp
