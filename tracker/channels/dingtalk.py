"""DingTalk (钉钉) custom robot: markdown messages, optionally signed (加签)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote_plus

from tracker.channels.base import Mention
from tracker.channels.http import CodeRules, HttpChannel
from tracker.channels.markdown import flatten_tables
from tracker.channels.parts import Part
from tracker.digest.document import DigestDocument, Section

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
    url_template = "https://oapi.dingtalk.com/robot/send?access_token={token}"
    mention = Mention.FIRST_PART
    max_bytes = 18000  # DingTalk takes about 20,000 bytes
    per_minute = 20  # exceeding it throttles the robot for 10 minutes
    # Always HTTP 200 with errcode. 130101/410100: sending too fast; the robot is throttled for
    # 10 minutes, so the next attempt waits that long (60 s would only re-post into the throttle).
    # 310000 about the timestamp is clock skew or a slow queue: the next attempt is signed with
    # a fresh one; 310000 about keywords, signature or IP is the configuration's fault.
    codes = CodeRules(
        fields=("errcode",),
        messages=("errmsg",),
        retry={-1: None, 130101: 600.0, 410100: 600.0},
        retry_if_message={INVALID_REQUEST: "timestamp"},
    )

    def body(self, title: str, sections: Sequence[Section], mention: bool) -> dict[str, Any]:
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
        if mention:
            body["at"] = {"isAtAll": True}
        return body

    def render(self, doc: DigestDocument) -> list[Part]:
        return self.split(doc, self.body)

    def request_url(self) -> str:
        """The url, signed with a fresh timestamp when a secret is configured."""
        secret = self.secret
        if not secret:
            return self.url
        timestamp = int(self.clock.time() * 1000)
        sign = quote_plus(dingtalk_sign(secret, timestamp))
        joiner = "&" if "?" in self.url else "?"
        return f"{self.url}{joiner}timestamp={timestamp}&sign={sign}"
