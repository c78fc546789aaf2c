"""Owners are mentioned in each service's own syntax, once per message, where their goal is.

The bodies are posted to the emulators, and ``channels.emulators.notified`` reads them the way
each service does (DingTalk needs ``at`` and ``@mobile``, Discord pings only from ``content``
and ``allowed_mentions``, Slack never from the fallback ``text``...).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer

from channels.kit import NOTIFIED, PEOPLE, LiveChannel, json_of, owned_section
from channels.mentions import notified
from tracker.channels.markdown import markdown_text
from tracker.digest.document import DigestDocument

MENTIONING = sorted(NOTIFIED)


@pytest.mark.parametrize("type_name", MENTIONING)
def test_both_owners_are_notified_once(
    type_name: str, live: LiveChannel, httpserver: HTTPServer, owned_doc: DigestDocument
) -> None:
    channel = live(type_name)
    for part in channel.render(owned_doc):
        channel.send(part, f"weekly/slot/team/{part.number}")
    bodies = [json_of(request) for request, _ in httpserver.log]
    assert [who for body in bodies for who in notified(type_name, body)] == NOTIFIED[type_name]


@pytest.mark.parametrize("type_name", MENTIONING)
def test_owners_are_mentioned_only_in_the_part_naming_their_goal(
    type_name: str, live: LiveChannel, big_doc: DigestDocument
) -> None:
    doc = replace(big_doc, sections=(*big_doc.sections, owned_section()), people=PEOPLE)
    parts = live(type_name, max_bytes=8000).render(doc)
    naming = [p for p in parts if "新增高新技术企业" in p.preview]
    mentioning = [p for p in parts if notified(type_name, p.payload)]
    assert len(parts) > 2 and mentioning == naming


@pytest.mark.parametrize("type_name", ["stdout", "file", "webhook", "apprise"])
def test_services_without_mentions_show_the_names_once(
    type_name: str, any_channel: LiveChannel, owned_doc: DigestDocument
) -> None:
    (part,) = any_channel(type_name).render(owned_doc)
    assert part.preview.count("@张伟") == 1 and part.preview.count("@李娜") == 1


def test_unknown_and_unmarked_people_are_not_mentioned(owned_doc: DigestDocument) -> None:
    text = markdown_text(owned_doc.title, owned_doc.sections, {"li-na": PEOPLE["li-na"]})
    assert "@李娜" in text and "张伟" not in text and "\ue002" not in text


def test_wecom_markdown_v2_mentions_in_a_text_message_after(
    live: LiveChannel, owned_doc: DigestDocument
) -> None:
    parts = live("wecom", format="markdown_v2").render(owned_doc)
    assert [p.payload["msgtype"] for p in parts] == ["markdown_v2", "text"]
    assert parts[1].payload["text"]["mentioned_list"] == ["zhangwei", "lina"]
    assert "@张伟" in parts[0].payload["markdown_v2"]["content"]  # named, not notified


def test_dingtalk_lists_mobiles_and_user_ids_apart(
    live: LiveChannel, owned_doc: DigestDocument
) -> None:
    (part,) = live("dingtalk").render(owned_doc)
    assert part.payload["msgtype"] == "markdown"  # an actionCard could not mention
    assert part.payload["at"] == {"atMobiles": ["13800000000"], "atUserIds": ["manager4220"]}


def test_teams_entities_name_each_mention(live: LiveChannel, owned_doc: DigestDocument) -> None:
    (part,) = live("teams").render(owned_doc)
    entities = part.payload["attachments"][0]["content"]["msteams"]["entities"]
    assert entities[0] == {
        "type": "mention",
        "text": "<at>张伟</at>",
        "mentioned": {"id": "zhang.wei@example.gov.cn", "name": "张伟"},
    }


def test_discord_allows_exactly_the_owners(live: LiveChannel, owned_doc: DigestDocument) -> None:
    (part,) = live("discord").render(owned_doc)
    allowed = part.payload["allowed_mentions"]
    assert allowed == {"parse": [], "users": ["80351110224678912", "80351110224678913"]}


def test_discord_pings_only_as_many_as_content_and_allowed_mentions_take(
    live: LiveChannel, httpserver: HTTPServer, doc: DigestDocument
) -> None:
    from tracker.config.people import Person
    from tracker.digest.document import Section
    from tracker.digest.marks import mention_marks

    people = {f"p{i}": Person(name=f"人{i}", discord=str(10**17 + i)) for i in range(130)}
    crowd = Section("全体", (f"🔴 **指标**{mention_marks(people)}",))
    channel = live("discord")
    (part,) = channel.render(replace(doc, sections=(crowd,), people=people))
    channel.send(part, "weekly/slot/team/1")
    users, content = part.payload["allowed_mentions"]["users"], part.payload["content"]
    assert 80 < len(users) <= 100 and len(content) <= 2000 and content.endswith(f"<@{users[-1]}>")
    assert httpserver.log[0][1].status_code == 200
