"""Channel settings (tracker.config.channels): required fields, and no secret in any error."""

from __future__ import annotations

import pydantic
import pytest

from tracker.channels import ChannelConfig


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


def test_webhook_secret_with_bad_base64_is_a_config_error() -> None:
    with pytest.raises(
        pydantic.ValidationError, match="Standard Webhooks secret is base64"
    ) as caught:
        ChannelConfig(type="webhook", url="https://example.org/hook", secret="whsec_!!!")
    assert "whsec_!!!" not in str(caught.value)
