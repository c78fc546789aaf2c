"""One line per event, human-readable or JSON, with webhook keys and secrets masked."""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

from tracker.secrets import mask_text, mask_url

_URL = re.compile(r"https?://[^\s'\"<>]+")
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


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
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(data, ensure_ascii=False, default=str)


def setup_logging(
    *, json_lines: bool = False, level: int = logging.INFO, secrets: set[str] | None = None
) -> SecretFilter:
    """Configure the root logger once; returns the filter so secrets can be added on reload."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter()
        if json_lines
        else logging.Formatter("%(asctime)s %(levelname)-7s %(message)s", "%Y-%m-%d %H:%M:%S")
    )
    secret_filter = SecretFilter(secrets)
    handler.addFilter(secret_filter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("apscheduler", "urllib3", "watchfiles"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return secret_filter
