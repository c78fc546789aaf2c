"""Delivery channels: one module per service, all on :mod:`tracker.channels.base`."""

from __future__ import annotations

import random

import requests

from tracker.channels.base import (
    Channel,
    Clock,
    HttpChannel,
    Part,
    SystemClock,
    TransportError,
)
from tracker.channels.dingtalk import DingTalkChannel
from tracker.channels.discord import DiscordChannel
from tracker.channels.feishu import FeishuChannel, LarkChannel
from tracker.channels.file import FileChannel
from tracker.channels.slack import SlackChannel
from tracker.channels.stdout import StdoutChannel
from tracker.channels.teams import TeamsChannel
from tracker.channels.webhook import WebhookChannel
from tracker.channels.wecom import WeComChannel
from tracker.config.channels import ChannelConfig
from tracker.secrets import mask_url

CHANNEL_TYPES: dict[str, type[Channel]] = {
    cls.type_name: cls
    for cls in (
        WeComChannel,
        DingTalkChannel,
        FeishuChannel,
        LarkChannel,
        SlackChannel,
        DiscordChannel,
        TeamsChannel,
        WebhookChannel,
        FileChannel,
        StdoutChannel,
    )
}


def make_channel(
    name: str,
    config: ChannelConfig,
    session: requests.Session | None = None,
    *,
    clock: Clock | None = None,
    rng: random.Random | None = None,
) -> Channel:
    """The channel for ``config.type``, named ``name`` (the key in the configuration)."""
    return CHANNEL_TYPES[config.type](name, config, session, clock=clock, rng=rng)


__all__ = [
    "CHANNEL_TYPES",
    "Channel",
    "ChannelConfig",
    "Clock",
    "HttpChannel",
    "Part",
    "SystemClock",
    "TransportError",
    "make_channel",
    "mask_url",
]
