"""Which class delivers each channel type, imported only when a channel of that type is made.

The table names classes as ``"module:Class"`` (the healthchecks habit), so importing
:mod:`tracker.channels` loads neither the service modules nor ``requests``.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from tracker.config.channels import ChannelConfig

if TYPE_CHECKING:
    import requests

    from tracker.channels.base import Channel
    from tracker.channels.pacing import Clock

# One entry per ``ChannelType`` of the configuration (the contract test checks it).
CHANNEL_CLASSES: Mapping[str, str] = {
    "wecom": "tracker.channels.wecom:WeComChannel",
    "dingtalk": "tracker.channels.dingtalk:DingTalkChannel",
    "feishu": "tracker.channels.feishu:FeishuChannel",
    "lark": "tracker.channels.feishu:LarkChannel",
    "slack": "tracker.channels.slack:SlackChannel",
    "discord": "tracker.channels.discord:DiscordChannel",
    "teams": "tracker.channels.teams:TeamsChannel",
    "webhook": "tracker.channels.webhook:WebhookChannel",
    "email": "tracker.channels.email:EmailChannel",
    "apprise": "tracker.channels.apprise:AppriseChannel",
    "file": "tracker.channels.file:FileChannel",
    "stdout": "tracker.channels.stdout:StdoutChannel",
}


def channel_class(type_name: str) -> type[Channel]:
    """The class for ``type_name``, importing its module now; ``KeyError`` for unknown types."""
    module_name, _, class_name = CHANNEL_CLASSES[type_name].partition(":")
    cls: type[Channel] = getattr(importlib.import_module(module_name), class_name)
    return cls


class ChannelTypes(Mapping[str, "type[Channel]"]):
    """``type name -> class``, read-only; a class is imported when it is looked up."""

    def __getitem__(self, type_name: str) -> type[Channel]:
        return channel_class(type_name)

    def __iter__(self) -> Iterator[str]:
        return iter(CHANNEL_CLASSES)

    def __len__(self) -> int:
        return len(CHANNEL_CLASSES)


CHANNEL_TYPES: Mapping[str, type[Channel]] = ChannelTypes()


def make_channel(
    name: str,
    config: ChannelConfig,
    session: requests.Session | None = None,
    *,
    clock: Clock | None = None,
    rng: random.Random | None = None,
) -> Channel:
    """The channel for ``config.type``, named ``name`` (the key in the configuration)."""
    return channel_class(config.type)(name, config, session, clock=clock, rng=rng)
