"""Replicas of `tracker run` ride out a PostgreSQL restart: they reconnect, nothing is lost or
sent twice. The server is a scratch cluster of this test's own, so stopping it disturbs no one."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from store.scratch_server import ScratchServer, scratch_server

from service.kit import slots_received, wait_until
from service.replicas import ledger, seconds

pytestmark = pytest.mark.slow


@pytest.fixture
def server() -> Iterator[ScratchServer]:
    with scratch_server() as started:
        yield started


@pytest.fixture
def shared_database(server: ScratchServer) -> str:
    """Every spawned replica's store: the scratch server's own database."""
    return server.url


@pytest.fixture
def every_2s(write_settings: Callable[..., Path]) -> None:
    write_settings(schedule='{every: "2s"}', catch_up="1h")


@pytest.mark.usefixtures("every_2s")
def test_replicas_ride_out_a_server_restart(
    receiver: HTTPServer, spawn, server: ScratchServer, shared_database: str
):
    replicas = [spawn() for _ in range(3)]
    assert wait_until(lambda: len(slots_received(receiver)) >= 3, timeout=30)
    stopping = time.time()
    server.stop()
    time.sleep(3)  # a slot falls due while the server is down
    server.start()
    back = time.time()
    assert wait_until(lambda: sum(seconds(s) > back for s in slots_received(receiver)) >= 3)
    assert wait_until(lambda: {status for _, status in ledger(shared_database)} == {"sent"}, 80)
    assert all(replica.process.poll() is None for replica in replicas)
    received = [seconds(slot) for slot in slots_received(receiver)]
    assert sorted(received) == sorted(seconds(slot) for slot, _ in ledger(shared_database))
    assert len(received) == len(set(received))
    # The slot whose claim waited for the server went out once it was back (slots falling due
    # while that wait lasted are skipped, as when a process is busy; the next goes out on time).
    assert any(stopping < moment < back for moment in received)
    assert any("database out of reach, retrying" in replica.log for replica in replicas)
