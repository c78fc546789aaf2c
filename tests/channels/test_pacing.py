"""Pacing: posts per destination stay within the service's rate, across channel objects."""

from __future__ import annotations

from channels.kit import FakeClock, MakeChannel, ScriptedChannel
from tracker.channels import Part


def test_pacing_keeps_posts_per_minute(clock: FakeClock) -> None:
    channel = ScriptedChannel(clock, per_minute=2)
    for n in range(5):
        channel.send(Part(1, 1, {}), f"d/s/rec/{n}")
    assert channel.posted == [1000, 1000, 1060, 1060, 1120]


def test_pacing_is_shared_per_destination(clock: FakeClock) -> None:
    first, second = ScriptedChannel(clock, per_minute=1), ScriptedChannel(clock, per_minute=1)
    first.send(Part(1, 1, {}), "a")
    second.send(Part(1, 1, {}), "b")
    assert second.posted == [1060]


def test_config_can_tighten_but_not_loosen_a_service_limit(make: MakeChannel) -> None:
    url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"
    assert make("wecom", url=url, max_bytes=999_999).max_bytes == make("wecom", url=url).max_bytes
    assert make("wecom", url=url, max_bytes=1000).max_bytes == 1000
    assert make("wecom", url=url, per_minute=600).per_minute == 20
