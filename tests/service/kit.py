"""Shared pieces of the scheduler tests (imported as ``service.kit``)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY_0905 = datetime(2025, 10, 20, 9, 5, tzinfo=SHANGHAI)

SETTINGS = """\
catch_up: {catch_up}
channels:
  hook: {{type: webhook, url: "{url}/hook"}}
digests:
  - name: weekly
    schedule: {schedule}
    channels: [hook]
    skip_holidays: true
    alert_on: [achieved, off_track]
"""


def settings(url: str, schedule: str = '"0 9 * * MON"', catch_up: str = "24h") -> str:
    return SETTINGS.format(url=url, schedule=schedule, catch_up=catch_up)


def slots_received(httpserver) -> list[str]:
    """The digest slots the receiver got, in arrival order (alerts excluded)."""
    import json

    bodies = [json.loads(r.data) for r, _ in httpserver.log if r.path == "/hook"]
    return [b["slot"] for b in bodies if b.get("kind") != "alert"]


def alerts_received(httpserver) -> list[dict]:
    import json

    bodies = [json.loads(r.data) for r, _ in httpserver.log if r.path == "/hook"]
    return [b for b in bodies if b.get("kind") == "alert"]


def wait_until(predicate, timeout: float = 20.0, step: float = 0.1) -> bool:
    """Poll ``predicate`` until it is true or ``timeout`` seconds pass."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())
