"""One line per event, human-readable or JSON, with webhook keys and secrets masked.

Times are in the configured zone with their offset (``2025-10-20T09:00:01+08:00``), in both
forms, so a line reads the same as the slot times it mentions.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from tracker.secrets import mask_text, mask_url

_URL = re.compile(r"https?://[^\s'\"<>]+")
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
_zone: list[tzinfo] = [ZoneInfo("Asia/Shanghai")]


def set_log_zone(zone: tzinfo) -> None:
    """Show log times in ``zone`` from now on (the project's ``timezone``; reloads change it)."""
    _zone[0] = zone


def log_time(record: logging.LogRecord, timespec: str = "seconds") -> str:
    return datetime.fromtimestamp(record.created, _zone[0]).isoformat(timespec=timespec)


class ZonedFormatter(logging.Formatter):
    """``TIME LEVEL message`` with the time in the configured zone and its offset."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"{log_time(record)} {record.levelname:<7} {record.getMessage()}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class SecretFilter(logging.Filter):
    """Masks credentials in every URL of a log message, and any configured secret verbatim."""

    def __init__(self, secrets: set[str] | None = None) -> None:
        super().__init__()
        self.secrets = {s for s in (secrets or set()) if len(s) >= 4}

    def mask(self, text: str) -> str:
        text = mask_text(_URL.sub(lambda m: mask_url(m.group(0)), text))
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.mask(record.getMessage())
        record.args = None
        for key, value in vars(record).items():
            if key not in _STANDARD and isinstance(value, str):
                setattr(record, key, self.mask(value))
        return True


class JsonFormatter(logging.Formatter):
    """``{"ts": ..., "level": ..., "event": ..., "message": ..., **extra}`` per line."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": log_time(record, "milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(data, ensure_ascii=False, default=str)


def setup_logging(
    *,
    json_lines: bool = False,
    level: int = logging.INFO,
    secrets: set[str] | None = None,
    zone: tzinfo | None = None,
) -> SecretFilter:
    """Configure the root logger once; returns the filter so secrets can be added on reload."""
    if zone is not None:
        set_log_zone(zone)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else ZonedFormatter())
    secret_filter = SecretFilter(secrets)
    handler.addFilter(secret_filter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("apscheduler", "urllib3", "watchfiles"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return secret_filter
