"""Helpers for channel tests: a fake clock, sample content and HTTP answer builders.

Imported by the test modules (``from channel_kit import ...``) and by conftest.py.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from werkzeug import Request, Response

from tracker.channels import Channel

# make(type, name="team", **settings) -> Channel; the fixture lives in conftest.py.
MakeChannel = Callable[..., Channel]


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


def sequence(*responses: Response) -> Callable[[Request], Response]:
    """A handler answering with ``responses`` in turn, repeating the last one."""
    queue = list(responses)

    def handler(request: Request) -> Response:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return handler


def client_logs(records: list[logging.LogRecord]) -> str:
    """What our side logged (tracker, requests, urllib3), not the fake service's access log."""
    return "\n".join(r.getMessage() for r in records if not r.name.startswith("werkzeug"))
