"""Feishu (飞书) and Lark custom bots: interactive cards with markdown, optionally signed."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from typing import Any

from tracker.channels.base import (
    HttpChannel,
    Part,
    encode_body,
    flatten_tables,
    heading_to_bold,
    retry_after_header,
)
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

    type_name = "feishu"
    max_bytes = 19000  # body must stay under 20 KB
    per_minute = 100
    per_second = 5

    def body(self, title: str, sections: Sequence[Section], first: bool) -> dict[str, Any]:
        elements: list[dict[str, Any]] = []
        if first and self.config.mention_all:
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

    def signed(self, payload: dict[str, Any]) -> dict[str, Any]:
        secret = self.secret
        if not secret:
            return payload
        timestamp = int(self.clock.time())
        return {"timestamp": str(timestamp), "sign": feishu_sign(secret, timestamp), **payload}

    def post(self, part: Part, key: str) -> None:
        response = self.http_post(encode_body(self.signed(part.payload)))
        try:
            answer = response.json()
        except ValueError:
            answer = None
        # Feishu sometimes answers 4xx with a code body: the code is more precise than the status.
        if not isinstance(answer, dict) or ("code" not in answer and "StatusCode" not in answer):
            self.check_status(response)
            answer = self.json_answer(response)
        code = answer.get("code", answer.get("StatusCode"))
        if code == 0:
            return
        detail = f"code {code}: {answer.get('msg', answer.get('StatusMessage', ''))}"
        if code == RATE_LIMITED or response.status_code == 429 or response.status_code >= 500:
            raise self.error(detail, permanent=False, retry_after=retry_after_header(response))
        # 19021 sign/timestamp, 19022 IP, 19024 keyword, 9499 bad request: fix the config/message.
        raise self.error(detail, permanent=True)


class LarkChannel(FeishuChannel):
    """Lark (international Feishu, ``open.larksuite.com``): same API and answers as Feishu."""

    type_name = "lark"
