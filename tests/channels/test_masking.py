"""Keeping credentials out of what a channel shows: masked URLs, scrubbed errors."""

from __future__ import annotations

import random
import traceback

import pytest

from channels.kit import FakeClock
from tracker.channels import ChannelConfig, Part, TransportError, make_channel
from tracker.secrets import mask_url

# Each service's credential placement, and a long token-like segment of an unknown one.
MASKED = [
    (
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx",
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***",
    ),
    (
        "https://oapi.dingtalk.com/robot/send?access_token=abc123&x=1",
        "https://oapi.dingtalk.com/robot/send?access_token=***&x=1",
    ),
    (
        "https://open.feishu.cn/open-apis/bot/v2/hook/2d8f-4c1e",
        "https://open.feishu.cn/open-apis/bot/v2/hook/***",
    ),
    (
        "https://discord.com/api/webhooks/1234/SeCrEt-ToKeN",
        "https://discord.com/api/webhooks/1234/***",
    ),
    (
        "https://hooks.slack.com/services/T0/B0/XXXXXXXX",
        "https://hooks.slack.com/services/***",
    ),
    (
        "https://x.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sp=%2F&sig=Zz9",
        "https://x.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sp=%2F&sig=***",
    ),
    ("https://user:pw@example.com/hook", "https://***@example.com/hook"),
    (
        "https://example.com/in/9f86d081884c7d659a2feaa0c55ad015",
        "https://example.com/in/***",
    ),
]
CREDENTIAL_QUERY_KEYS = [
    "apikey",
    "api_key",
    "api-key",
    "auth",
    "password",
    "passwd",
    "signature",
    "ticket",
    "credential",
    "access_key",
    "ApiKey",
    "API_KEY",
    "Password",
    "ACCESS_KEY",
]


@pytest.mark.parametrize(("url", "masked"), MASKED)
def test_mask_url(url: str, masked: str) -> None:
    assert mask_url(url) == masked


@pytest.mark.parametrize("key", CREDENTIAL_QUERY_KEYS)
def test_mask_url_hides_other_credential_query_keys_in_any_case(key: str) -> None:
    masked = mask_url(f"https://h.example/figs.json?year=2025&{key}=S3cr3t&fmt=csv")
    assert masked == f"https://h.example/figs.json?year=2025&{key}=***&fmt=csv"


def test_error_scrubs_url_tokens_and_secret(clock: FakeClock) -> None:
    config = ChannelConfig(type="wecom", url="https://h.example/send?key=KEY-777", secret="S3cr3t!")
    channel = make_channel("c", config, clock=clock)
    error = channel.error("server said key=KEY-777 secret=S3cr3t!", permanent=True)
    assert "KEY-777" not in str(error) and "S3cr3t!" not in str(error)


def test_network_failure_is_transient_and_masked(clock: FakeClock) -> None:
    config = ChannelConfig(type="wecom", url="http://127.0.0.1:9/send?key=KEY-NET-1", timeout=0.5)
    channel = make_channel("c", config, clock=clock, rng=random.Random(0))
    with pytest.raises(TransportError) as caught:
        channel.send(Part(1, 1, {}), "d/s/c/1", deadline_seconds=0)
    assert not caught.value.permanent
    assert "KEY-NET-1" not in "".join(traceback.format_exception(caught.value))
    assert "key=***" in str(caught.value)
