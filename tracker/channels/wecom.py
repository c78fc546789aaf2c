"""WeCom (企业微信) group robot: markdown messages, plus the summary chart as an image message."""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Sequence
from typing import Any

from tracker.channels.base import Mention
from tracker.channels.http import CodeRules, HttpChannel
from tracker.channels.markdown import flatten_tables
from tracker.channels.parts import Part, PartKind, number_parts
from tracker.digest.document import DigestDocument, Section

log = logging.getLogger("tracker.channels")

FREQUENCY_LIMIT = 45009
MAX_IMAGE_BYTES = 2 * 1024 * 1024


class WeComChannel(HttpChannel):
    """WeCom group robot (``/cgi-bin/webhook/send?key=KEY``); the key is the only credential.

    Sends ``markdown`` (no tables: rows are flattened); ``markdown.content`` may hold 4096 bytes,
    so the whole body is kept under 4000. A digest image becomes an extra ``image`` part.
    """

    type_name = "wecom"
    url_template = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={token}"
    mention = Mention.OWN_MESSAGE  # markdown cannot @all; a short text message can
    max_bytes = 4000
    per_minute = 20
    # Always HTTP 200. errcodes after which the same message may succeed later; everything else
    # is the message's or the configuration's fault (93000 bad key, 40058 too long, ...).
    codes = CodeRules(
        fields=("errcode",),
        messages=("errmsg",),
        # 45009 is the 20/minute limit: the window needs up to a minute to clear.
        retry={-1: None, FREQUENCY_LIMIT: 60.0, 45033: None},
    )

    def body(self, title: str, sections: Sequence[Section], mention: bool) -> dict[str, Any]:
        blocks = [f"## {title}"]
        for section in sections:
            lines = flatten_tables(section.lines)
            head = [f"### {section.heading}"] if section.heading else []
            blocks.append("\n".join([*head, *lines]))
        return {"msgtype": "markdown", "markdown": {"content": "\n\n".join(blocks)}}

    def render(self, doc: DigestDocument) -> list[Part]:
        parts = self.split(doc, self.body)
        if self.config.mention_all:
            mention = {
                "msgtype": "text",
                "text": {"content": doc.title, "mentioned_list": ["@all"]},
            }
            parts.append(Part(1, 1, mention, kind=PartKind.MENTION, preview=f"@all {doc.title}"))
        if doc.image is not None:
            if len(doc.image) > MAX_IMAGE_BYTES:
                log.warning("%s: chart is over 2 MB, not sending it", self.name)
            else:
                image = {
                    "msgtype": "image",
                    "image": {
                        "base64": base64.b64encode(doc.image).decode("ascii"),
                        "md5": hashlib.md5(doc.image).hexdigest(),
                    },
                }
                parts.append(Part(1, 1, image, kind=PartKind.IMAGE, preview="[chart]"))
        return number_parts(parts)
