"""Whom each service would notify for a body it received: its own reading of mentions.

WeCom reads ``<@userid>`` in markdown (``mentioned_list`` in text messages), DingTalk the
handles listed in ``at`` that are also written as ``@handle`` in the text, Feishu ``<at …>``
in card markdown, Slack ``<@U…>`` in blocks (never the fallback ``text``), Discord ``<@id>`` in
``content`` that ``allowed_mentions`` lets through (embeds never ping), Teams the
``msteams.entities`` whose ``<at>`` text the card shows.
"""

from __future__ import annotations

import re
from typing import Any

_WECOM_AT = re.compile(r"<@([^<>\s]+)>")
_FEISHU_AT = re.compile(r"<at (?:id|email)=([^<>\s]+)></at>")
_SLACK_AT = re.compile(r"<@([UW][A-Z0-9]+)>")
_DISCORD_AT = re.compile(r"<@(\d+)>")


def _texts(value: Any) -> list[str]:
    """Every string inside a JSON body."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def notified(type_name: str, body: dict[str, Any]) -> list[str]:
    """Whom the service would notify for ``body``, as it reads mentions (in order, repeats
    kept so a test can tell a person mentioned twice)."""
    if type_name == "wecom":
        if body["msgtype"] == "text":
            return list(body["text"].get("mentioned_list", []))
        return _WECOM_AT.findall(body[body["msgtype"]]["content"])
    if type_name == "dingtalk":  # listed in `at` and written as @handle in the text
        text = body.get("markdown", {}).get("text", "")
        at = body.get("at", {})
        listed = [*at.get("atMobiles", []), *at.get("atUserIds", [])]
        return [h for h in listed if f"@{h}" in text] + (["@all"] if at.get("isAtAll") else [])
    if type_name in ("feishu", "lark"):
        return [m for t in _texts(body["card"]) for m in _FEISHU_AT.findall(t)]
    if type_name == "slack":  # the fallback `text` notifies nobody when there are blocks
        return [m for t in _texts(body["blocks"]) for m in _SLACK_AT.findall(t)]
    if type_name == "discord":  # only `content` pings, and only whom allowed_mentions lets
        allowed = body.get("allowed_mentions", {}).get("users", [])
        return [m for m in _DISCORD_AT.findall(body.get("content", "")) if m in allowed]
    if type_name == "teams":
        card = body["attachments"][0]["content"]
        shown = " ".join(_texts(card["body"]))
        entities = card.get("msteams", {}).get("entities", [])
        return [e["mentioned"]["id"] for e in entities if e["text"] in shown]
    return []
