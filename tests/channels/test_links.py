"""A link to the entity's report page, as each service's own button or link.

Posted to the emulators, which check the structures they accept (DingTalk refuses an action
card without buttons, Feishu a card without elements, Slack over 50 blocks...).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from channels.emulators import SERVICES
from channels.kit import REPORT, LiveChannel, owned_section
from tracker.digest.document import DigestDocument

LABEL = "香洲区 · 查看报告"


def dingtalk(body: dict[str, Any]) -> Any:
    return body["actionCard"]["btns"]


def feishu(body: dict[str, Any]) -> Any:
    return [e for e in body["card"]["elements"] if e["tag"] == "action"]


def slack(body: dict[str, Any]) -> Any:
    return [b for b in body["blocks"] if b["type"] == "actions"]


def teams(body: dict[str, Any]) -> Any:
    return [b for b in body["attachments"][0]["content"]["body"] if b["type"] == "ActionSet"]


def discord(body: dict[str, Any]) -> Any:
    return [(e["title"], e.get("url")) for e in body["embeds"]]


BUTTONS = {
    "dingtalk": (dingtalk, [{"title": LABEL, "actionURL": REPORT}]),
    "feishu": (
        feishu,
        [
            {
                "tag": "action",
                "actions": [
                    {
                        "tag": "button",
                        "text": {"tag": "plain_text", "content": LABEL},
                        "type": "default",
                        "url": REPORT,
                    }
                ],
            }
        ],
    ),
    "slack": (
        slack,
        [
            {
                "type": "actions",
                "elements": [
                    {"type": "button", "text": {"type": "plain_text", "text": LABEL}, "url": REPORT}
                ],
            }
        ],
    ),
    "teams": (
        teams,
        [
            {
                "type": "ActionSet",
                "actions": [{"type": "Action.OpenUrl", "title": LABEL, "url": REPORT}],
            }
        ],
    ),
    "discord": (discord, [("经济", None), ("民生", None), ("香洲区", REPORT)]),
}


@pytest.fixture
def linked_doc(doc: DigestDocument) -> DigestDocument:
    return replace(doc, sections=(*doc.sections, owned_section()))


@pytest.mark.parametrize("type_name", sorted(BUTTONS))
def test_each_service_gets_its_own_button(
    type_name: str, live: LiveChannel, httpserver: HTTPServer, linked_doc: DigestDocument
) -> None:
    channel = live(type_name)
    (part,) = channel.render(linked_doc)
    channel.send(part, "weekly/slot/team/1")  # the emulator accepts the structure
    found, expected = BUTTONS[type_name]
    assert found(part.payload) == expected and httpserver.log[0][1].status_code < 300


@pytest.mark.parametrize("type_name", ["wecom", "stdout", "file", "apprise"])
def test_markdown_services_get_a_link_line(
    type_name: str, any_channel: LiveChannel, linked_doc: DigestDocument
) -> None:
    (part,) = any_channel(type_name).render(linked_doc)
    text = str(part.payload.get("markdown") or part.payload.get("body") or part.preview)
    text = text if type_name != "wecom" else part.payload["markdown"]["content"]
    assert f"[{LABEL}]({REPORT})" in text


def test_feishu_card_v2_button_opens_the_page(
    live: LiveChannel, httpserver: HTTPServer, linked_doc: DigestDocument
) -> None:
    channel = live("feishu", card="v2")
    (part,) = channel.render(linked_doc)
    channel.send(part, "weekly/slot/team/1")
    card = part.payload["card"]
    (button,) = [e for e in card["body"]["elements"] if e["tag"] == "button"]
    assert card["schema"] == "2.0" and button["behaviors"] == [
        {"type": "open_url", "default_url": REPORT}
    ]


def test_dingtalk_mentions_win_over_the_action_card(
    live: LiveChannel, owned_doc: DigestDocument
) -> None:
    (part,) = live("dingtalk").render(owned_doc)
    assert part.payload["msgtype"] == "markdown"
    assert f"[{LABEL}]({REPORT})" in part.payload["markdown"]["text"]


def test_every_service_with_buttons_is_covered() -> None:
    assert set(BUTTONS) | {"wecom", "webhook", "lark"} == set(SERVICES)


def test_a_long_entity_name_still_makes_a_button_slack_accepts(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    channel = live("slack")
    long_name = replace(owned_section(), link=replace(owned_section().link, label="区" * 120))  # type: ignore[type-var]
    (part,) = channel.render(replace(doc, sections=(long_name,)))
    channel.send(part, "weekly/slot/team/1")
    (button,) = slack(part.payload)[0]["elements"]
    assert len(button["text"]["text"]) == 75 and httpserver.log[0][1].get_data() == b"ok"
