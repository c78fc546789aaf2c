"""Feishu (飞书) and Lark custom bots: interactive cards with markdown, optionally signed."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from typing import Any, ClassVar

from tracker.channels.base import Mention
from tracker.channels.http import CodeRules, HttpChannel
from tracker.channels.markdown import flatten_tables, heading_to_bold
from tracker.channels.parts import Part
from tracker.config.channels import ChannelType
from tracker.digest.document import DigestDocument, Section

RATE_LIMITED = 11232


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """``base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}", msg=b""))``: the key carries both."""
    key = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")


class FeishuChannel(HttpChannel):
    """Feishu custom bot (``/open-apis/bot/v2/hook/TOKEN``).

    Sends an ``interactive`` card: the title in the header, one markdown element per section
    (card markdown has no headings or tables, so both are flattened). With a ``secret`` each
    attempt adds ``timestamp`` (s) and ``sign`` to the body as strings.
    """

    type_name: ClassVar[ChannelType] = "feishu"
    url_template = "https://open.feishu.cn/open-apis/bot/v2/hook/{token}"
    mention = Mention.FIRST_PART
    max_bytes = 19000  # body must stay under 20 KB
    per_minute = 100
    per_second = 5
    # Success is code 0 (legacy StatusCode). Feishu sometimes answers 4xx with a code body: the
    # code is more precise than the status, which (429, 5xx) only makes a failure retryable.
    # 19021 sign/timestamp, 19022 IP, 19024 keyword, 9499 bad request: fix the config/message.
    codes = CodeRules(
        fields=("code", "StatusCode"),
        messages=("msg", "StatusMessage"),
        retry={RATE_LIMITED: None},
        decides_over_status=True,
        waits_from_header=True,
    )

    def body(self, title: str, sections: Sequence[Section], mention: bool) -> dict[str, Any]:
        elements: list[dict[str, Any]] = []
        if mention:
            elements.append({"tag": "markdown", "content": "<at id=all></at>"})
        for section in sections:
            if elements:
                elements.append({"tag": "hr"})
            lines = [heading_to_bold(line) for line in flatten_tables(section.lines)]
            head = [f"**{section.heading}**"] if section.heading else []
            elements.append({"tag": "markdown", "content": "\n".join([*head, *lines])})
        return {
            "msg_type": "interactive",
            "card": {
                "config": {"wide_screen_mode": True},
                "header": {"title": {"tag": "plain_text", "content": title}, "template": "blue"},
                "elements": elements,
            },
        }

    def render(self, doc: DigestDocument) -> list[Part]:
        return self.split(doc, self.body)

    def request_body(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The payload, signed with a fresh timestamp when a secret is configured."""
        secret = self.secret
        if not secret:
            return payload
        timestamp = int(self.clock.time())
        return {"timestamp": str(timestamp), "sign": feishu_sign(secret, timestamp), **payload}


class LarkChannel(FeishuChannel):
    """Lark (international Feishu, ``open.larksuite.com``): same API and answers as Feishu."""

    type_name = "lark"
    url_template = "https://open.larksuite.com/open-apis/bot/v2/hook/{token}"
