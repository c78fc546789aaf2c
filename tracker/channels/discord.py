"""Discord webhook: the title as content, one embed per section (``?wait=true`` for a receipt).

Posts to the versioned API (``/api/v10/webhooks/...``): URLs copied from the client are
unversioned, which the API has answered as an old version whose ``retry_after`` is in
milliseconds.

A digest's chart goes as one more message: ``multipart/form-data`` with the JSON body in
``payload_json`` and the PNG in ``files[0]``, shown in an embed via ``attachment://``.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from urllib3.fields import RequestField
from urllib3.filepost import encode_multipart_formdata

from tracker.channels.base import Mention
from tracker.channels.http import (
    HttpChannel,
    StatusRules,
    Verdict,
    json_object,
    retry_after_header,
    snippet,
)
from tracker.channels.markdown import chunk_lines, section_lines, zero_width
from tracker.channels.parts import Body, Part, PartKind, People, encode_body, number_parts
from tracker.digest.document import DigestDocument, Section
from tracker.digest.marks import Inline

if TYPE_CHECKING:
    from tracker.config.people import Person

CONTENT_CHARS = 2000
EMBED_TITLE_CHARS = 256
DESCRIPTION_CHARS = 4096
EMBEDS_TOTAL_CHARS = 6000
MAX_EMBEDS = 10
MAX_MENTIONED_USERS = 100  # allowed_mentions.users takes at most 100 ids
UNKNOWN_WEBHOOK = 10015
COLOR = 0x2F6FDE
MAX_FILE_BYTES = 8 * 1024 * 1024  # the smallest upload limit webhooks have had
CHART_FILE = "chart.png"

log = logging.getLogger("tracker.channels")


API_VERSION = "v10"
_UNVERSIONED = re.compile(r"/api/webhooks/")


def with_wait(url: str) -> str:
    """The versioned API URL with ``wait=true``, so Discord confirms the saved message instead
    of a blind 204."""
    parts = urlsplit(url)
    path = _UNVERSIONED.sub(f"/api/{API_VERSION}/webhooks/", parts.path, count=1)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "wait"]
    query.append(("wait", "true"))
    return urlunsplit(parts._replace(path=path, query=urlencode(query)))


def embed_chars(embed: dict[str, Any]) -> int:
    return len(embed.get("title", "")) + len(embed.get("description", ""))


class DiscordChannel(HttpChannel):
    """Discord webhook (``/api/webhooks/ID/TOKEN``).

    ``content`` holds the bold title (≤ 2,000 chars); each section is an embed titled by its
    heading (descriptions ≤ 4,096, all embeds ≤ 6,000 chars, ≤ 10 embeds, with margins).
    """

    type_name = "discord"
    url_template = "https://discord.com/api/webhooks/112233445566778899/{token}"
    mention = Mention.FIRST_PART
    max_bytes = 24000  # the character limits bind first; this only bounds the bytes
    per_minute = 30  # per channel; Discord also allows about 5 per 2 s per webhook
    per_second = 2
    # With ``wait=true`` a saved message answers 200 (204 without it); 4xx are permanent
    # (404 code 10015: the webhook was deleted), 429 and 5xx are retried.
    statuses = StatusRules(sent=frozenset({200, 204}))

    def mention_of(self, person: Person) -> str | None:
        # Embeds never ping: the name is shown where the goal is, the <@id> goes in `content`.
        return zero_width(f"@{person.name}") if person.discord else None

    def body(self, title: str, sections: Sequence[Section], mention: bool, people: People) -> Body:
        ink = Inline(zero_width, people, self.mention_of)
        embeds: list[dict[str, Any]] = []
        for section in sections:
            chunks = chunk_lines(section_lines(section, ink), DESCRIPTION_CHARS - 96)
            for index, chunk in enumerate(chunks or [""]):
                embed: dict[str, Any] = {"color": COLOR}
                if index == 0 and section.heading:
                    embed["title"] = ink(section.heading)[:EMBED_TITLE_CHARS]
                    if section.link:  # the title opens the entity's report page
                        embed["url"] = section.link.url
                if chunk:
                    embed["description"] = chunk
                if len(embed) > 1:
                    embeds.append(embed)
        # Only what we mean is live: names in the text never ping anyone.
        content = f"{'@everyone ' if mention else ''}**{title}**"[:CONTENT_CHARS]
        users: list[str] = []
        for user in dict.fromkeys(p.discord for p in ink.mentioned if p.discord):
            ping = f" <@{user}>"
            if len(users) == MAX_MENTIONED_USERS or len(content) + len(ping) > CONTENT_CHARS:
                break  # the rest are named in the embeds without a ping
            users.append(user)
            content += ping
        allowed: dict[str, Any] = {"parse": ["everyone"] if mention else []}
        if users:
            allowed["users"] = users
        return {"content": content, "embeds": embeds, "allowed_mentions": allowed}

    def fits(self, body: dict[str, Any]) -> bool:
        embeds: list[dict[str, Any]] = body.get("embeds", [])
        return (
            super().fits(body)
            and len(embeds) <= MAX_EMBEDS
            and sum(embed_chars(e) for e in embeds) <= EMBEDS_TOTAL_CHARS - 200
            and all(len(e.get("description", "")) <= DESCRIPTION_CHARS for e in embeds)
        )

    def render(self, doc: DigestDocument) -> list[Part]:
        parts = self.split(doc, self.body)
        if doc.image is None:
            return parts
        if len(doc.image) > MAX_FILE_BYTES:
            log.warning("%s: chart is over 8 MB, not sending it", self.name)
            return parts
        parts.append(Part(1, 1, self.image_body(doc), kind=PartKind.IMAGE, preview="[chart]"))
        return number_parts(parts)

    def image_body(self, doc: DigestDocument) -> dict[str, Any]:
        """The chart message: ``payload_json`` plus the PNG (base64 here, a file when posted)."""
        assert doc.image is not None
        payload = {
            "content": "",
            "embeds": [
                {
                    "title": doc.title[:EMBED_TITLE_CHARS],
                    "image": {"url": f"attachment://{CHART_FILE}"},
                    "color": COLOR,
                }
            ],
            "attachments": [{"id": 0, "filename": CHART_FILE, "description": doc.title[:1024]}],
            "allowed_mentions": {"parse": []},
        }
        file = {
            "filename": CHART_FILE,
            "content_type": "image/png",
            "base64": base64.b64encode(doc.image).decode("ascii"),
        }
        return {"payload_json": payload, "file": file}

    def request_url(self) -> str:
        return with_wait(self.url)

    def post(self, part: Part, key: str) -> None:
        if "file" not in part.payload:
            super().post(part, key)
            return
        data, content_type = multipart(part.payload)
        headers = {**self.headers(), "Content-Type": content_type}
        self.check(self.http_post(data, url=self.request_url(), headers=headers))

    def describe(self, response: requests.Response, verdict: Verdict) -> str:
        """Discord's own ``message`` for a failed status, naming a deleted webhook."""
        answer = json_object(response) or {}
        detail = f"HTTP {response.status_code}: {answer.get('message') or snippet(response)}"
        if verdict is Verdict.PERMANENT and answer.get("code") == UNKNOWN_WEBHOOK:
            return f"{detail} (webhook deleted?)"
        return detail

    def wait(self, response: requests.Response) -> float | None:
        """The ``Retry-After`` header (seconds), else a 429's ``retry_after`` from the body
        (seconds in v10; the header is preferred because older versions said milliseconds)."""
        header = retry_after_header(response)
        if header is not None:
            return header
        retry_after = (json_object(response) or {}).get("retry_after")
        if response.status_code == 429 and isinstance(retry_after, int | float):
            return float(retry_after)
        return None


def multipart(payload: dict[str, Any]) -> tuple[bytes, str]:
    """The ``multipart/form-data`` body (and its Content-Type) of an image part: the JSON
    message as ``payload_json`` and the file as ``files[0]``, as Discord's webhooks take it."""
    file = payload["file"]
    message = RequestField(name="payload_json", data=encode_body(payload["payload_json"]))
    message.make_multipart(content_type="application/json")
    upload = RequestField(
        name="files[0]", data=base64.b64decode(file["base64"]), filename=file["filename"]
    )
    upload.make_multipart(content_type=file.get("content_type", "application/octet-stream"))
    return encode_multipart_formdata([message, upload])
