"""DingTalk (钉钉) custom robot: markdown messages, optionally signed (加签)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote_plus

from tracker.channels.base import HttpChannel, Part, encode_body, flatten_tables
from tracker.digest.document import DigestDocument, Section

RETRYABLE = {-1, 130101, 410100}
THROTTLED = {130101, 410100}
INVALID_REQUEST = 310000  # keywords, signature, IP allow-list or timestamp: read errmsg


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """``base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}"))``."""
    message = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


class DingTalkChannel(HttpChannel):
    """DingTalk custom robot (``/robot/send?access_token=TOKEN``).

    Sends ``markdown`` with a ``title`` (what notifications show). With a ``secret`` every attempt
    is signed afresh: ``timestamp`` (ms) and ``sign`` go in the query string.
    """

    type_name = "dingtalk"
    max_bytes = 18000  # DingTalk takes about 20,000 bytes
    per_minute = 20  # exceeding it throttles the robot for 10 minutes

    def body(self, title: str, sections: Sequence[Section], first: bool) -> dict[str, Any]:
        blocks = [f"## {title}"]
        for section in sections:
            if section.heading:
                blocks.append(f"### {section.heading}")
            # DingTalk's markdown joins single-newline lines into one paragraph.
            blocks.extend(flatten_tables(section.lines))
        body: dict[str, Any] = {
            "msgtype": "markdown",
            "markdown": {"title": title, "text": "\n\n".join(blocks)},
        }
        if first and self.config.mention_all:
            body["at"] = {"isAtAll": True}
        return body

    def render(self, doc: DigestDocument) -> list[Part]:
        return self.split(doc, self.body)

    def signed_url(self) -> str:
        secret = self.secret
        if not secret:
            return self.url
        timestamp = int(self.clock.time() * 1000)
        sign = quote_plus(dingtalk_sign(secret, timestamp))
        joiner = "&" if "?" in self.url else "?"
        return f"{self.url}{joiner}timestamp={timestamp}&sign={sign}"

    def post(self, part: Part, key: str) -> None:
        response = self.http_post(encode_body(part.payload), url=self.signed_url())
        self.check_status(response)
        answer = self.json_answer(response)
        code = answer.get("errcode")
        if code == 0:
            return
        message = str(answer.get("errmsg", ""))
        detail = f"errcode {code}: {message}"
        if code in RETRYABLE:
            # 130101/410100: sending too fast; DingTalk throttles for up to 10 minutes.
            retry_after = 60.0 if code in THROTTLED else None
            raise self.error(detail, permanent=False, retry_after=retry_after)
        if code == INVALID_REQUEST and "timestamp" in message.lower():
            # Clock skew or a slow queue: the next attempt is signed with a fresh timestamp.
            raise self.error(detail, permanent=False)
        raise self.error(detail, permanent=True)
