"""Fixtures for digests and delivery: the test project with channels, figures and a receiver.

Loaded for every test package through ``pytest_plugins`` in tests/conftest.py.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from delivery.kit import DING_TOKEN, SETTINGS, WECOM_KEY, WHSEC, FakeClock
from tracker.channels import Channel, ChannelConfig, make_channel
from tracker.channels.base import Channel as BaseChannel
from tracker.config.project import Project, load_project
from tracker.delivery.sender import Deliverer
from tracker.ingest.importer import add_figure
from tracker.store.database import Store


@pytest.fixture(autouse=True)
def _fresh_pacing() -> Iterator[None]:
    BaseChannel.reset_pacing()
    yield
    BaseChannel.reset_pacing()


@pytest.fixture
def configure(project_dir: Path, httpserver: HTTPServer) -> Callable[[str], Project]:
    """Write config/tracker.yaml (``{url}`` is the local receiver; ``changes`` replaces text
    in it) and load the project."""

    def write(extra: str = "", changes: dict[str, str] | None = None) -> Project:
        text = SETTINGS.format(
            url=httpserver.url_for("").rstrip("/"),
            whsec=WHSEC,
            wecom_key=WECOM_KEY,
            ding_token=DING_TOKEN,
        )
        for old, new in (changes or {}).items():
            assert old in text, old
            text = text.replace(old, new)
        (project_dir / "config" / "tracker.yaml").write_text(text + textwrap.dedent(extra))
        return load_project(project_dir / "config")

    return write


@pytest.fixture
def delivery_project(configure: Callable[[str], Project]) -> Project:
    return configure()


@pytest.fixture
def dstore(delivery_project: Project) -> Iterator[Store]:
    opened = Store.open(delivery_project)
    yield opened
    opened.close()


@pytest.fixture
def with_figures(delivery_project: Project, dstore: Store) -> Store:
    """Figures to 2025-09: GDP +5.5 % (at risk), investment 150亿元 (ahead), high-tech 440家."""
    for goal, period, value, unit in [
        ("demo-2025-gdp", "2025-09", "5.5", "%"),
        ("demo-2025-investment", "2025-09", "150", "亿元"),
        ("demo-2025-high-tech", "2025-09", "440", "家"),
        ("town-2025-groundbreaking", "2025-05", "完成", None),
    ]:
        result = add_figure(
            dstore, delivery_project, goal, period, value, unit=unit, published="2025-10-15"
        )
        assert result.ok, result.problems
    return dstore


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_deliverer(with_figures: Store, clock: FakeClock) -> Callable[[Project], Deliverer]:
    """A Deliverer for ``project`` on the store with figures, its channels on the fake clock."""

    def make(project: Project) -> Deliverer:
        def factory(name: str, config: ChannelConfig) -> Channel:
            return make_channel(name, config, clock=clock)

        return Deliverer(project, with_figures, channel_factory=factory, retry_budget=5)

    return make


@pytest.fixture
def deliverer(
    delivery_project: Project, make_deliverer: Callable[[Project], Deliverer]
) -> Deliverer:
    return make_deliverer(delivery_project)


@pytest.fixture
def override_template(project_dir: Path) -> Callable[[str], Path]:
    """Write config/templates/digest.zh.md.j2, overriding the shipped Chinese digest."""

    def write(text: str) -> Path:
        folder = project_dir / "config" / "templates"
        folder.mkdir(exist_ok=True)
        path = folder / "digest.zh.md.j2"
        path.write_text(text, "utf-8")
        return path

    return write


@pytest.fixture
def dropping_server() -> Iterator[str]:
    """A URL whose server reads the whole request, then closes without answering."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.recv(1 << 20)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/services/T0/B0/drop"
    stop.set()
    thread.join()
    listener.close()


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on: connections are refused before anything is sent."""
    import socket

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = int(probe.getsockname()[1])
    probe.close()
    return port


@pytest.fixture
def slow_server() -> Iterator[Callable[[Callable[..., object]], HTTPServer]]:
    """``slow_server(handler)``: a threaded local server answering every request with
    ``handler`` (several requests at once, unlike ``httpserver``)."""
    servers: list[HTTPServer] = []

    def start(handler: Callable[..., object]) -> HTTPServer:
        server = HTTPServer(threaded=True)
        server.expect_request(re.compile(".*")).respond_with_handler(handler)
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.clear()
        server.stop()
