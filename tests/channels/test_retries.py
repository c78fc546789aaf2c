"""Retrying one part: full-jitter backoff, Retry-After, a time budget and bounded attempts."""

from __future__ import annotations

import pytest

from channels.kit import FakeClock, ScriptedChannel
from tracker.channels import Channel, Part, TransportError


def transient(retry_after: float | None = None) -> TransportError:
    return TransportError("busy", permanent=False, retry_after=retry_after)


def test_transient_errors_retry_with_growing_full_jitter(clock: FakeClock) -> None:
    channel = ScriptedChannel(clock, [transient(), transient(), transient()])
    channel.send(Part(1, 1, {}), "d/s/rec/1")
    assert len(channel.posted) == 4
    assert [d <= cap for d, cap in zip(clock.sleeps, [1, 2, 4], strict=True)] == [True] * 3


def test_retry_after_is_honoured(clock: FakeClock) -> None:
    channel = ScriptedChannel(clock, [transient(retry_after=7.5)])
    channel.send(Part(1, 1, {}), "d/s/rec/1")
    assert clock.sleeps[0] >= 7.5
    assert len(channel.posted) == 2


def test_permanent_error_is_never_retried(clock: FakeClock) -> None:
    channel = ScriptedChannel(clock, [TransportError("bad key", permanent=True)])
    with pytest.raises(TransportError) as caught:
        channel.send(Part(1, 1, {}), "d/s/rec/1")
    assert caught.value.permanent
    assert len(channel.posted) == 1 and clock.sleeps == []


def test_gives_up_when_next_wait_exceeds_budget(clock: FakeClock) -> None:
    channel = ScriptedChannel(clock, [transient(retry_after=40)] * 5)
    with pytest.raises(TransportError) as caught:
        channel.send(Part(1, 1, {}), "d/s/rec/1", deadline_seconds=60)
    assert not caught.value.permanent and caught.value.retry_after == 40
    assert len(channel.posted) == 2  # waited 40 s once; 80 s would exceed 60


def test_attempts_are_bounded(clock: FakeClock) -> None:
    channel = ScriptedChannel(clock, [transient()] * 20)
    with pytest.raises(TransportError):
        channel.send(Part(1, 1, {}), "d/s/rec/1", deadline_seconds=10_000)
    assert len(channel.posted) == Channel.max_attempts
