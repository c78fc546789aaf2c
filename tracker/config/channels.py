"""Channel settings as written in tracker.yaml: validated here, used by tracker.channels."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Literal
from urllib.parse import urlsplit

import pydantic

from tracker.config.durations import parse_duration
from tracker.secrets import mask_url

ChannelType = Literal[
    "wecom", "dingtalk", "feishu", "lark", "slack", "discord", "teams", "webhook", "file", "stdout"
]
HTTP_TYPES: frozenset[str] = frozenset(
    {"wecom", "dingtalk", "feishu", "lark", "slack", "discord", "teams", "webhook"}
)
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


class ChannelConfig(pydantic.BaseModel):
    """One channel's settings as written in the configuration file.

    ``max_bytes`` and ``per_minute`` override the service's size limit and pacing (handy in tests
    or for a self-hosted receiver); ``path`` is the output folder of the ``file`` channel.
    ``resend_uncertain`` says whether a part whose first attempt may have arrived is posted
    once more (default per type, see :data:`RESEND_UNCERTAIN_TYPES`); ``max_delay`` is how long
    a part is retried after it was recorded before it is reported ``expired``.
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
        if self.type == "webhook" and secret.startswith("whsec_"):
            try:
                base64.b64decode(secret[len("whsec_") :], validate=True)
            except ValueError:
                raise ValueError("secret: the part after 'whsec_' is not valid base64") from None
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
