"""Shared fixtures for channel tests: a fake clock, sample digests and a channel factory.

Service emulators (local HTTP servers answering like WeCom, DingTalk, ...) live in each service's
test module; they all run on pytest-httpserver's real HTTP server.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from channel_kit import PAYLOAD, FakeClock, MakeChannel, goal_lines

from tracker.channels import Channel, ChannelConfig, make_channel
from tracker.digest.document import DigestDocument, Section


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _fresh_pacing() -> Iterator[None]:
    # pytest-httpserver reuses one port, so every test posts to the same URLs.
    Channel.reset_pacing()
    yield
    Channel.reset_pacing()


@pytest.fixture
def make(clock: FakeClock) -> MakeChannel:
    """``make("wecom", url=..., secret=...)`` -> a channel on the fake clock, seeded jitter."""

    def factory(type_: str, name: str = "team", **settings: Any) -> Channel:
        config = ChannelConfig(type=type_, **settings)
        return make_channel(name, config, clock=clock, rng=random.Random(7))

    return factory


@pytest.fixture
def doc() -> DigestDocument:
    """A small Chinese digest that fits in one message everywhere."""
    return DigestDocument(
        digest="weekly",
        title="深圳市2025年目标进度周报",
        language="zh",
        sections=(
            Section(
                "经济",
                ("- **地区生产总值**：增长 5.2%，目标 5.5% [统计局](https://tjj.sz.gov.cn/a/1)",),
            ),
            Section("民生", ("- 城镇新增就业 8.1 万人，目标 15 万人", "> 上半年数据，口径见说明")),
        ),
        payload=dict(PAYLOAD),
    )


@pytest.fixture
def big_doc() -> DigestDocument:
    """A Chinese digest of about 45 KB: every service has to split it."""
    sections = tuple(Section(f"第{k}组", goal_lines(60, f"指标{k}-")) for k in range(1, 6))
    return DigestDocument("weekly", "全省目标进度", "zh", sections, payload=dict(PAYLOAD))
