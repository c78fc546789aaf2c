"""Helpers for channel tests: a fake clock, a scripted channel, sample content, HTTP answers."""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from werkzeug import Request, Response

from tracker.channels import (
    CHANNEL_TYPES,
    Channel,
    ChannelConfig,
    HttpChannel,
    Part,
    TransportError,
)
from tracker.channels.markdown import markdown_text
from tracker.config.people import Person
from tracker.digest.document import DigestDocument, Link, Section
from tracker.digest.marks import mention_marks

# make(type, name="team", **settings) -> Channel; the fixture lives in conftest.py.
MakeChannel = Callable[..., Channel]
# live(type, handler=None, token=..., **settings) -> Channel; also in conftest.py.
LiveChannel = Callable[..., Channel]
Handler = Callable[[Request], Response]


class FakeClock:
    """Monotonic and wall time that only move when ``sleep`` is called; sleeps are recorded."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.mono = 1000.0
        self.wall = time.time()  # real wall time: emulators check signature freshness against it
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.mono

    def time(self) -> float:
        return self.wall

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.mono += seconds
            self.wall += seconds


def goal_lines(n: int, prefix: str = "指标") -> tuple[str, ...]:
    return tuple(
        f"- **{prefix}{i}**：完成 {i * 3.1:.1f} 亿元，目标 {i * 4:.0f} 亿元，进度 {70 + i % 30}% "
        f"[来源](https://tjj.example.gov.cn/a/{i})"
        for i in range(1, n + 1)
    )


PAYLOAD = {
    "digest": "weekly",
    "slot": "2025-07-07T09:00",
    "as_of": "2025-06-30",
    "goals": [{"id": "gdp", "name": "地区生产总值", "progress": 0.52}],
}
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def json_of(request: Request) -> dict[str, Any]:
    data = json.loads(request.get_data())
    assert isinstance(data, dict)
    return data


def respond(body: dict[str, Any] | str, status: int = 200, **headers: str) -> Response:
    if isinstance(body, str):
        return Response(body, status=status, headers=headers, content_type="text/plain")
    return Response(
        json.dumps(body, ensure_ascii=False),
        status=status,
        headers=headers,
        content_type="application/json",
    )


def sequence(*responses: Response) -> Handler:
    """A handler answering with ``responses`` in turn, repeating the last one."""
    queue = list(responses)

    def handler(request: Request) -> Response:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return handler


def first_then(answer: Response, handler: Handler) -> Handler:
    """A handler answering ``answer`` once, then as ``handler`` does."""
    answers = iter([answer])
    return lambda request: next(answers, None) or handler(request)


def client_logs(records: list[logging.LogRecord]) -> str:
    """What our side logged (tracker, requests, urllib3), not the fake service's access log."""
    return "\n".join(r.getMessage() for r in records if not r.name.startswith("werkzeug"))


def registered_types(http_only: bool = False) -> list[str]:
    """The registry's channel types (only those posting over HTTP with ``http_only``)."""
    return [t for t, cls in CHANNEL_TYPES.items() if not http_only or issubclass(cls, HttpChannel)]


class ScriptedChannel(Channel):
    """A channel whose posts follow a script: ``None`` succeeds, a TransportError is raised.

    Records the (fake) monotonic time of every post; its body is the part's plain Markdown.
    """

    type_name = "stdout"

    def __init__(
        self, clock: FakeClock, script: Sequence[TransportError | None] = (), **settings: Any
    ) -> None:
        config = ChannelConfig(type="stdout", **settings)
        super().__init__("rec", config, clock=clock, rng=random.Random(1))
        self.script = list(script)
        self.posted: list[float] = []

    def body(
        self, title: str, sections: Sequence[Section], mention: bool, people: Any
    ) -> dict[str, Any]:
        return {"text": markdown_text(title, sections, people)}

    def render(self, doc: DigestDocument) -> list[Part]:
        return self.split(doc, self.body)

    def post(self, part: Part, key: str) -> None:
        self.posted.append(self.clock.monotonic())
        outcome = self.script.pop(0) if self.script else None
        if outcome is not None:
            raise outcome


# -- owners, mentions and report links --------------------------------------------------------

PEOPLE = {
    "zhang-wei": Person(
        name="张伟",
        wecom="zhangwei",
        dingtalk_mobile="13800000000",
        feishu="ou_123abc",
        slack="U012AB3CD",
        discord="80351110224678912",
        teams="zhang.wei@example.gov.cn",
        email="zhang.wei@example.gov.cn",
    ),
    "li-na": Person(
        name="李娜",
        wecom="lina",
        dingtalk="manager4220",
        slack="U0LINA1234",
        discord="80351110224678913",
        email="li.na@example.gov.cn",
    ),
}
# How each service notifies them: the handle its reading of the body yields.
NOTIFIED = {
    "wecom": ["zhangwei", "lina"],
    "dingtalk": ["13800000000", "manager4220"],
    "feishu": ["ou_123abc", "li.na@example.gov.cn"],
    "lark": ["ou_123abc", "li.na@example.gov.cn"],
    "slack": ["U012AB3CD", "U0LINA1234"],
    "discord": ["80351110224678912", "80351110224678913"],
    "teams": ["zhang.wei@example.gov.cn", "li.na@example.gov.cn"],
}
REPORT = "https://reports.example.gov.cn/tracker/xiang-zhou-qu-6d493e.html"


def owned_section(heading: str = "香洲区") -> Section:
    """An entity section whose off-track goal is owned by both people, another by 张伟 alone."""
    return Section(
        heading,
        (
            "🔴 **新增高新技术企业** 目标 ≥100家 · 1–9月 62家"
            + mention_marks(["zhang-wei", "li-na"]),
            "🟡 **新增学位** 目标 ≥1.1万个 · 1–9月 8600个" + mention_marks(["zhang-wei"]),
        ),
        link=Link("香洲区 · 查看报告", REPORT),
    )
