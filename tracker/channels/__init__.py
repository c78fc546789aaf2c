"""Delivery channels: one module per service, all on :mod:`tracker.channels.base`.

Service modules (and ``requests``) are imported when a channel of their type is made, through
:mod:`tracker.channels.registry`; ``HttpChannel`` is imported on first use of the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.channels.base import Channel, Mention, TransportError
from tracker.channels.pacing import Clock, SystemClock
from tracker.channels.parts import Part, PartKind
from tracker.channels.registry import CHANNEL_TYPES, channel_class, make_channel
from tracker.config.channels import ChannelConfig
from tracker.secrets import mask_url

if TYPE_CHECKING:
    from tracker.channels.http import HttpChannel


def __getattr__(name: str) -> Any:
    # PEP 562: the HTTP base needs requests, which only HTTP channels should load.
    if name == "HttpChannel":
        from tracker.channels.http import HttpChannel

        return HttpChannel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CHANNEL_TYPES",
    "Channel",
    "ChannelConfig",
    "Clock",
    "HttpChannel",
    "Mention",
    "Part",
    "PartKind",
    "SystemClock",
    "TransportError",
    "channel_class",
    "make_channel",
    "mask_url",
]
