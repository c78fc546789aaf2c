"""The shared machinery: splitting, parts, retries within a budget, pacing, masking, config."""

from __future__ import annotations

import random
import traceback
from collections.abc import Sequence
from typing import Any

import pydantic
import pytest
from channel_kit import FakeClock, MakeChannel, goal_lines

from tracker.channels import CHANNEL_TYPES, ChannelConfig, Part, TransportError, make_channel
from tracker.channels.base import Channel
from tracker.channels.markdown import markdown_text
from tracker.channels.parts import body_size
from tracker.digest.document import DigestDocument, Section
from tracker.secrets import mask_url


class Recorder(Channel):
    """A channel whose posts follow a script: None succeeds, a TransportError is raised."""

    type_name = "stdout"

    def __init__(self, clock: FakeClock, script: Sequence[TransportError | None] = (), **cfg: Any):
        super().__init__(
            "rec", ChannelConfig(type="stdout", **cfg), clock=clock, rng=random.Random(1)
        )
        self.script = list(script)
        self.posted: list[float] = []

    def body(self, title: str, sections: Sequence[Section], first: bool) -> dict[str, Any]:
        return {"text": markdown_text(title, sections)}

    def render(self, doc: DigestDocument) -> list[Part]:
        return self.split(doc, self.body)

    def post(self, part: Part, key: str) -> None:
        self.posted.append(self.clock.monotonic())
        outcome = self.script.pop(0) if self.script else None
        if outcome is not None:
            raise outcome


def transient(retry_after: float | None = None) -> TransportError:
    return TransportError("busy", permanent=False, retry_after=retry_after)


def three_sections() -> DigestDocument:
    sections = tuple(Section(f"第{k}组", goal_lines(8, f"指标{k}-")) for k in range(3))
    return DigestDocument("d", "进度", "zh", sections)


def test_small_document_is_one_unnumbered_part(clock: FakeClock, doc: DigestDocument) -> None:
    parts = Recorder(clock).render(doc)
    assert [(p.number, p.total) for p in parts] == [(1, 1)]
    assert "(1/1)" not in parts[0].payload["text"]


def test_split_at_section_boundaries_with_numbered_titles(clock: FakeClock) -> None:
    doc = three_sections()
    one_section = body_size({"text": markdown_text("进度 (999/999)", doc.sections[:1])})
    parts = Recorder(clock, max_bytes=one_section + 50).render(doc)
    assert [p.payload["text"].splitlines()[0] for p in parts] == [
        "## 进度 (1/3)",
        "## 进度 (2/3)",
        "## 进度 (3/3)",
    ]
    assert [p.preview.count("### ") for p in parts] == [1, 1, 1]


def test_oversized_section_splits_between_lines_never_inside(clock: FakeClock) -> None:
    lines = goal_lines(40)
    doc = DigestDocument("d", "进度", "zh", (Section("全部", lines),))
    channel = Recorder(clock, max_bytes=1200)
    parts = channel.render(doc)
    assert len(parts) > 3
    assert all(body_size(p.payload) <= 1200 for p in parts)
    sent = [ln for p in parts for ln in p.payload["text"].splitlines() if ln.startswith("- ")]
    assert sent == list(lines)
    assert all("### 全部" in p.payload["text"] for p in parts)  # heading repeated per part


def test_overlong_single_line_is_truncated_with_ellipsis(clock: FakeClock) -> None:
    doc = DigestDocument("d", "进度", "zh", (Section(None, ("很长" * 400, "短行")),))
    parts = Recorder(clock, max_bytes=600).render(doc)
    first = parts[0].payload["text"].splitlines()[-1]
    assert first.endswith("…") and first.startswith("很长很长")
    assert all(body_size(p.payload) <= 600 for p in parts)
    assert parts[-1].payload["text"].endswith("短行")


def test_truncation_does_not_cut_a_link(clock: FakeClock) -> None:
    line = "说明" * 150 + " [统计公报全文链接](https://tjj.example.gov.cn/" + "a" * 300 + ")"
    doc = DigestDocument("d", "进度", "zh", (Section(None, (line,)),))
    text = Recorder(clock, max_bytes=1000).render(doc)[0].payload["text"]
    assert text.endswith("说明…")
    assert "[统计" not in text


def test_part_round_trips_through_json() -> None:
    part = Part(2, 3, {"msgtype": "markdown", "items": ("甲", 1)}, kind="message", preview="预览")
    again = Part.from_json(part.to_json())
    assert again == part
    assert again.payload["items"] == ["甲", 1]


def test_part_rejects_unserialisable_payload_and_bad_numbers() -> None:
    with pytest.raises(TypeError):
        Part(1, 1, {"when": object()})
    with pytest.raises(ValueError):
        Part(4, 3, {})


def test_transient_errors_retry_with_growing_full_jitter(clock: FakeClock) -> None:
    channel = Recorder(clock, [transient(), transient(), transient()])
    channel.send(Part(1, 1, {}), "d/s/rec/1")
    assert len(channel.posted) == 4
    assert [d <= cap for d, cap in zip(clock.sleeps, [1, 2, 4], strict=True)] == [True] * 3


def test_retry_after_is_honoured(clock: FakeClock) -> None:
    channel = Recorder(clock, [transient(retry_after=7.5)])
    channel.send(Part(1, 1, {}), "d/s/rec/1")
    assert clock.sleeps[0] >= 7.5
    assert len(channel.posted) == 2


def test_permanent_error_is_never_retried(clock: FakeClock) -> None:
    channel = Recorder(clock, [TransportError("bad key", permanent=True)])
    with pytest.raises(TransportError) as caught:
        channel.send(Part(1, 1, {}), "d/s/rec/1")
    assert caught.value.permanent
    assert len(channel.posted) == 1 and clock.sleeps == []


def test_gives_up_when_next_wait_exceeds_budget(clock: FakeClock) -> None:
    channel = Recorder(clock, [transient(retry_after=40)] * 5)
    with pytest.raises(TransportError) as caught:
        channel.send(Part(1, 1, {}), "d/s/rec/1", deadline_seconds=60)
    assert not caught.value.permanent and caught.value.retry_after == 40
    assert len(channel.posted) == 2  # waited 40 s once; 80 s would exceed 60


def test_attempts_are_bounded(clock: FakeClock) -> None:
    channel = Recorder(clock, [transient()] * 20)
    with pytest.raises(TransportError):
        channel.send(Part(1, 1, {}), "d/s/rec/1", deadline_seconds=10_000)
    assert len(channel.posted) == Channel.max_attempts


def test_pacing_keeps_posts_per_minute(clock: FakeClock) -> None:
    channel = Recorder(clock, per_minute=2)
    for n in range(5):
        channel.send(Part(1, 1, {}), f"d/s/rec/{n}")
    assert channel.posted == [1000, 1000, 1060, 1060, 1120]


def test_pacing_is_shared_per_destination(clock: FakeClock) -> None:
    first, second = Recorder(clock, per_minute=1), Recorder(clock, per_minute=1)
    first.send(Part(1, 1, {}), "a")
    second.send(Part(1, 1, {}), "b")
    assert second.posted == [1060]


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        (
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx",
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***",
        ),
        (
            "https://oapi.dingtalk.com/robot/send?access_token=abc123&x=1",
            "https://oapi.dingtalk.com/robot/send?access_token=***&x=1",
        ),
        (
            "https://open.feishu.cn/open-apis/bot/v2/hook/2d8f-4c1e",
            "https://open.feishu.cn/open-apis/bot/v2/hook/***",
        ),
        (
            "https://discord.com/api/webhooks/1234/SeCrEt-ToKeN",
            "https://discord.com/api/webhooks/1234/***",
        ),
        (
            "https://hooks.slack.com/services/T0/B0/XXXXXXXX",
            "https://hooks.slack.com/services/***",
        ),
        (
            "https://x.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sp=%2F&sig=Zz9",
            "https://x.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sp=%2F&sig=***",
        ),
        ("https://user:pw@example.com/hook", "https://***@example.com/hook"),
        (
            "https://example.com/in/9f86d081884c7d659a2feaa0c55ad015",
            "https://example.com/in/***",
        ),
    ],
)
def test_mask_url(url: str, masked: str) -> None:
    assert mask_url(url) == masked


@pytest.mark.parametrize(
    "key",
    [
        "apikey",
        "api_key",
        "api-key",
        "auth",
        "password",
        "passwd",
        "signature",
        "ticket",
        "credential",
        "access_key",
        "ApiKey",
        "API_KEY",
        "Password",
        "ACCESS_KEY",
    ],
)
def test_mask_url_hides_other_credential_query_keys_in_any_case(key: str) -> None:
    masked = mask_url(f"https://h.example/figs.json?year=2025&{key}=S3cr3t&fmt=csv")
    assert masked == f"https://h.example/figs.json?year=2025&{key}=***&fmt=csv"


def test_config_requires_url_for_http_types_naming_field_and_type() -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        ChannelConfig(type="dingtalk", secret="SECtopsecret")
    assert "'dingtalk' needs 'url'" in str(caught.value)
    assert "SECtopsecret" not in str(caught.value)


def test_config_errors_never_echo_url_keys_or_secrets() -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        ChannelConfig(type="wecom", url="ftp://h/send?key=KEY123456", secret="SECxyz", tiemout=3)  # type: ignore[call-arg]
    message = str(caught.value)
    assert "key=***" in message and "tiemout" in message
    assert "KEY123456" not in message and "SECxyz" not in message


def test_config_requires_path_for_file_and_rejects_retired_teams_urls() -> None:
    with pytest.raises(pydantic.ValidationError, match="needs 'path'"):
        ChannelConfig(type="file")
    with pytest.raises(pydantic.ValidationError, match="retired"):
        ChannelConfig(type="teams", url="https://acme.webhook.office.com/webhookb2/x")


def test_make_channel_knows_every_type(tmp_path: Any) -> None:
    for type_name, cls in CHANNEL_TYPES.items():
        config = ChannelConfig(type=type_name, url="https://example.com/h", path=str(tmp_path))
        channel = make_channel("c", config)
        assert type(channel) is cls and channel.type_name == type_name


def test_error_scrubs_url_tokens_and_secret(clock: FakeClock) -> None:
    config = ChannelConfig(type="wecom", url="https://h.example/send?key=KEY-777", secret="S3cr3t!")
    channel = make_channel("c", config, clock=clock)
    error = channel.error("server said key=KEY-777 secret=S3cr3t!", permanent=True)
    assert "KEY-777" not in str(error) and "S3cr3t!" not in str(error)


def test_network_failure_is_transient_and_masked(clock: FakeClock) -> None:
    config = ChannelConfig(type="wecom", url="http://127.0.0.1:9/send?key=KEY-NET-1", timeout=0.5)
    channel = make_channel("c", config, clock=clock, rng=random.Random(0))
    with pytest.raises(TransportError) as caught:
        channel.send(Part(1, 1, {}), "d/s/c/1", deadline_seconds=0)
    assert not caught.value.permanent
    assert "KEY-NET-1" not in "".join(traceback.format_exception(caught.value))
    assert "key=***" in str(caught.value)


def test_config_can_tighten_but_not_loosen_a_service_limit(make: MakeChannel) -> None:
    url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"
    assert make("wecom", url=url, max_bytes=999_999).max_bytes == make("wecom", url=url).max_bytes
    assert make("wecom", url=url, max_bytes=1000).max_bytes == 1000
    assert make("wecom", url=url, per_minute=600).per_minute == 20


def test_webhook_secret_with_bad_base64_is_a_config_error() -> None:
    with pytest.raises(pydantic.ValidationError, match="not valid base64") as caught:
        ChannelConfig(type="webhook", url="https://example.org/hook", secret="whsec_!!!")
    assert "whsec_!!!" not in str(caught.value)
