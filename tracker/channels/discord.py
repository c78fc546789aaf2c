"""Discord webhook: the title as content, one embed per section (``?wait=true`` for a receipt).

A digest's chart goes as one more message: ``multipart/form-data`` with the JSON body in
``payload_json`` and the PNG in ``files[0]``, shown in an embed via ``attachment://``.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from urllib3.fields import RequestField
from urllib3.filepost import encode_multipart_formdata

from tracker.channels.base import (
    HttpChannel,
    Part,
    chunk_lines,
    encode_body,
    flatten_tables,
    retry_after_header,
    snippet,
)
from tracker.digest.document import DigestDocument, Section

CONTENT_CHARS = 2000
EMBED_TITLE_CHARS = 256
DESCRIPTION_CHARS = 4096
EMBEDS_TOTAL_CHARS = 6000
MAX_EMBEDS = 10
UNKNOWN_WEBHOOK = 10015
COLOR = 0x2F6FDE
MAX_FILE_BYTES = 8 * 1024 * 1024  # the smallest upload limit webhooks have had
CHART_FILE = "chart.png"

log = logging.getLogger("tracker.channels")


def with_wait(url: str) -> str:
    """Add ``wait=true`` so Discord confirms the saved message instead of a blind 204."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "wait"]
    query.append(("wait", "true"))
    return urlunsplit(parts._replace(query=urlencode(query)))


def embed_chars(embed: dict[str, Any]) -> int:
    return len(embed.get("title", "")) + len(embed.get("description", ""))


class DiscordChannel(HttpChannel):
    """Discord webhook (``/api/webhooks/ID/TOKEN``).

    ``content`` holds the bold title (≤ 2,000 chars); each section is an embed titled by its
    heading (descriptions ≤ 4,096, all embeds ≤ 6,000 chars, ≤ 10 embeds, with margins).
    """

    type_name = "discord"
    max_bytes = 24000  # the character limits bind first; this only bounds the bytes
    per_minute = 30  # per channel; Discord also allows about 5 per 2 s per webhook
    per_second = 2

    def body(self, title: str, sections: Sequence[Section], first: bool) -> dict[str, Any]:
        embeds: list[dict[str, Any]] = []
        for section in sections:
            chunks = chunk_lines(flatten_tables(section.lines), DESCRIPTION_CHARS - 96)
            for index, chunk in enumerate(chunks or [""]):
                embed: dict[str, Any] = {"color": COLOR}
                if index == 0 and section.heading:
                    embed["title"] = section.heading[:EMBED_TITLE_CHARS]
                if chunk:
                    embed["description"] = chunk
                if len(embed) > 1:
                    embeds.append(embed)
        mention = first and self.config.mention_all
        content = f"{'@everyone ' if mention else ''}**{title}**"
        return {
            "content": content[:CONTENT_CHARS],
            "embeds": embeds,
            "allowed_mentions": {"parse": ["everyone"] if mention else []},
        }

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
        parts.append(Part(1, 1, self.image_body(doc), kind="image", preview="[chart]"))
        total = len(parts)
        return [part.with_position(n, total) for n, part in enumerate(parts, start=1)]

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

    def post(self, part: Part, key: str) -> None:
        if "file" in part.payload:
            data, content_type = multipart(part.payload)
            headers = {**self.headers(), "Content-Type": content_type}
            response = self.http_post(data, url=with_wait(self.url), headers=headers)
        else:
            response = self.http_post(encode_body(part.payload), url=with_wait(self.url))
        status = response.status_code
        if status in (200, 204):
            return
        try:
            answer = response.json()
        except ValueError:
            answer = None
        answer = answer if isinstance(answer, dict) else {}
        detail = f"HTTP {status}: {answer.get('message') or snippet(response)}"
        if status == 429:
            retry_after = answer.get("retry_after")
            seconds = (
                float(retry_after)
                if isinstance(retry_after, int | float)
                else retry_after_header(response)
            )
            raise self.error(detail, permanent=False, retry_after=seconds)
        if status >= 500:
            raise self.error(detail, permanent=False, retry_after=retry_after_header(response))
        if answer.get("code") == UNKNOWN_WEBHOOK:
            raise self.error(f"{detail} (webhook deleted?)", permanent=True)
        raise self.error(detail, permanent=True)


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
