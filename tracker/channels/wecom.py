"""WeCom (企业微信) group robot: markdown messages, plus the summary chart as an image message.

``format: markdown_v2`` (opt-in; older clients show it as plain text) keeps tables but cannot
mention anyone: the owners it names are mentioned in one text message after the digest.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from tracker.channels.base import Mention
from tracker.channels.http import CodeRules, HttpChannel
from tracker.channels.markdown import link_line, section_lines, zero_width
from tracker.channels.parts import Body, Part, PartKind, People, number_parts
from tracker.digest.document import DigestDocument, Section
from tracker.digest.marks import Inline

if TYPE_CHECKING:
    from tracker.config.people import Person

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

    @property
    def v2(self) -> bool:
        return self.config.format == "markdown_v2"

    def mention_of(self, person: Person) -> str | None:
        return f"<@{person.wecom}>" if person.wecom else None

    def inline(self, people: Mapping[str, Person] | None) -> Inline:
        # markdown_v2 renders no mentions: names are written out, the mention follows apart.
        return Inline(zero_width, people, None if self.v2 else self.mention_of)

    def body(self, title: str, sections: Sequence[Section], mention: bool, people: People) -> Body:
        ink = self.inline(people)
        blocks = [f"## {title}"]
        for section in sections:
            head = [f"### {ink(section.heading)}"] if section.heading else []
            lines = section_lines(section, ink, tables=self.v2)
            blocks.append("\n".join([*head, *lines, *link_line(section, ink)]))
        msgtype = "markdown_v2" if self.v2 else "markdown"
        return {"msgtype": msgtype, msgtype: {"content": "\n\n".join(blocks)}}

    def render(self, doc: DigestDocument) -> list[Part]:
        parts = self.split(doc, self.body)
        mentioned = ["@all"] if self.config.mention_all else []
        if self.v2:
            ink = Inline(zero_width, doc.people, self.mention_of)
            for section in doc.sections:
                section_lines(section, ink)
            mentioned += [p.wecom for p in ink.mentioned if p.wecom]
        if mentioned:
            mention = {
                "msgtype": "text",
                "text": {"content": doc.title, "mentioned_list": mentioned},
            }
            shown = " ".join(f"@{m}" for m in mentioned)
            parts.append(Part(1, 1, mention, kind=PartKind.MENTION, preview=f"{shown} {doc.title}"))
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
