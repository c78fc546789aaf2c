"""Log lines carry the configured zone's offset, human-readable or JSON, secrets masked."""

from __future__ import annotations

import json
import logging
from zoneinfo import ZoneInfo

from tracker.service.logs import JsonFormatter, SecretFilter, ZonedFormatter, set_log_zone


def record(message: str) -> logging.LogRecord:
    made = logging.makeLogRecord({"msg": message, "levelname": "INFO", "created": 1760922000.0})
    made.event = "sent"
    return made


def test_human_lines_start_with_the_local_time_and_offset():
    set_log_zone(ZoneInfo("America/New_York"))
    line = ZonedFormatter().format(record("sent"))
    assert line.startswith("2025-10-19T21:00:00-04:00 INFO    sent")


def test_json_lines_carry_the_local_time_and_offset():
    set_log_zone(ZoneInfo("Asia/Shanghai"))
    data = json.loads(JsonFormatter().format(record("sent")))
    assert data["ts"] == "2025-10-20T09:00:00.000+08:00" and data["event"] == "sent"


def test_secrets_are_masked_in_messages():
    item = record("posting to https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdef123456")
    SecretFilter({"s3cret-value"}).filter(item)
    assert "abcdef123456" not in item.getMessage()
