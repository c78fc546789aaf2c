"""Constants and a fake clock shared by the delivery tests (imported as ``delivery.kit``)."""

from __future__ import annotations

import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
SLOT = datetime(2025, 10, 20, 9, 0, tzinfo=SHANGHAI)
AS_OF = date(2025, 10, 20)
WHSEC = "whsec_c2VjcmV0LWtleS1mb3ItdGVzdHM="
WECOM_KEY = "wecom-key-0123456789-abcdef"
DING_TOKEN = "ding-token-0123456789"

SETTINGS = """\
channels:
  hook: {{type: webhook, url: "{url}/hook", secret: "{whsec}"}}
  wecom: {{type: wecom, url: "{url}/cgi-bin/webhook/send?key={wecom_key}"}}
  box: {{type: file, path: var/outbox}}
  ding: {{type: dingtalk, url: "{url}/robot/send?access_token={ding_token}"}}
  slow: {{type: webhook, url: "{url}/slow", timeout: 0.5}}
  slowchat: {{type: slack, url: "{url}/services/T0/B0/slow", timeout: 0.5}}
digests:
  - name: weekly
    schedule: "0 9 * * MON"
    channels: [hook]
  - name: weekly-en
    channels: [hook]
    language: en
  - name: pair
    channels: [wecom, hook]
  - name: town
    channels: [box]
    select: {{entity: [对照镇]}}
  - name: nothing
    channels: [box]
    select: {{entity: [不存在的区]}}
  - name: robot
    channels: [ding]
  - name: slowpoke
    channels: [slow]
  - name: slowchat
    channels: [slowchat]
"""


class FakeClock:
    """Channel clock whose sleeps return at once (retries and pacing without waiting)."""

    def __init__(self) -> None:
        self.mono = 1000.0
        self.start = time.time()
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.mono

    def time(self) -> float:
        # Wall time moves with the fake sleeps, so waits counted in the ledger end too.
        return self.start + (self.mono - 1000.0)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.mono += seconds
