"""What each service answers, and what each answer must mean: sent, retry or permanent.

Taken from the reference sheet (/work/shared/reference/chat-webhooks.md): the statuses and
error codes each service documents, in the body shapes it really uses. ``wait`` is the
``retry_after`` the error must carry; ``says`` a piece of its message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from werkzeug import Response

from channels.kit import respond

Verdict = Literal["sent", "retry", "permanent"]


@dataclass(frozen=True)
class Answer:
    """One answer of a service: ``status`` with ``body`` (JSON object or plain text)."""

    name: str
    verdict: Verdict
    body: dict[str, Any] | str = ""
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    wait: float | None = None
    says: str = ""

    def response(self) -> Response:
        if self.status in (202, 204) and not self.body:
            return Response(status=self.status)
        return respond(self.body, self.status, **dict(self.headers))


def errcode(code: int, message: str, verdict: Verdict, wait: float | None = None) -> Answer:
    """A WeCom/DingTalk answer: always HTTP 200, the verdict in ``errcode``."""
    body = {"errcode": code, "errmsg": message}
    name = f"errcode {code} {message}"
    says = "" if verdict == "sent" else f"errcode {code}: {message}"
    return Answer(name, verdict, body, wait=wait, says=says)


def feishu_code(code: int, message: str, verdict: Verdict, status: int = 200) -> Answer:
    body = {"code": code, "msg": message, "data": {}}
    return Answer(f"code {code} HTTP {status}", verdict, body, status, says=f"code {code}")


def plain(status: int, text: str, verdict: Verdict, **kwargs: Any) -> Answer:
    """A plain-text answer (Slack's error words, a gateway page)."""
    says = kwargs.pop("says", text)
    return Answer(f"HTTP {status} {text}", verdict, text, status, says=says, **kwargs)


def status(code: int, verdict: Verdict, body: dict[str, Any] | str = "", **kwargs: Any) -> Answer:
    return Answer(f"HTTP {code}", verdict, body, code, says=kwargs.pop("says", ""), **kwargs)


RETRY_AFTER_2 = (("Retry-After", "2"),)
GATEWAY = [plain(502, "Bad Gateway", "retry"), plain(503, "Service Unavailable", "retry")]

WECOM = [
    errcode(0, "ok", "sent"),
    errcode(-1, "system busy", "retry"),
    errcode(45009, "api freq out of limit", "retry", wait=60),
    errcode(45033, "api concurrent out of limit", "retry"),
    errcode(93000, "invalid webhook url, hint: [1720]", "permanent"),
    errcode(40058, "markdown.content exceed max length 4096", "permanent"),
    errcode(40008, "invalid message type", "permanent"),
    errcode(40035, "invalid parameter", "permanent"),
    errcode(44004, "empty content", "permanent"),
    errcode(40033, "invalid charset", "permanent"),
    errcode(45002, "content size out of limit", "permanent"),
    Answer("portal page", "retry", "<html>portal</html>", says="unexpected answer"),
    *GATEWAY,
]

DINGTALK = [
    errcode(0, "ok", "sent"),
    errcode(-1, "系统繁忙", "retry"),
    errcode(130101, "send too fast, exceed 20 times per minute", "retry", wait=600),
    errcode(410100, "发送速度太快而限流", "retry", wait=600),
    errcode(310000, "invalid timestamp", "retry"),
    errcode(310000, "keywords not in content", "permanent"),
    errcode(310000, "sign not match", "permanent"),
    errcode(310000, "ip 1.2.3.4 not in whitelist", "permanent"),
    *(errcode(code, "refused", "permanent") for code in (300005, 400101, 400102, 400106)),
    *(errcode(code, "refused", "permanent") for code in (400013, 400105, 460101)),
    *(errcode(code, "moderation", "permanent") for code in (430101, 430102, 430103, 430104)),
    Answer("portal page", "retry", "<html>portal</html>", says="unexpected answer"),
    *GATEWAY,
]

FEISHU = [
    Answer("code 0", "sent", {"StatusCode": 0, "StatusMessage": "success", "code": 0, "msg": ""}),
    Answer("legacy StatusCode 0", "sent", {"StatusCode": 0, "StatusMessage": "success"}),
    feishu_code(11232, "frequency limited psm[lark.oapi.app_platform_runtime]", "retry"),
    Answer(
        "code 11232 HTTP 429",
        "retry",
        {"code": 11232, "msg": "frequency limited"},
        429,
        RETRY_AFTER_2,
        wait=2,
        says="code 11232",
    ),
    feishu_code(19021, "sign match fail or timestamp is not within one hour", "permanent"),
    feishu_code(19022, "Ip Not Allowed", "permanent"),
    feishu_code(19024, "Key Words Not Found", "permanent"),
    feishu_code(9499, "Bad Request", "permanent", status=400),
    feishu_code(9499, "Bad Request", "retry", status=500),
    status(429, "retry", "too many requests", headers=RETRY_AFTER_2, wait=2),
    Answer("HTTP 200 without code", "retry", {"data": {}}, says="unexpected answer"),
    *GATEWAY,
]

SLACK = [
    plain(200, "ok", "sent", says=""),
    plain(200, "queued", "permanent", says="unexpected answer: queued"),
    plain(400, "invalid_payload", "permanent"),
    plain(400, "invalid_blocks", "permanent"),
    plain(400, "no_text", "permanent"),
    plain(403, "invalid_token", "permanent"),
    plain(403, "action_prohibited", "permanent"),
    plain(404, "channel_not_found", "permanent"),
    plain(404, "no_service", "permanent"),
    plain(410, "channel_is_archived", "permanent"),
    plain(500, "rollup_error", "retry"),
    plain(429, "rate_limited", "retry", headers=(("Retry-After", "3"),), wait=3),
    *GATEWAY,
]

DISCORD = [
    status(200, "sent", {"id": "1300000000000000000", "content": "**周报**"}),
    status(204, "sent"),
    status(
        404,
        "permanent",
        {"message": "Unknown Webhook", "code": 10015},
        says="Unknown Webhook (webhook deleted?)",
    ),
    status(401, "permanent", {"message": "Invalid Webhook Token", "code": 50027}),
    status(400, "permanent", {"message": "Invalid Form Body", "code": 50035}, says="Invalid Form"),
    status(
        429,
        "retry",
        {"message": "You are being rate limited.", "retry_after": 1500, "global": False},
        headers=RETRY_AFTER_2,
        wait=2,
        says="rate limited",
    ),
    status(429, "retry", "slow down", headers=(("Retry-After", "3"),), wait=3),
    status(429, "retry", {"message": "rate limited", "retry_after": 0.8}, wait=0.8),
    *GATEWAY,
]

TEAMS = [
    status(202, "sent"),
    status(200, "sent"),
    status(400, "permanent", {"error": {"code": "InvalidRequestContent"}}),
    status(401, "permanent", {"error": {"code": "DirectApiAuthorizationRequired"}}),
    status(404, "permanent", {"error": {"code": "WorkflowNotFound"}}),
    status(413, "permanent", {"error": {"code": "RequestEntityTooLarge"}}),
    status(429, "retry", {"error": {"code": "TooManyRequests"}}, headers=RETRY_AFTER_2, wait=2),
    status(500, "retry", {"error": {"code": "InternalServerError"}}),
    *GATEWAY,
]

WEBHOOK = [
    status(200, "sent", {"ok": True}),
    status(204, "sent"),
    status(208, "sent", {"ok": True}),
    status(410, "permanent", "gone", says="endpoint gone: disable this channel"),
    status(400, "permanent", "no"),
    status(401, "permanent", {"error": "bad signature"}),
    status(302, "permanent", "moved", headers=(("Location", "/elsewhere"),)),
    status(429, "retry", {"error": "slow down"}, headers=(("Retry-After", "5"),), wait=5),
    status(500, "retry", "boom"),
    status(504, "retry", "timeout"),
    *GATEWAY,
]

ANSWERS: dict[str, list[Answer]] = {
    "wecom": WECOM,
    "dingtalk": DINGTALK,
    "feishu": FEISHU,
    "lark": FEISHU,
    "slack": SLACK,
    "discord": DISCORD,
    "teams": TEAMS,
    "webhook": WEBHOOK,
}


def cases(verdict: Verdict | None = None) -> list[tuple[str, Answer]]:
    """``(type, answer)`` for every answer of every service (of one verdict if given)."""
    return [
        (t, a) for t, answers in ANSWERS.items() for a in answers if verdict in (None, a.verdict)
    ]


def case_id(case: Any) -> str:
    return str(case.name) if isinstance(case, Answer) else str(case)
