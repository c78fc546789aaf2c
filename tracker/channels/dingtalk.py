"""DingTalk (钉钉) custom robot: markdown messages, optionally signed (加签).

Owners are mentioned as ``@13800000000`` in the text and in ``at.atMobiles`` (``atUserIds`` for
a userId): DingTalk needs both. Report links become ``actionCard`` buttons, except in a part
that mentions someone, since action cards cannot mention: there they are Markdown links.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote_plus

from tracker.channels.base import Mention
from tracker.channels.http import CodeRules, HttpChannel
from tracker.channels.markdown import label, link_line, section_lines, zero_width
from tracker.channels.parts import Body, Part, People
from tracker.digest.document import DigestDocument, Section
from tracker.digest.marks import Inline

if TYPE_CHECKING:
    from tracker.config.people import Person

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

    def mention_of(self, person: Person) -> str | None:
        handle = person.dingtalk_mobile or person.dingtalk
        return f"@{handle}" if handle else None

    def body(self, title: str, sections: Sequence[Section], mention: bool, people: People) -> Body:
        ink = Inline(zero_width, people, self.mention_of)
        # DingTalk's markdown joins single-newline lines into one paragraph: one block a line.
        rendered = [
            ([f"### {ink(s.heading)}"] if s.heading else []) + section_lines(s, ink)
            for s in sections
        ]
        linked = [s for s in sections if s.link]
        if linked and not (mention or ink.mentioned):
            text = "\n\n".join([f"## {title}", *(line for lines in rendered for line in lines)])
            buttons = [{"title": label(s, 30), "actionURL": s.link.url} for s in linked if s.link]
            card = {"title": title, "text": text, "btnOrientation": "0", "btns": buttons}
            return {"msgtype": "actionCard", "actionCard": card}
        # An action card cannot mention: the links stay in their sections as Markdown.
        blocks = [f"## {title}"]
        for section, lines in zip(sections, rendered, strict=True):
            blocks.extend([*lines, *link_line(section, ink)])
        body: dict[str, Any] = {
            "msgtype": "markdown",
            "markdown": {"title": title, "text": "\n\n".join(blocks)},
        }
        at: dict[str, Any] = {
            "atMobiles": [p.dingtalk_mobile for p in ink.mentioned if p.dingtalk_mobile],
            "atUserIds": [
                p.dingtalk for p in ink.mentioned if p.dingtalk and not p.dingtalk_mobile
            ],
            "isAtAll": mention,
        }
        at = {k: v for k, v in at.items() if v}
        if at:
            body["at"] = at
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
