"""A live `tracker run` against crashes, slow services and hostile files (real processes)."""

from __future__ import annotations

import signal
import time

import pytest

from service.kit import settings, wait_until

pytestmark = pytest.mark.slow

# "Billion laughs" in 324 bytes: nine levels of nine aliases each (9^9 "lol"s once expanded).
ALIAS_BOMB = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def configure(project_dir, receiver, **options):
    path = project_dir / "config" / "tracker.yaml"
    path.write_text(settings(receiver.url("").rstrip("/"), **options), "utf-8")
    return path


def stop_within(runner, seconds: float) -> tuple[int, float]:
    start = time.monotonic()
    runner.signal(signal.SIGTERM)
    code = runner.wait(timeout=seconds + 5)
    return code, time.monotonic() - start


def test_a_slot_whose_sender_was_killed_mid_request_is_finished_by_a_live_replica(
    project_dir, slow_receiver, spawn
):
    receiver = slow_receiver(lambda n: 120.0 if n == 0 else 0.0)  # the first post hangs
    configure(project_dir, receiver, schedule='{every: "1h"}', catch_up="2h")
    first = spawn()
    assert wait_until(lambda: len(receiver.arrivals) == 1)
    second = spawn()
    assert wait_until(lambda: "started" in second.log or "tracker running" in second.log)
    time.sleep(1)
    first.signal(signal.SIGKILL)
    first.wait()
    killed = time.monotonic()
    assert wait_until(lambda: len(receiver.arrivals) == 2, timeout=60)
    assert time.monotonic() - killed < 60
    ids = receiver.ids()
    assert ids[0] == ids[1]  # the same webhook-id: the receiver can drop the repeat
    assert "resending once" in second.log or "the process sending it stopped" in second.log


def test_an_alias_bomb_in_the_figures_folder_does_not_stop_the_digests(
    project_dir, slow_receiver, spawn
):
    receiver = slow_receiver()
    configure(project_dir, receiver, schedule='{every: "3s"}', catch_up="1h")
    folder = project_dir / "config" / "figures"
    folder.mkdir()
    runner = spawn()
    assert wait_until(lambda: len(receiver.arrivals) >= 1)
    (folder / "bomb.yaml").write_text(ALIAS_BOMB)
    assert len(ALIAS_BOMB.encode()) <= 342
    assert wait_until(lambda: "bomb.yaml" in runner.log)
    delivered = len(receiver.arrivals)
    assert wait_until(lambda: len(receiver.arrivals) > delivered, timeout=10)
    code, took = stop_within(runner, 10)
    assert code == 0 and took < 10


def test_an_alias_bomb_among_the_goals_does_not_stop_later_reloads(
    project_dir, slow_receiver, spawn
):
    receiver = slow_receiver()
    path = configure(project_dir, receiver, schedule='{every: "3s"}', catch_up="1h")
    runner = spawn()
    assert wait_until(lambda: "watching" in runner.log)
    bomb = project_dir / "config" / "goals" / "bomb.yaml"
    bomb.write_text(ALIAS_BOMB)
    assert wait_until(lambda: "config invalid" in runner.log)
    bomb.unlink()
    path.write_text(path.read_text().replace('"3s"', '"4s"'))
    assert wait_until(lambda: "every 4s" in runner.log)
    assert runner.process.poll() is None


def test_sigterm_with_a_request_in_flight_exits_0_within_10_seconds(
    project_dir, slow_receiver, spawn
):
    receiver = slow_receiver(lambda n: 60.0)
    configure(project_dir, receiver, schedule='{every: "1h"}', catch_up="2h", hook="timeout: 30")
    runner = spawn()
    assert wait_until(lambda: len(receiver.arrivals) == 1)
    code, took = stop_within(runner, 10)
    assert code == 0 and took < 10
    assert "still in flight" in runner.log


def test_a_slow_feed_does_not_hold_up_the_digests(project_dir, slow_receiver, spawn):
    receiver = slow_receiver()
    receiver.feed_delay = 8.0
    path = configure(project_dir, receiver, schedule='{every: "2s"}', catch_up="1h")
    path.write_text(
        path.read_text() + f'feeds:\n  - url: "{receiver.url("/feed")}"\n    timeout: 30\n'
    )
    spawn()
    started = time.monotonic()
    assert wait_until(lambda: len(receiver.arrivals) >= 3, timeout=7.5)
    assert time.monotonic() - started < 8.0  # all while the feed was still being fetched
