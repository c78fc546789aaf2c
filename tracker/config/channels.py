"""Channel settings as written in tracker.yaml: validated here, used by tracker.channels."""

from __future__ import annotations

import base64
import binascii
from typing import Literal
from urllib.parse import urlsplit

import pydantic

from tracker.secrets import mask_url

ChannelType = Literal[
    "wecom", "dingtalk", "feishu", "lark", "slack", "discord", "teams", "webhook", "file", "stdout"
]
HTTP_TYPES: frozenset[str] = frozenset(
    {"wecom", "dingtalk", "feishu", "lark", "slack", "discord", "teams", "webhook"}
)
# Services that can @-mention everyone (each channel class declares how; a contract test
# keeps the two in step).
MENTIONING_TYPES: frozenset[str] = frozenset(
    {"wecom", "dingtalk", "feishu", "lark", "slack", "discord"}
)


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
    """

    # The input of a failed validation would show the webhook key or secret: never echo it.
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    type: ChannelType
    url: str | None = None
    secret: pydantic.SecretStr | None = None
    path: str | None = None
    timeout: float = pydantic.Field(default=10.0, gt=0, le=120)
    max_bytes: int | None = pydantic.Field(default=None, ge=256)
    per_minute: int | None = pydantic.Field(default=None, gt=0)
    mention_all: bool = False

    @pydantic.field_validator("url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"url must be an http(s) address, got {mask_url(value)!r}")
        return value

    @pydantic.model_validator(mode="after")
    def _check_required(self) -> ChannelConfig:
        if self.type in HTTP_TYPES and not self.url:
            raise ValueError(f"channel type {self.type!r} needs 'url' (the webhook address)")
        secret = self.secret.get_secret_value() if self.secret else ""
        if self.type == "webhook" and secret:
            standard_webhooks_key(secret)
        if self.mention_all and self.type not in MENTIONING_TYPES:
            raise ValueError(
                f"channel type {self.type!r} cannot mention everyone; remove mention_all "
                f"(it works for {', '.join(sorted(MENTIONING_TYPES))})"
            )
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
