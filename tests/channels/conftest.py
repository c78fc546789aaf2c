"""Shared fixtures for channel tests: a fake clock, sample digests and channel factories.

``make`` builds a channel from settings; ``live`` builds one posting to a real local HTTP server
(pytest-httpserver) that answers like the service (``channels.emulators``) or as told.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pytest_httpserver import HTTPServer

from channels.emulators import SERVICES
from channels.kit import (
    PAYLOAD,
    PEOPLE,
    FakeClock,
    Handler,
    LiveChannel,
    MakeChannel,
    goal_lines,
    owned_section,
    respond,
)
from channels.smtp import SmtpServer, start_server
from tracker.channels import CHANNEL_TYPES, Channel, ChannelConfig, make_channel
from tracker.digest.document import DigestDocument, Section


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _fresh_pacing() -> Iterator[None]:
    # pytest-httpserver reuses one port, so every test posts to the same URLs.
    Channel.reset_pacing()
    yield
    Channel.reset_pacing()


@pytest.fixture
def make(clock: FakeClock) -> MakeChannel:
    """``make("wecom", url=..., secret=...)`` -> a channel on the fake clock, seeded jitter."""

    def factory(type_: str, name: str = "team", **settings: Any) -> Channel:
        config = ChannelConfig(type=type_, **settings)
        return make_channel(name, config, clock=clock, rng=random.Random(7))

    return factory


def service_url(httpserver: HTTPServer, type_name: str, token: str) -> str:
    """The service's URL shape (``url_template``) with ``token``, on the local server."""
    template = CHANNEL_TYPES[type_name].url_template or f"http://h{SERVICES[type_name].path}"
    parts = urlsplit(template.format(token=token))
    url = httpserver.url_for(parts.path)
    return f"{url}?{parts.query}" if parts.query else url


@pytest.fixture
def live(httpserver: HTTPServer, make: MakeChannel) -> LiveChannel:
    """A channel of ``type`` with the service's credentials, posting to the local server,
    where ``handler`` (default: the service's emulator) answers every request."""

    def factory(type_name: str, handler: Handler | None = None, **settings: Any) -> Channel:
        service = SERVICES[type_name]
        answer = handler or service.handler()
        httpserver.expect_request(re.compile(".*"), method="POST").respond_with_handler(answer)
        url = service_url(httpserver, type_name, settings.pop("token", service.token))
        return make(type_name, url=url, **{"secret": service.secret, **settings})

    return factory


@pytest.fixture
def smtp_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    """A real local SMTP server (STARTTLS with a test CA the client trusts, AUTH required)."""
    server = start_server(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(server.ca_file))  # what create_default_context reads
    yield server
    server.controller.stop()


@pytest.fixture
def apprise_url(httpserver: HTTPServer) -> str:
    """An Apprise ``json://`` URL to the local server, which accepts every notification."""
    httpserver.expect_request("/notify", method="POST").respond_with_handler(
        lambda request: respond({"ok": True})
    )
    return f"json://{httpserver.host}:{httpserver.port}/notify"


@pytest.fixture
def any_channel(
    make: MakeChannel, live: LiveChannel, tmp_path: Path, request: pytest.FixtureRequest
) -> LiveChannel:
    """``any_channel(type, **settings)``: live for HTTP types, a real SMTP server for e-mail,
    ``json://`` to the local server for Apprise, a folder or stdout otherwise."""

    def factory(type_name: str, **settings: Any) -> Channel:
        if type_name in SERVICES:
            return live(type_name, **settings)
        if type_name == "file":
            settings.setdefault("path", str(tmp_path / "out"))
        if type_name == "email":
            settings = request.getfixturevalue("smtp_server").settings(**settings)
        if type_name == "apprise":
            settings.setdefault("url", request.getfixturevalue("apprise_url"))
        return make(type_name, **settings)

    return factory


@pytest.fixture
def doc() -> DigestDocument:
    """A small Chinese digest that fits in one message everywhere."""
    return DigestDocument(
        digest="weekly",
        title="深圳市2025年目标进度周报",
        language="zh",
        sections=(
            Section(
                "经济",
                ("- **地区生产总值**：增长 5.2%，目标 5.5% [统计局](https://tjj.sz.gov.cn/a/1)",),
            ),
            Section("民生", ("- 城镇新增就业 8.1 万人，目标 15 万人", "> 上半年数据，口径见说明")),
        ),
        payload=dict(PAYLOAD),
    )


@pytest.fixture
def big_doc() -> DigestDocument:
    """A Chinese digest of 300 goals, about 45 KB: every service has to split it."""
    sections = tuple(Section(f"第{k}组", goal_lines(60, f"指标{k}-")) for k in range(1, 6))
    return DigestDocument("weekly", "全省目标进度", "zh", sections, payload=dict(PAYLOAD))


@pytest.fixture
def owned_doc(doc: DigestDocument) -> DigestDocument:
    """``doc`` plus a section naming goals of 张伟 and 李娜, with its report link."""
    return replace(doc, sections=(*doc.sections, owned_section()), people=PEOPLE)


HOSTILE_ENTITY = "示范区<at id=all></at>"
HOSTILE_INDICATOR = (
    "GDP**粗** [点我](javascript:alert(1)) <@U999AAA> <!channel> @everyone "
    "<@80351110224678999> <script>x</script> <at>Boss</at>"
)


@pytest.fixture
def hostile_doc(make_goal: Any, make_figure: Any) -> DigestDocument:
    """A real digest (templates and all) of goals whose names try every service's syntax."""
    from datetime import date

    from tracker.config.settings import DigestConfig
    from tracker.digest.compose import build_digest
    from tracker.evaluate import evaluate_all

    goals = [
        make_goal(entity=HOSTILE_ENTITY, indicator=HOSTILE_INDICATOR),
        make_goal(id="g2-2025", entity=HOSTILE_ENTITY, indicator="<@U999AAA> 待定"),
    ]
    figures = {"g-2025": [make_figure("2025-09", 6.2, published=date(2025, 10, 20))]}
    results = evaluate_all(goals, figures, date(2025, 10, 31))
    config = DigestConfig(name="weekly", channels=["x"])
    return build_digest(config, results, as_of=date(2025, 10, 31))
