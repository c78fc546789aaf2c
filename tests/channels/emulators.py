"""Local stand-ins for the chat services, answering the way each real one does.

Each emulator checks the credential the way its service does (webhook key, token path segment,
signature), enforces the service's real size limits and answers errors in the service's shape:
WeCom, DingTalk and Feishu answer HTTP 200 with the verdict in ``errcode``/``code``.
(/work/shared/reference/chat-webhooks.md is the sheet these follow.)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from werkzeug import Request, Response

from channels.kit import Handler, json_of, respond

DINGTALK_KEYWORD = "目标"
WEBHOOK_KEY = b"0123456789abcdef0123456789abcdef"


def wecom(key: str) -> Handler:
    """Always HTTP 200; the verdict is in errcode, as the real robot does."""

    def handler(request: Request) -> Response:
        if request.args.get("key") != key:
            return respond(
                {"errcode": 93000, "errmsg": "invalid webhook url, hint: [1720] from ip"}
            )
        body = json_of(request)
        if body.get("msgtype") in ("markdown", "markdown_v2"):
            if len(body[body["msgtype"]]["content"].encode()) > 4096:
                return respond(
                    {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"}
                )
        elif body.get("msgtype") == "image":
            raw = base64.b64decode(body["image"]["base64"])
            if hashlib.md5(raw).hexdigest() != body["image"]["md5"]:
                return respond({"errcode": 40009, "errmsg": "invalid image size"})
        elif body.get("msgtype") != "text":
            return respond({"errcode": 40008, "errmsg": "invalid message type"})
        return respond({"errcode": 0, "errmsg": "ok"})

    return handler


def dingtalk(token: str, secret: str) -> Handler:
    """HTTP 200 always; rejects bad tokens, signatures, stale timestamps, missing keywords."""

    def handler(request: Request) -> Response:
        if request.args.get("access_token") != token:
            return respond({"errcode": 300001, "errmsg": "token is not exist"})
        timestamp, sign = request.args.get("timestamp", ""), request.args.get("sign", "")
        if not timestamp.isdigit() or abs(int(timestamp) - time.time() * 1000) > 3_600_000:
            return respond({"errcode": 310000, "errmsg": "invalid timestamp"})
        expected = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
        if not hmac.compare_digest(base64.b64encode(expected.digest()).decode(), sign):
            return respond(
                {"errcode": 310000, "errmsg": "sign not match, more: [https://ding-doc]"}
            )
        if len(request.get_data()) > 20_000:
            return respond({"errcode": 460101, "errmsg": "message too long"})
        body = json_of(request)
        if body.get("msgtype") == "actionCard" and not body["actionCard"].get("btns"):
            return respond({"errcode": 400105, "errmsg": "actionCard btns invalid"})
        if DINGTALK_KEYWORD not in body[body["msgtype"]]["text"]:
            return respond({"errcode": 310000, "errmsg": "keywords not in content"})
        return respond({"errcode": 0, "errmsg": "ok"})

    return handler


FEISHU_OK = {"StatusCode": 0, "StatusMessage": "success", "code": 0, "data": {}, "msg": "success"}
FEISHU_SIGN_FAIL = {"code": 19021, "msg": "sign match fail or timestamp is not within one hour"}


def feishu(token: str, secret: str) -> Handler:
    """Checks the hook token, then timestamp + sign in the body (key = "ts\\nsecret")."""

    def handler(request: Request) -> Response:
        if not request.path.endswith(f"/hook/{token}"):
            return respond({"code": 19001, "msg": "param invalid: incoming webhook access token"})
        if len(request.get_data()) > 20 * 1024:
            return respond({"code": 9499, "msg": "Bad Request", "data": {}}, status=400)
        body = json_of(request)
        timestamp, sign = body.get("timestamp"), body.get("sign")
        if not isinstance(timestamp, str) or abs(int(timestamp) - time.time()) > 3600:
            return respond(FEISHU_SIGN_FAIL)
        key = f"{timestamp}\n{secret}".encode()
        expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
        if not hmac.compare_digest(expected, str(sign)):
            return respond(FEISHU_SIGN_FAIL)
        card = body.get("card", {})
        elements = card["body"]["elements"] if card.get("schema") == "2.0" else card["elements"]
        if body.get("msg_type") != "interactive" or not elements:
            return respond({"code": 9499, "msg": "Bad Request", "data": {}}, status=400)
        return respond(FEISHU_OK)

    return handler


def slack(token: str) -> Handler:
    """200 ``ok``, or 4xx with Slack's error words for a bad token or a payload over a limit."""

    def handler(request: Request) -> Response:
        if not request.path.endswith(f"/{token}"):
            return respond("invalid_token", status=403)
        body = json_of(request)
        if not body.get("text"):
            return respond("no_text", status=400)
        blocks = body.get("blocks", [])
        too_long = any(len(b["text"]["text"]) > 3000 for b in blocks if b["type"] == "section")
        markdown = sum(len(b["text"]) for b in blocks if b["type"] == "markdown")
        buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
        long_button = any(len(e["text"]["text"]) > 75 or len(e["url"]) > 3000 for e in buttons)
        if len(blocks) > 50 or too_long or markdown > 12000 or long_button:
            return respond("invalid_blocks", status=400)
        return respond("ok")

    return handler


DISCORD_INVALID = {"code": 50035, "message": "Invalid Form Body"}


def discord_body(request: Request) -> dict[str, Any]:
    """The JSON message: the body itself, or ``payload_json`` of a multipart upload."""
    if request.mimetype == "multipart/form-data":
        data = json.loads(request.form["payload_json"])
        assert isinstance(data, dict)
        return data
    return json_of(request)


def discord(token: str) -> Handler:
    """200 + message object with ``wait=true`` (204 without); 401 for a bad token; 400 on
    broken limits or on an attachment the message does not declare."""

    def handler(request: Request) -> Response:
        if not request.path.endswith(f"/{token}"):
            return respond({"message": "Invalid Webhook Token", "code": 50027}, status=401)
        body = discord_body(request)
        declared = {a["filename"] for a in body.get("attachments", [])}
        if {f.filename for f in request.files.values()} != declared:
            return respond(DISCORD_INVALID, status=400)
        embeds = body.get("embeds", [])
        chars = sum(len(e.get("title", "")) + len(e.get("description", "")) for e in embeds)
        users = body.get("allowed_mentions", {}).get("users", [])
        if len(body.get("content", "")) > 2000 or len(embeds) > 10 or chars > 6000:
            return respond(DISCORD_INVALID, status=400)
        if len(users) > 100 or "users" in body.get("allowed_mentions", {}).get("parse", []):
            return respond(DISCORD_INVALID, status=400)
        if any(len(e.get("description", "")) > 4096 for e in embeds):
            return respond(DISCORD_INVALID, status=400)
        if request.args.get("wait") != "true":
            return Response(status=204)
        return respond({"id": "1300000000000000000", "content": body.get("content", "")})

    return handler


def teams(sig: str) -> Handler:
    """401 on a bad ``sig``, 413 over 28 KB, otherwise 202 with an empty body."""

    def handler(request: Request) -> Response:
        if request.args.get("sig") != sig:
            return respond({"error": {"code": "DirectApiAuthorizationRequired"}}, status=401)
        if len(request.get_data()) > 28 * 1024:
            return respond({"error": {"code": "RequestEntityTooLarge"}}, status=413)
        card = json_of(request)["attachments"][0]["content"]
        assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
        return Response(status=202)

    return handler


def webhook(key: bytes, seen: set[str] | None = None) -> Handler:
    """A receiver as Standard Webhooks asks: ±5 min tolerance, constant-time compare, dedupe."""
    seen = set() if seen is None else seen

    def handler(request: Request) -> Response:
        msg_id = request.headers.get("webhook-id", "")
        timestamp = request.headers.get("webhook-timestamp", "")
        if not timestamp.isdigit() or abs(int(timestamp) - time.time()) > 300:
            return respond({"error": "stale timestamp"}, status=400)
        signed = f"{msg_id}.{timestamp}.".encode() + request.get_data()
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        offered = [
            s.partition(",")[2] for s in request.headers.get("webhook-signature", "").split()
        ]
        if not any(hmac.compare_digest(expected, sig) for sig in offered):
            return respond({"error": "bad signature"}, status=401)
        status = 200 if msg_id not in seen else 208  # a duplicate is acknowledged, not re-applied
        seen.add(msg_id)
        return respond({"ok": True}, status=status)

    return handler


def whsec(key: bytes) -> str:
    return "whsec_" + base64.b64encode(key).decode()


@dataclass(frozen=True)
class Service:
    """One service as the contract tests meet it.

    ``token`` fills ``{token}`` of the channel's ``url_template`` (``path`` when it has none);
    ``wrong`` is a credential the emulator refuses (``refusal`` is what its answer says);
    ``mentions(payload)`` tells whether a body carries the "@all".
    """

    emulator: Callable[[str, str | None], Handler]
    token: str = ""
    secret: str | None = None
    wrong: dict[str, str] = field(default_factory=dict)
    refusal: str = ""
    path: str = ""
    mentions: Callable[[dict[str, Any]], bool] = lambda payload: False

    def handler(self) -> Handler:
        return self.emulator(self.token, self.secret)


SERVICES: dict[str, Service] = {
    "wecom": Service(
        lambda token, _: wecom(token),
        token="693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa",
        wrong={"token": "WRONG-KEY-123"},
        refusal="93000",
        mentions=lambda p: p.get("text", {}).get("mentioned_list") == ["@all"],
    ),
    "dingtalk": Service(
        lambda token, secret: dingtalk(token, str(secret)),
        token="a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2",
        secret="SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd",
        wrong={"secret": "SECwrong-secret-value"},
        refusal="sign not match",
        mentions=lambda p: p.get("at") == {"isAtAll": True},
    ),
    "feishu": Service(
        lambda token, secret: feishu(token, str(secret)),
        token="2d8f0c5e-1b7a-4c3d-9e8f-0a1b2c3d4e5f",
        secret="yH9xQ2mZ7pK4",
        wrong={"secret": "not-the-secret"},
        refusal="19021",
        mentions=lambda p: (
            p["card"]["elements"][0] == {"tag": "markdown", "content": "<at id=all></at>"}
        ),
    ),
    "slack": Service(
        lambda token, _: slack(token),
        token="XXXXXXXXXXXXXXXXXXXXXXXX",
        wrong={"token": "YYYYYYYYYYYYYYYYYYYYYYYY"},
        refusal="invalid_token",
        mentions=lambda p: p["blocks"][1]["text"]["text"].startswith("<!channel>"),
    ),
    "discord": Service(
        lambda token, _: discord(token),
        token="Zk3JwQpL9xR2vT8mN4bH6cY1dF5gA7sE0uI3oP9qW2eR4tY6uI8oP0aS2dF4gH6jK8",
        wrong={"token": "Wr0ngT0kenWr0ngT0kenWr0ngT0ken"},
        refusal="Invalid Webhook Token",
        mentions=lambda p: (
            p.get("content", "").startswith("@everyone")
            and p["allowed_mentions"] == {"parse": ["everyone"]}
        ),
    ),
    "teams": Service(
        lambda token, _: teams(token),
        token="q1W2e3R4t5Y6u7I8o9P0aSdFgHjKlZxCvBnM",
        wrong={"token": "WRONGSIG999"},
        refusal="401",
    ),
    "webhook": Service(
        lambda _, secret: webhook(WEBHOOK_KEY),
        secret=whsec(WEBHOOK_KEY),
        wrong={"secret": whsec(b"another key, another receiver..")},
        refusal="bad signature",
        path="/hooks/tracker",
    ),
}
SERVICES["lark"] = SERVICES["feishu"]
