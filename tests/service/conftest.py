"""Fixtures for the scheduler: the test project wired to a local receiver."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from service.kit import Receiver, settings
from tracker.channels.base import Channel
from tracker.service.daemon import Daemon


@pytest.fixture(autouse=True)
def _fresh_pacing() -> Iterator[None]:
    Channel.reset_pacing()
    yield


@pytest.fixture
def receiver(httpserver: HTTPServer) -> HTTPServer:
    httpserver.expect_request("/hook", method="POST").respond_with_data("", status=204)
    return httpserver


@pytest.fixture
def write_settings(project_dir: Path, httpserver: HTTPServer) -> Callable[..., Path]:
    def write(**options: str) -> Path:
        path = project_dir / "config" / "tracker.yaml"
        path.write_text(settings(httpserver.url_for("").rstrip("/"), **options), "utf-8")
        return path

    return write


@pytest.fixture
def service(write_settings: Callable[..., Path], project_dir: Path) -> Iterator[Daemon]:
    """An in-process service (not started: tests call run_once) with a short retry budget."""
    write_settings()
    created = Daemon(project_dir / "config", retry_budget=2)
    yield created
    created.stop()


@pytest.fixture
def slow_receiver() -> Iterator[Callable[..., Receiver]]:
    """``slow_receiver(delay)``: a threaded receiver answering each request after ``delay(n)``
    seconds (see :class:`service.kit.Receiver`); stopped at the end."""
    started: list[Receiver] = []

    def start(delay: Callable[[int], float] = lambda n: 0.0) -> Receiver:
        started.append(Receiver(delay).start())
        return started[-1]

    yield start
    for receiver in started:
        receiver.stop()


class Runner:
    """A real `tracker run` process on the test project; its log goes to a file."""

    def __init__(self, project_dir: Path, database: Path | str, index: int) -> None:
        import os
        import subprocess
        import sys

        self.log_path = project_dir.parent / f"run-{index}.log"
        env = os.environ | {"TRACKER_DATABASE": str(database), "PYTHONUNBUFFERED": "1"}
        env.pop("TRACKER_CONFIG", None)
        self.log_file = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tracker", "run", "--config", str(project_dir / "config")],
            cwd=project_dir,
            env=env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )

    @property
    def log(self) -> str:
        return self.log_path.read_text("utf-8")

    def signal(self, signum: int) -> None:
        self.process.send_signal(signum)

    def wait(self, timeout: float = 15) -> int:
        return self.process.wait(timeout)


@pytest.fixture
def shared_database(tmp_path: Path) -> Path | str:
    """The store every spawned process shares: an SQLite file (a test module may override it)."""
    return tmp_path / "shared.db"


@pytest.fixture
def spawn(project_dir: Path, shared_database: Path | str) -> Iterator[Callable[[], Runner]]:
    """Start `tracker run` processes sharing one database; all are killed at the end."""
    started: list[Runner] = []

    def start() -> Runner:
        runner = Runner(project_dir, shared_database, len(started))
        started.append(runner)
        return runner

    yield start
    for runner in started:
        if runner.process.poll() is None:
            runner.process.kill()
            runner.process.wait()
        runner.log_file.close()
