"""Nothing secret is ever shown: generic webhook tokens of any shape, DingTalk's per-request
sign (issue 13, item 16)."""

from __future__ import annotations

import logging

import pytest

from tracker.secrets import MaskingFilter, mask_text, mask_url


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("https://hooks.example.com/hooks/abcdefsecret", "https://hooks.example.com/hooks/***"),
        ("https://example.com/in/Xy12ab", "https://example.com/in/***"),
        ("https://receiver.example/tracker/s3cr3t", "https://receiver.example/tracker/***"),
        ("https://receiver.example/SECRETTOKEN", "https://receiver.example/***"),
        ("https://stats.example.org/v2/figures.csv", "https://stats.example.org/v2/figures.csv"),
    ],
)
def test_a_generic_webhook_token_is_masked_whatever_its_shape(url: str, masked: str) -> None:
    assert mask_url(url) == masked


def test_a_database_path_is_no_secret() -> None:
    assert (
        mask_url("sqlite:////var/lib/tracker/tracker.db") == "sqlite:////var/lib/tracker/tracker.db"
    )


def test_dingtalks_sign_is_masked_in_text_and_in_urllib3_lines() -> None:
    signed = "/robot/send?access_token=T0KEN&timestamp=1700000000000&sign=ab%2Bcd%2F%3D"
    record = logging.makeLogRecord(
        {"msg": '%s "POST %s HTTP/1.1" 200', "args": ("https://oapi.dingtalk.com:443", signed)}
    )
    MaskingFilter().filter(record)
    assert "ab%2Bcd" not in record.getMessage() and "T0KEN" not in record.getMessage()
    assert mask_text("rejected: timestamp=1&sign=ab+cd/ef=") == "rejected: timestamp=1&sign=***"


def test_plain_words_and_file_paths_in_a_message_stay_readable() -> None:
    text = "config/tracker.yaml:3: Unknown Webhook (webhook deleted?)"
    assert mask_text(text) == text
