"""The channel contract: what every channel type in the registry does alike.

Parametrised over the registry, against a real local HTTP server that answers like each service
(``channels.emulators``) or with each answer the service documents (``channels.answers``).
Bodies and signatures of one service are tested in its own ``test_<service>.py``.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import traceback
from dataclasses import replace
from typing import get_args

import pydantic
import pytest
from pytest_httpserver import HTTPServer

from channels.answers import Answer, case_id, cases
from channels.emulators import SERVICES
from channels.kit import (
    PNG,
    FakeClock,
    LiveChannel,
    MakeChannel,
    client_logs,
    first_then,
    registered_types,
)
from tracker.channels import (
    CHANNEL_TYPES,
    Channel,
    Mention,
    Part,
    PartKind,
    TransportError,
    make_channel,
)
from tracker.channels.parts import body_size, encode_body
from tracker.config.channels import MENTIONING_TYPES, ChannelConfig, ChannelType
from tracker.digest.document import DigestDocument

KEY = "weekly/slot/team/1"
ALL = registered_types()
HTTP = registered_types(http_only=True)
SPLITTING = [t for t in ALL if t != "webhook"]  # the webhook posts the evaluation whole
LIMITED = [t for t in ALL if CHANNEL_TYPES[t].max_bytes is not None]
SHAPED = [t for t in ALL if CHANNEL_TYPES[t].url_template]


def mentioning(style: Mention) -> list[str]:
    return [t for t in ALL if CHANNEL_TYPES[t].mention is style]


def outcome(channel: Channel, part: Part) -> tuple[str, float | None, str]:
    """One attempt's verdict (sent, retry or permanent), its wait and its message."""
    try:
        channel.post(part, KEY)
    except TransportError as exc:
        return ("permanent" if exc.permanent else "retry"), exc.retry_after, str(exc)
    return "sent", None, ""


def exposed(error: TransportError, records: list[logging.LogRecord]) -> str:
    """Everything a failure shows: message, repr, traceback and our log records."""
    shown = [str(error), repr(error), *traceback.format_exception(error)]
    return "\n".join([*shown, client_logs(records)])


# -- the registry ---------------------------------------------------------------------------


def test_registry_has_a_class_for_every_configurable_type() -> None:
    assert sorted(CHANNEL_TYPES) == sorted(get_args(ChannelType))
    assert all(cls.type_name == name for name, cls in CHANNEL_TYPES.items())


@pytest.mark.parametrize("type_name", ALL)
def test_make_channel_builds_the_registered_class(type_name: str, tmp_path: object) -> None:
    where = {"host": "mail.example.org", "from": "a@example.org", "to": ["b@example.org"]}
    settings = where if type_name == "email" else {"url": "https://example.com/h"}
    config = ChannelConfig(type=type_name, path=str(tmp_path), **settings)  # type: ignore[arg-type]
    channel = make_channel("c", config)
    assert type(channel) is CHANNEL_TYPES[type_name] and channel.type_name == type_name


def test_service_modules_and_requests_load_only_when_a_channel_is_made() -> None:
    code = (
        "import sys, tracker.channels as c\n"
        "before = {m for m in sys.modules if m.startswith(('requests', 'tracker.channels.'))}\n"
        "c.make_channel('x', c.ChannelConfig(type='wecom', url='https://h.example/s?key=k'))\n"
        "print(sorted(before), 'tracker.channels.wecom' in sys.modules, 'requests' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    prefix = "tracker.channels."
    loaded = {f"{prefix}{m}" for m in ("base", "markdown", "pacing", "parts", "registry")}
    assert out.stdout.strip() == f"{sorted(loaded)} True True"


# -- what an answer means -------------------------------------------------------------------


@pytest.mark.parametrize(("type_name", "answer"), cases(), ids=case_id)
def test_answer_means_what_the_service_declares(
    type_name: str, answer: Answer, live: LiveChannel, doc: DigestDocument, httpserver: HTTPServer
) -> None:
    channel = live(type_name, lambda request: answer.response())
    verdict, wait, message = outcome(channel, channel.render(doc)[0])
    assert (verdict, wait) == (answer.verdict, answer.wait)
    assert answer.says in message and len(httpserver.log) == 1


@pytest.mark.parametrize(("type_name", "answer"), cases("permanent"), ids=case_id)
def test_permanent_answer_is_never_retried(
    type_name: str, answer: Answer, live: LiveChannel, doc: DigestDocument, clock: FakeClock
) -> None:
    channel = live(type_name, lambda request: answer.response())
    with pytest.raises(TransportError) as caught:
        channel.send(channel.render(doc)[0], KEY)
    assert caught.value.permanent and clock.sleeps == []


@pytest.mark.parametrize(("type_name", "answer"), cases("retry"), ids=case_id)
def test_retryable_answer_is_retried_after_its_wait(
    type_name: str,
    answer: Answer,
    live: LiveChannel,
    doc: DigestDocument,
    clock: FakeClock,
    httpserver: HTTPServer,
) -> None:
    channel = live(type_name, first_then(answer.response(), SERVICES[type_name].handler()))
    # A budget that covers the wait (DingTalk's throttle is ten minutes).
    channel.send(channel.render(doc)[0], KEY, deadline_seconds=max(60, 2 * (answer.wait or 0)))
    assert len(httpserver.log) == 2 and httpserver.log[1][1].status_code < 300
    assert clock.sleeps[0] >= (answer.wait or 0)  # later sleeps are pacing


# -- secrets --------------------------------------------------------------------------------


@pytest.mark.parametrize("type_name", HTTP)
def test_wrong_credential_is_refused_once_and_never_leaks(
    type_name: str,
    live: LiveChannel,
    doc: DigestDocument,
    httpserver: HTTPServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    service = SERVICES[type_name]
    caplog.set_level(logging.DEBUG)
    channel = live(type_name, **service.wrong)
    with pytest.raises(TransportError) as caught:
        channel.send(channel.render(doc)[0], KEY)
    assert caught.value.permanent and len(httpserver.log) == 1
    assert service.refusal in str(caught.value)
    used = {"token": service.token, "secret": service.secret or "", **service.wrong}
    assert [s for s in used.values() if s and s in exposed(caught.value, caplog.records)] == []


@pytest.mark.parametrize("type_name", HTTP)
def test_an_answer_quoting_the_request_is_scrubbed(
    type_name: str, live: LiveChannel, doc: DigestDocument, caplog: pytest.LogCaptureFixture
) -> None:
    service = SERVICES[type_name]
    caplog.set_level(logging.DEBUG)
    channel = live(
        type_name,
        lambda r: Answer("echo", "permanent", f"{r.url} {service.secret}", 400).response(),
    )
    with pytest.raises(TransportError) as caught:
        channel.send(channel.render(doc)[0], KEY)
    leaked = exposed(caught.value, caplog.records)
    assert [s for s in (service.token, service.secret) if s and s in leaked] == []


@pytest.mark.parametrize("type_name", SHAPED)
def test_the_credential_in_the_declared_url_shape_is_masked(
    type_name: str, make: MakeChannel
) -> None:
    template = CHANNEL_TYPES[type_name].url_template
    assert template is not None
    channel = make(type_name, url=template.format(token="Tok3nTok3nTok3nTok3nTok3n42"))
    assert "Tok3n" not in channel.display_url + repr(channel) and "***" in channel.display_url


# -- parts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("type_name", ALL)
def test_every_part_of_a_300_goal_digest_fits_and_is_accepted(
    type_name: str, any_channel: LiveChannel, big_doc: DigestDocument
) -> None:
    channel = any_channel(type_name)
    parts = channel.render(big_doc)
    limit = type(channel).max_bytes
    assert all(channel.fits(p.payload) for p in parts)
    assert limit is None or all(body_size(p.payload) <= limit for p in parts)
    for part in parts:  # the emulators refuse what the real service would
        channel.send(part, f"weekly/slot/team/{part.number}")


@pytest.mark.parametrize("type_name", LIMITED)
def test_a_digest_over_the_limit_is_split_into_as_many_parts_as_its_size_needs(
    type_name: str, any_channel: LiveChannel, big_doc: DigestDocument
) -> None:
    channel = any_channel(type_name)
    doc = replace(big_doc, sections=big_doc.sections * 3)  # 900 goals: over every service's limit
    whole = body_size(channel.body(doc.title, doc.sections, False, {}))
    limit = channel.max_bytes
    assert limit is not None and whole > limit
    assert len(channel.render(doc)) >= whole / limit


@pytest.mark.parametrize("type_name", ALL)
def test_parts_are_numbered_1_to_n(
    type_name: str, any_channel: LiveChannel, big_doc: DigestDocument
) -> None:
    parts = any_channel(type_name, max_bytes=8000).render(replace(big_doc, image=PNG))
    n = len(parts)
    assert [(p.number, p.total) for p in parts] == [(k, n) for k in range(1, n + 1)]


@pytest.mark.parametrize("type_name", SPLITTING)
def test_message_titles_say_k_of_m(
    type_name: str, any_channel: LiveChannel, big_doc: DigestDocument
) -> None:
    parts = any_channel(type_name, max_bytes=8000).render(replace(big_doc, image=PNG))
    messages = [p for p in parts if p.kind is PartKind.MESSAGE]
    m = len(messages)
    assert m > 1
    for k, part in enumerate(messages, start=1):
        assert f"{big_doc.title} ({k}/{m})" in encode_body(part.payload).decode()
        assert part.preview.startswith(f"## {big_doc.title} ({k}/{m})")


@pytest.mark.parametrize("type_name", ALL)
def test_parts_survive_a_json_round_trip(
    type_name: str, any_channel: LiveChannel, big_doc: DigestDocument
) -> None:
    mention = type_name in MENTIONING_TYPES
    parts = any_channel(type_name, mention_all=mention).render(replace(big_doc, image=PNG))
    assert [Part.from_json(p.to_json()) for p in parts] == parts


# -- mention_all ----------------------------------------------------------------------------


@pytest.mark.parametrize("type_name", mentioning(Mention.FIRST_PART))
def test_mention_all_lands_on_the_first_part_only(
    type_name: str, any_channel: LiveChannel, big_doc: DigestDocument
) -> None:
    parts = any_channel(type_name, mention_all=True, max_bytes=8000).render(big_doc)
    mentions = [SERVICES[type_name].mentions(p.payload) for p in parts]
    assert len(parts) > 1 and mentions == [True] + [False] * (len(parts) - 1)


@pytest.mark.parametrize("type_name", mentioning(Mention.OWN_MESSAGE))
def test_mention_all_is_one_message_of_its_own_after_the_digest(
    type_name: str, any_channel: LiveChannel, big_doc: DigestDocument
) -> None:
    parts = any_channel(type_name, mention_all=True).render(replace(big_doc, image=PNG))
    kinds = [p.kind for p in parts]
    assert kinds == [PartKind.MESSAGE] * (len(parts) - 2) + [PartKind.MENTION, PartKind.IMAGE]
    assert [SERVICES[type_name].mentions(p.payload) for p in parts].count(True) == 1
    assert SERVICES[type_name].mentions(parts[-2].payload)


@pytest.mark.parametrize(
    "type_name", mentioning(Mention.FIRST_PART) + mentioning(Mention.OWN_MESSAGE)
)
def test_nobody_is_mentioned_unless_asked(
    type_name: str, any_channel: LiveChannel, big_doc: DigestDocument
) -> None:
    parts = any_channel(type_name).render(replace(big_doc, image=PNG))
    assert not any(SERVICES[type_name].mentions(p.payload) for p in parts)


@pytest.mark.parametrize("type_name", mentioning(Mention.NONE))
def test_mention_all_is_refused_where_the_service_cannot_mention(type_name: str) -> None:
    settings = {"path": "out"} if type_name == "file" else {"url": "https://h.example/x"}
    with pytest.raises(pydantic.ValidationError, match="cannot mention everyone"):
        ChannelConfig(type=type_name, mention_all=True, **settings)  # type: ignore[arg-type]


def test_check_and_the_channel_classes_agree_on_who_can_mention() -> None:
    declared = set(mentioning(Mention.FIRST_PART) + mentioning(Mention.OWN_MESSAGE))
    assert declared == set(MENTIONING_TYPES)
