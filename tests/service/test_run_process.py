"""The real scheduler in real processes, against a local receiver, on short schedules."""

from __future__ import annotations

import signal
import time
from datetime import datetime

import pytest

from service.kit import alerts_received, slots_received, wait_until

pytestmark = pytest.mark.slow


def slot_seconds(slot: str) -> float:
    return datetime.fromisoformat(slot).timestamp()


def test_digests_arrive_on_time_once_per_slot(write_settings, receiver, spawn):
    write_settings(schedule='{every: "2s"}', catch_up="1h")
    arrivals: list[tuple[float, str]] = []
    spawn()
    assert wait_until(lambda: len(slots_received(receiver)) >= 3)
    arrivals = [(time.time(), s) for s in slots_received(receiver)]
    slots = [s for _, s in arrivals]
    assert len(slots) == len(set(slots))
    assert all(slot_seconds(s) % 2 == 0 for s in slots)  # aligned to the interval, not the start
    assert arrivals[-1][0] - slot_seconds(slots[-1]) < 3


def test_killed_process_restarted_later_catches_up_exactly_once(write_settings, receiver, spawn):
    write_settings(schedule='{every: "4s"}', catch_up="1h")
    first = spawn()
    assert wait_until(lambda: len(slots_received(receiver)) >= 1)
    first.signal(signal.SIGKILL)
    first.wait()
    down_since = time.time()
    time.sleep(5)  # at least one slot falls while nothing runs
    second = spawn()
    assert wait_until(lambda: "slot claimed" in second.log)
    caught_up = second.log.split("slot claimed: weekly ")[1].split()[0]
    assert down_since < slot_seconds(caught_up) < time.time()
    assert wait_until(lambda: len(slots_received(receiver)) >= 3)
    slots = slots_received(receiver)
    assert len(slots) == len(set(slots))


def test_two_processes_on_one_database_deliver_each_slot_once(write_settings, receiver, spawn):
    write_settings(schedule='{every: "2s"}', catch_up="1h")
    spawn(), spawn()
    assert wait_until(lambda: len(slots_received(receiver)) >= 4)
    time.sleep(1)
    slots = slots_received(receiver)
    assert len(slots) == len(set(slots))


def test_invalid_config_edit_leaves_the_process_running(write_settings, receiver, spawn):
    path = write_settings(schedule='{every: "2s"}', catch_up="1h")
    runner = spawn()
    assert wait_until(lambda: len(slots_received(receiver)) >= 1)
    path.write_text(path.read_text() + "  - name: [broken\n")
    assert wait_until(lambda: "config invalid" in runner.log)
    delivered = len(slots_received(receiver))
    assert wait_until(lambda: len(slots_received(receiver)) > delivered)
    assert runner.process.poll() is None
    assert "config/tracker.yaml:" in runner.log


def test_new_figure_file_triggers_an_alert(write_settings, receiver, spawn, project_dir):
    write_settings(catch_up="1s")
    folder = project_dir / "config" / "figures"
    folder.mkdir()
    runner = spawn()
    assert wait_until(lambda: "watching" in runner.log)
    (folder / "q3.csv").write_text(
        "goal,period,value,unit,published\ndemo-2025-investment,2025-09,190,亿元,2025-10-15\n"
    )
    assert wait_until(lambda: alerts_received(receiver))
    (alert,) = alerts_received(receiver)
    assert [(g["id"], g["status"]) for g in alert["goals"]] == [
        ("demo-2025-investment", "achieved")
    ]


def test_sigterm_exits_cleanly(write_settings, receiver, spawn):
    write_settings(catch_up="1s")
    runner = spawn()
    assert wait_until(lambda: "watching" in runner.log)
    runner.signal(signal.SIGTERM)
    assert runner.wait() == 0
    assert "stopped" in runner.log


def test_run_once_twice_sends_once_and_says_so(write_settings, receiver, project_dir, tmp_path):
    import os
    import subprocess
    import sys

    write_settings(schedule='{every: "1h"}', catch_up="2h")
    env = os.environ | {"TRACKER_DATABASE": str(tmp_path / "once.db")}
    command = [sys.executable, "-m", "tracker", "run", "--once", "--log-json"]
    runs = [
        subprocess.run(command, cwd=project_dir, env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0]
    assert len(slots_received(receiver)) == 1
    assert '"event": "done"' in runs[1].stderr and "done: 0 sent" in runs[1].stderr
