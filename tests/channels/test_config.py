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


def test_email_needs_a_server_a_sender_and_recipients() -> None:
    with pytest.raises(pydantic.ValidationError, match="needs 'host', 'from' and 'to'"):
        ChannelConfig(type="email", host="smtp.example.cn")


def test_email_addresses_are_checked() -> None:
    with pytest.raises(pydantic.ValidationError, match="expected an e-mail address"):
        ChannelConfig(type="email", host="h", to=["张伟"], **{"from": "bot@example.cn"})


def test_email_fields_belong_to_email_channels_only() -> None:
    with pytest.raises(pydantic.ValidationError, match="host: only for channel type 'email'"):
        ChannelConfig(type="slack", url="https://hooks.slack.com/services/x", host="h")


def test_apprise_takes_any_apprise_url_but_needs_one() -> None:
    assert ChannelConfig(type="apprise", url="pushplus://T0k3n").url == "pushplus://T0k3n"
    with pytest.raises(pydantic.ValidationError, match="Apprise URL"):
        ChannelConfig(type="apprise", url="no scheme here")
