"""Feishu (飞书) and Lark custom bots: interactive cards with markdown, optionally signed.

Card JSON 1.0 is the default (every client renders it); ``card: v2`` sends card JSON 2.0,
whose markdown keeps headings and tables but needs a recent client. Owners are mentioned with
``<at id=ou_…></at>`` (``<at email=…></at>`` without a Feishu id); each entity section with a
report page gets a button.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from tracker.channels.base import Mention
from tracker.channels.http import CodeRules, HttpChannel
from tracker.channels.markdown import heading_to_bold, label, section_lines, zero_width
from tracker.channels.parts import Body, Part, People
from tracker.config.channels import ChannelType
from tracker.digest.document import DigestDocument, Section
from tracker.digest.marks import Inline

if TYPE_CHECKING:
    from tracker.config.people import Person

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

    @property
    def v2(self) -> bool:
        return self.config.card == "v2"

    def mention_of(self, person: Person) -> str | None:
        if person.feishu:
            return f"<at id={person.feishu}></at>"
        return f"<at email={person.email}></at>" if person.email else None

    def body(self, title: str, sections: Sequence[Section], mention: bool, people: People) -> Body:
        ink = Inline(zero_width, people, self.mention_of)
        elements: list[dict[str, Any]] = []
        if mention:
            elements.append({"tag": "markdown", "content": "<at id=all></at>"})
        for section in sections:
            if elements:
                elements.append({"tag": "hr"})
            elements.append({"tag": "markdown", "content": self.section_markdown(section, ink)})
            if section.link:
                elements.append(self.button(label(section, 40), section.link.url))
        header = {"title": {"tag": "plain_text", "content": title}, "template": "blue"}
        card: dict[str, Any]
        if self.v2:
            card = {
                "schema": "2.0",
                "config": {"width_mode": "fill"},
                "header": header,
                "body": {"elements": elements},
            }
        else:
            card = {"config": {"wide_screen_mode": True}, "header": header, "elements": elements}
        return {"msg_type": "interactive", "card": card}

    def section_markdown(self, section: Section, ink: Inline) -> str:
        if self.v2:  # JSON 2.0 markdown renders headings and tables
            head = [f"#### {ink(section.heading)}"] if section.heading else []
            return "\n".join([*head, *section_lines(section, ink, tables=True)])
        lines = section_lines(section, ink, convert=heading_to_bold)
        head = [f"**{ink(section.heading)}**"] if section.heading else []
        return "\n".join([*head, *lines])

    def button(self, text: str, url: str) -> dict[str, Any]:
        content = {"tag": "plain_text", "content": text}
        if self.v2:
            behaviors = [{"type": "open_url", "default_url": url}]
            return {"tag": "button", "text": content, "type": "default", "behaviors": behaviors}
        button = {"tag": "button", "text": content, "type": "default", "url": url}
        return {"tag": "action", "actions": [button]}

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
