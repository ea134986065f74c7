"""Who may see and do what on engagement pages, the room page and the JSON API."""

import pytest
from django.urls import reverse

from brokerage.models import Message, Stage
from tests.factories import UserFactory

from .factories import EngagementFactory, broker, demand_user, staff, supply_user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "stranger", "other_broker", "supply", "demand", "lead_broker", "staff"]


@pytest.fixture
def engagement():
    return EngagementFactory(stage=Stage.NEGOTIATING)


def actor(role, engagement):
    return {
        "anonymous": lambda: None,
        "stranger": UserFactory,
        "other_broker": broker,
        "supply": lambda: supply_user(engagement),
        "demand": lambda: demand_user(engagement),
        "lead_broker": lambda: engagement.lead_broker,
        "staff": staff,
    }[role]()


def get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


# An engagement is private: strangers (another broker included) are told it does not exist.
EXPECTED_DETAIL = {
    "anonymous": 302,
    "stranger": 404,
    "other_broker": 404,
    "supply": 200,
    "demand": 200,
    "lead_broker": 200,
    "staff": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_engagement_page_is_shown_only_to_its_parties_brokers_and_staff(client, engagement, role):
    response = get(client, actor(role, engagement), engagement.get_absolute_url())
    assert response.status_code == EXPECTED_DETAIL[role]


# Staff know the engagement (they oversee its page) but stay out of the room: refused, not hidden.
EXPECTED_ROOM = {**EXPECTED_DETAIL, "staff": 403}


@pytest.mark.parametrize("role", ROLES)
def test_room_page_is_only_for_members(client, engagement, role):
    url = reverse("brokerage:room", args=[engagement.pk])
    assert get(client, actor(role, engagement), url).status_code == EXPECTED_ROOM[role]


def test_parties_do_not_see_the_brokers_notes(client, engagement):
    from brokerage import services

    services.add_note(engagement=engagement, body="企业实际预算约40万", by=engagement.lead_broker)
    party = get(client, demand_user(engagement), engagement.get_absolute_url())
    assert "企业实际预算约40万" not in party.content.decode()
    client.force_login(engagement.lead_broker)
    assert "企业实际预算约40万" in client.get(engagement.get_absolute_url()).content.decode()


def test_counterparty_contacts_are_hidden_until_disclosed(client, engagement):
    org = engagement.supply_organization
    org.contact_phone = "0539-8123456"
    org.save()
    buyer = demand_user(engagement)
    assert "0539-8123456" not in get(client, buyer, engagement.get_absolute_url()).content.decode()
    from brokerage import services

    services.consent_to_disclosure(engagement=engagement, by=buyer)
    assert not services.consent_to_disclosure(engagement=engagement, by=buyer)
    assert services.consent_to_disclosure(engagement=engagement, by=supply_user(engagement))
    assert "0539-8123456" in client.get(engagement.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("supply", 403),  # a party sees the engagement but does not run it
        ("demand", 403),
        ("other_broker", 404),  # strangers are not told it exists
        ("stranger", 404),
        ("lead_broker", 302),
        ("staff", 302),
    ],
)
def test_only_brokers_and_staff_change_the_stage_over_http(client, engagement, role, status):
    client.force_login(actor(role, engagement))
    response = client.post(reverse("brokerage:stage", args=[engagement.pk]), {"action": "agree"})
    engagement.refresh_from_db()
    assert response.status_code == status
    assert (engagement.stage == Stage.AGREED) is (status == 302)


@pytest.mark.parametrize("role", ["supply", "lead_broker"])
def test_broker_dashboard_is_for_brokers(client, engagement, role):
    response = get(client, actor(role, engagement), reverse("brokerage:dashboard"))
    assert response.status_code == (200 if role == "lead_broker" else 403)


EXPECTED_API = {**EXPECTED_ROOM, "anonymous": 401}


@pytest.mark.parametrize("role", ROLES)
def test_message_api_is_only_for_members(client, engagement, role):
    supplier = supply_user(engagement)
    first = Message.objects.create(engagement=engagement, sender=supplier, body="第一条")
    Message.objects.create(engagement=engagement, sender=supplier, body="第二条")
    user = actor(role, engagement) if role != "supply" else supplier
    url = f"/api/v1/brokerage/engagements/{engagement.pk}/messages?after={first.pk}"
    response = get(client, user, url)
    assert response.status_code == EXPECTED_API[role]
    if response.status_code == 200:
        assert [m["body"] for m in response.json()] == ["第二条"]


def test_engagement_list_api_shows_only_mine(client, engagement):
    EngagementFactory()
    client.force_login(demand_user(engagement))
    rows = client.get("/api/v1/brokerage/engagements").json()
    assert [(r["id"], r["role"]) for r in rows] == [(engagement.pk, "demand")]


def test_typed_phone_numbers_are_masked_for_parties_before_disclosure(engagement):
    from brokerage import services

    message = services.post_text(
        engagement=engagement,
        body="直接打我电话13905391234或写信a@b.cn",
        by=supply_user(engagement),
    )
    assert "13905391234" not in message.body
    assert "a@b.cn" not in message.body
