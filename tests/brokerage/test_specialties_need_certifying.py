"""A certified broker who ticks further industries is not routed or allowed to claim their
inquiries until staff certify those industries."""

import pytest

from accounts.models import BrokerProfile
from brokerage import selectors, services
from brokerage.errors import NotAllowed
from notifications.models import Notification
from tests.accounts.factories import staff_user
from tests.factories import AchievementFactory, industry

from .factories import InquiryFactory, broker

pytestmark = pytest.mark.django_db


def _profile_form(profile, *codes):
    return {
        "certificate_number": profile.certificate_number,
        "years_of_experience": "3",
        "specialties": [industry(code).pk for code in codes],
    }


def _food_inquiry():
    return InquiryFactory(achievement=AchievementFactory(industry=industry("food")))


def _add_food(client, me):
    profile = me.broker_profile
    client.force_login(me)
    own = profile.specialties.get().code
    response = client.post("/me/broker/", _profile_form(profile, own, "food"))
    assert response.status_code == 302
    return profile


def test_a_broker_who_adds_an_industry_is_not_routed_its_inquiries_before_certification(client):
    me = broker()
    _add_food(client, me)
    assert services.route_inquiry(inquiry=_food_inquiry()) == 0
    assert not Notification.objects.filter(user=me, event="inquiry_for_brokers").exists()


def test_a_broker_who_adds_an_industry_cannot_claim_its_inquiries_before_certification(client):
    me = broker()
    inquiry = _food_inquiry()
    profile = _add_food(client, me)
    profile.refresh_from_db()
    assert profile.certification_status == BrokerProfile.Certification.CERTIFIED
    assert list(selectors.claimable_inquiries(me)) == []
    assert inquiry.achievement.title not in client.get("/broker/inquiries/").content.decode()
    client.post(f"/broker/inquiries/{inquiry.pk}/claim/")
    assert not inquiry.engagements.exists()
    with pytest.raises(NotAllowed):
        services.claim_inquiry(inquiry=inquiry, by=me)


def test_the_added_industry_waits_in_the_staff_queue_and_counts_once_certified(client):
    me = broker()
    inquiry = _food_inquiry()
    profile = _add_food(client, me)
    client.force_login(staff_user())
    assert str(me.email) in client.get("/admin/accounts/verification/").content.decode()
    client.post(f"/admin/accounts/verification/broker/{profile.pk}/", {"decision": "approve"})
    assert "food" in set(profile.specialties.values_list("code", flat=True))
    assert not profile.requested_specialties.exists()
    assert list(selectors.claimable_inquiries(me)) == [inquiry]


def test_refusing_the_added_industry_keeps_the_broker_certified_for_the_others(client):
    me = broker()
    profile = _add_food(client, me)
    own = profile.specialties.get()
    client.force_login(staff_user())
    client.post(
        f"/admin/accounts/verification/broker/{profile.pk}/",
        {"decision": "reject", "reason": "缺少食品行业从业证明"},
    )
    profile.refresh_from_db()
    assert profile.is_certified
    assert list(profile.specialties.all()) == [own]
    assert not profile.requested_specialties.exists()
    assert list(selectors.claimable_inquiries(me)) == []


def test_dropping_an_industry_takes_effect_at_once(client):
    me = broker(industries=[industry("wood_furniture"), industry("food")])
    client.force_login(me)
    profile = me.broker_profile
    client.post("/me/broker/", _profile_form(profile, "wood_furniture"))
    assert list(profile.specialties.values_list("code", flat=True)) == ["wood_furniture"]
    assert services.route_inquiry(inquiry=_food_inquiry()) == 0
