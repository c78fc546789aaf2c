"""Channel settings as written in tracker.yaml: validated here, used by tracker.channels."""

from __future__ import annotations

import base64
import binascii
from datetime import timedelta
from typing import Literal
from urllib.parse import urlsplit

import pydantic

from tracker.config.durations import parse_duration
from tracker.secrets import mask_url

ChannelType = Literal[
    "wecom",
    "dingtalk",
    "feishu",
    "lark",
    "slack",
    "discord",
    "teams",
    "webhook",
    "email",
    "apprise",
    "file",
    "stdout",
]
HTTP_TYPES: frozenset[str] = frozenset(
    {"wecom", "dingtalk", "feishu", "lark", "slack", "discord", "teams", "webhook"}
)
URL_TYPES: frozenset[str] = HTTP_TYPES | {"apprise"}
# Types whose receivers take the same part twice harmlessly: a webhook receiver drops repeats by
# ``webhook-id``, a file is rewritten under the same name, stdout is a log. Chat services have
# no idempotency key (a second post is a second message in the group), so a part whose first
# attempt may have arrived is not posted again unless the channel says ``resend_uncertain``.
RESEND_UNCERTAIN_TYPES: frozenset[str] = frozenset({"webhook", "file", "stdout"})
DEFAULT_MAX_DELAY = "24h"

# Services that can @-mention everyone (each channel class declares how; a contract test
# keeps the two in step).
MENTIONING_TYPES: frozenset[str] = frozenset(
    {"wecom", "dingtalk", "feishu", "lark", "slack", "discord"}
)
# Opt-in richer formats per type (the first is the default, which every client renders).
FORMATS: dict[str, tuple[str, ...]] = {
    "wecom": ("markdown", "markdown_v2"),
    "slack": ("mrkdwn", "markdown"),
}
CARDS: dict[str, tuple[str, ...]] = {"feishu": ("v1", "v2"), "lark": ("v1", "v2")}
EMAIL_FIELDS = ("host", "port", "username", "password", "sender", "to", "cc", "starttls", "ssl")


WEBHOOK_SECRET_PREFIX = "whsec_"


def standard_webhooks_key(secret: str) -> bytes:
    """The signing key of a Standard Webhooks secret, decoded as the reference library does.

    The ``whsec_`` prefix is optional; the rest is always base64 (padding added, as the library
    does), never raw bytes: a receiver using the library would reject every other signature.
    """
    encoded = secret.removeprefix(WEBHOOK_SECRET_PREFIX)
    try:
        key = base64.b64decode(encoded + "==")
    except (binascii.Error, ValueError):
        key = b""
    if not key:
        raise ValueError(
            "secret: a Standard Webhooks secret is base64 (optionally after 'whsec_'), "
            "e.g. whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        )
    return key


class ChannelConfig(pydantic.BaseModel):
    """One channel's settings as written in the configuration file.

    ``max_bytes`` and ``per_minute`` override the service's size limit and pacing (handy in tests
    or for a self-hosted receiver); ``path`` is the output folder of the ``file`` channel.
    ``resend_uncertain`` says whether a part whose first attempt may have arrived is posted
    once more (default per type, see :data:`RESEND_UNCERTAIN_TYPES`); ``max_delay`` is how long
    a part is retried after it was recorded before it is reported ``expired``.
    """

    # The input of a failed validation would show the webhook key or secret: never echo it.
    model_config = pydantic.ConfigDict(
        extra="forbid", frozen=True, hide_input_in_errors=True, populate_by_name=True
    )

    type: ChannelType
    url: str | None = None
    secret: pydantic.SecretStr | None = None
    path: str | None = None
    timeout: float = pydantic.Field(default=10.0, gt=0, le=120)
    max_bytes: int | None = pydantic.Field(default=None, ge=256)
    per_minute: int | None = pydantic.Field(default=None, gt=0)
    mention_all: bool = False
    resend_uncertain: bool | None = None
    max_delay: str = DEFAULT_MAX_DELAY

    @property
    def resends_uncertain(self) -> bool:
        """``resend_uncertain``, or the default of this channel's type."""
        if self.resend_uncertain is not None:
            return self.resend_uncertain
        return self.type in RESEND_UNCERTAIN_TYPES

    @property
    def max_delay_delta(self) -> timedelta:
        return parse_duration(self.max_delay)

    @pydantic.field_validator("max_delay")
    @classmethod
    def _check_max_delay(cls, value: str) -> str:
        if parse_duration(value) < timedelta(minutes=1):
            raise ValueError(f"max_delay must be at least 1m, got {value!r}")
        return value

    format: str | None = None
    card: str | None = None
    # type: email (SMTP). `from` in the file; `sender` here because `from` is a Python keyword.
    host: str | None = None
    port: int | None = pydantic.Field(default=None, gt=0, lt=65536)
    username: str | None = None
    password: pydantic.SecretStr | None = None
    sender: str | None = pydantic.Field(default=None, alias="from")
    to: list[str] = []
    cc: list[str] = []
    starttls: bool | None = None
    ssl: bool = False

    @pydantic.field_validator("sender", "to", "cc")
    @classmethod
    def _addresses(cls, value: str | list[str] | None) -> str | list[str] | None:
        from email.utils import getaddresses

        for written in [value] if isinstance(value, str) else value or []:
            found = getaddresses([written])
            if len(found) != 1 or "@" not in found[0][1]:
                raise ValueError(
                    f"expected an e-mail address like 张伟 <zhang.wei@example.cn>, got {written!r}"
                )
        return value

    @pydantic.field_validator("url")
    @classmethod
    def _check_url(cls, value: str | None, info: pydantic.ValidationInfo) -> str | None:
        if value is None:
            return None
        value = value.strip()
        parts = urlsplit(value)
        if info.data.get("type") == "apprise":  # Apprise URLs name their service: tgram://…
            if not parts.scheme or "://" not in value:
                raise ValueError(
                    f"url must be an Apprise URL like ntfy://topic, got {mask_url(value)!r}"
                )
            return value
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"url must be an http(s) address, got {mask_url(value)!r}")
        return value

    @pydantic.model_validator(mode="after")
    def _check_required(self) -> ChannelConfig:
        if self.type in URL_TYPES and not self.url:
            raise ValueError(f"channel type {self.type!r} needs 'url' (the webhook address)")
        secret = self.secret.get_secret_value() if self.secret else ""
        if self.type == "webhook" and secret:
            standard_webhooks_key(secret)
        if self.mention_all and self.type not in MENTIONING_TYPES:
            raise ValueError(
                f"channel type {self.type!r} cannot mention everyone; remove mention_all "
                f"(it works for {', '.join(sorted(MENTIONING_TYPES))})"
            )
        self._check_options()
        if self.type == "file" and not self.path:
            raise ValueError("channel type 'file' needs 'path' (the output folder)")
        if self.type == "teams" and self.url:
            host = (urlsplit(self.url).hostname or "").lower()
            if host == "webhook.office.com" or host.endswith(".webhook.office.com"):
                # Microsoft retired Office 365 connectors; such URLs now silently drop messages.
                raise ValueError(
                    "channel type 'teams': Office 365 connector urls (webhook.office.com) are "
                    "retired; create a Workflows webhook and use its url"
                )
        return self

    def _check_options(self) -> None:
        """``format``/``card`` only where the service has them; e-mail fields only for e-mail."""
        for name, table in (("format", FORMATS), ("card", CARDS)):
            value = getattr(self, name)
            if value is None:
                continue
            allowed = table.get(self.type)
            if allowed is None:
                kinds = ", ".join(sorted(table))
                raise ValueError(f"{name}: only for channel types {kinds}, not {self.type!r}")
            if value not in allowed:
                raise ValueError(f"{name}: {value!r} is not one of {', '.join(allowed)}")
        if self.type == "email":
            if not self.host or not self.sender or not self.to:
                raise ValueError("channel type 'email' needs 'host', 'from' and 'to'")
            if self.ssl and self.starttls:
                raise ValueError("starttls: choose either ssl (port 465) or starttls, not both")
            return
        given = [f for f in EMAIL_FIELDS if f in self.model_fields_set]
        if given:
            shown = "from" if given[0] == "sender" else given[0]
            raise ValueError(f"{shown}: only for channel type 'email', not {self.type!r}")
