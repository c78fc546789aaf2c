"""Replicas of `tracker run` in real processes on one PostgreSQL store: each slot once, a killed
replica's slot finished by another (a server restart: test_restart.py)."""

from __future__ import annotations

import itertools
import json
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from store import backends
from werkzeug import Request, Response

from service.kit import slots_received, wait_until
from service.replicas import ledger, seconds

pytestmark = pytest.mark.slow
RUN_SECONDS = 20


@pytest.fixture
def shared_database(tmp_path: Path) -> Iterator[str]:
    """Every spawned replica's store: a schema of its own on the test server."""
    with backends.postgres(tmp_path) as url:
        yield url


@pytest.fixture
def every_2s(write_settings: Callable[..., Path]) -> None:
    write_settings(schedule='{every: "2s"}', catch_up="1h")


@pytest.mark.usefixtures("every_2s")
def test_three_replicas_deliver_every_slot_once(receiver: HTTPServer, spawn, shared_database):
    replicas = [spawn() for _ in range(3)]
    time.sleep(RUN_SECONDS)
    for replica in replicas:
        replica.signal(signal.SIGTERM)
    assert [replica.wait() for replica in replicas] == [0, 0, 0]
    received = sorted(seconds(s) for s in slots_received(receiver))
    assert len(received) >= RUN_SECONDS // 2 - 3
    gaps = {b - a for a, b in itertools.pairwise(received)}
    assert gaps == {2}, [replica.log for replica in replicas]  # every slot, none twice
    assert {status for _, status in ledger(shared_database)} == {"sent"}


@pytest.mark.usefixtures("every_2s")
def test_a_replica_killed_mid_slot_is_finished_by_another(httpserver, spawn, shared_database):
    stalled: list[tuple[int, float]] = []  # (the poster's port, the slot) of the stalled post

    def answer(request: Request) -> Response:
        if not stalled and len(httpserver.log) >= 2:
            stalled.append(
                (request.environ["REMOTE_PORT"], seconds(json.loads(request.data)["slot"]))
            )
            time.sleep(4)  # the replica posting this is killed meanwhile
        return Response("", status=204)

    httpserver.expect_request("/hook").respond_with_handler(answer)
    replicas = {replica.process.pid: replica for replica in (spawn(), spawn(), spawn())}
    assert wait_until(lambda: stalled, timeout=30)
    [(port, moment)] = stalled
    killed = replicas[owner_of_port(port, replicas)]
    killed.signal(signal.SIGKILL)
    killed.wait()  # reaped, as systemd would: its pid is gone, so its parts are abandoned
    slot = next(key for key, _ in ledger(shared_database) if seconds(key) == moment)
    # The part in flight is uncertain; a webhook resends it (resend_uncertain), once.
    assert wait_until(lambda: _status(shared_database, slot) == "sent", timeout=80)
    posted = [
        (request.headers["webhook-id"], seconds(json.loads(request.data)["slot"]))
        for request, _ in httpserver.log
    ]
    ids = [key for key, _ in posted]
    repeated = {moment for key, moment in posted if ids.count(key) > 1}
    assert repeated == {moment}  # the part in flight when its sender died, alone


def owner_of_port(port: int, pids: Iterable[int]) -> int:
    """Which of ``pids`` has a TCP socket on local ``port`` (Linux: /proc/net and fd links)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with suppress(OSError):
                if os.readlink(fd) in inodes:
                    return pid
    raise LookupError(f"no process of {list(pids)} owns local port {port}")


def _status(url: str, slot: str) -> str:
    return next(status for key, status in ledger(url) if key == slot)
