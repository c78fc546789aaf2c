"""Shared pieces of the scheduler tests (imported as ``service.kit``)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY_0905 = datetime(2025, 10, 20, 9, 5, tzinfo=SHANGHAI)

SETTINGS = """\
timezone: {timezone}
catch_up: {catch_up}
channels:
  hook: {{type: webhook, url: "{url}/hook"{hook}}}
  box: {{type: file, path: var/outbox}}
digests:
  - name: weekly
    schedule: {schedule}
    channels: [{channels}]
    skip_holidays: {skip_holidays}
    alert_on: [achieved, off_track]
"""


def settings(
    url: str,
    schedule: str = '"0 9 * * MON"',
    catch_up: str = "24h",
    *,
    timezone: str = "Asia/Shanghai",
    channels: str = "hook",
    hook: str = "",
    skip_holidays: str = "true",
) -> str:
    """tracker.yaml for the scheduler tests; ``hook`` adds options to the webhook channel."""
    return SETTINGS.format(
        url=url,
        schedule=schedule,
        catch_up=catch_up,
        timezone=timezone,
        channels=channels,
        hook=f", {hook}" if hook else "",
        skip_holidays=skip_holidays,
    )


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


class Receiver:
    """A threaded local webhook receiver: notes each request on arrival (the moment the
    message is delivered, whatever happens to the answer), then waits ``delay(n)`` seconds
    (n counts requests from 0) and answers 204."""

    def __init__(self, delay=lambda n: 0.0) -> None:
        import threading

        from pytest_httpserver import HTTPServer

        self.delay = delay
        self.arrivals: list[tuple[float, str, str]] = []  # (time, path, webhook-id)
        self._lock = threading.Lock()
        self.server = HTTPServer(threaded=True)
        self.server.expect_request("/feed").respond_with_handler(self._feed)
        self.server.no_handler_status_code = 404
        for path in ("/hook", "/a", "/b"):
            self.server.expect_request(path, method="POST").respond_with_handler(self._handle)

    def start(self) -> Receiver:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.clear()
        if self.server.is_running():
            self.server.stop()

    def url(self, path: str = "") -> str:
        return self.server.url_for(path)

    def _handle(self, request):
        import time

        from werkzeug import Response

        with self._lock:
            number = len(self.arrivals)
            self.arrivals.append((time.time(), request.path, request.headers.get("webhook-id", "")))
        time.sleep(self.delay(number))
        return Response("", status=204)

    feed_delay = 0.0

    def _feed(self, request):
        import time

        from werkzeug import Response

        time.sleep(self.feed_delay)
        return Response("goal,period,value\n", content_type="text/csv")

    def ids(self) -> list[str]:
        with self._lock:
            return [webhook_id for _, _, webhook_id in self.arrivals]
