import pytest

from accounts.models import BrokerProfile
from brokerage import selectors, services
from brokerage.errors import BrokerageError, NotAllowed
from brokerage.models import Side
from notifications.models import Notification
from tests.factories import industry

from .factories import BrokerProfileFactory, InquiryFactory, broker, staff

pytestmark = pytest.mark.django_db


def test_a_certified_broker_of_the_industry_claims_an_inquiry():
    inquiry = InquiryFactory()
    me = broker()
    assert list(selectors.claimable_inquiries(me)) == [inquiry]
    engagement = services.claim_inquiry(inquiry=inquiry, by=me)
    assert engagement.lead_broker == me
    assert engagement.supply_organization == inquiry.achievement.organization
    assert engagement.demand_contact == inquiry.user
    assert list(engagement.inquiries.all()) == [inquiry]
    assert selectors.side_of(inquiry.user, engagement) == Side.DEMAND


def test_a_broker_of_another_industry_cannot_claim():
    inquiry = InquiryFactory()
    other = broker(industries=[industry("food")])
    assert list(selectors.claimable_inquiries(other)) == []
    with pytest.raises(NotAllowed):
        services.claim_inquiry(inquiry=inquiry, by=other)


def test_an_uncertified_broker_cannot_claim():
    inquiry = InquiryFactory()
    pending = BrokerProfileFactory(certification_status=BrokerProfile.Certification.PENDING).user
    with pytest.raises(NotAllowed):
        services.claim_inquiry(inquiry=inquiry, by=pending)


def test_an_inquiry_is_claimed_only_once():
    inquiry = InquiryFactory()
    services.claim_inquiry(inquiry=inquiry, by=broker())
    with pytest.raises(BrokerageError):
        services.claim_inquiry(inquiry=inquiry, by=broker())


def test_staff_assign_an_inquiry_but_only_to_a_certified_broker_of_the_industry():
    inquiry = InquiryFactory()
    with pytest.raises(NotAllowed):
        services.assign_inquiry(
            inquiry=inquiry, broker=broker(industries=[industry("food")]), by=staff()
        )
    chosen = broker()
    engagement = services.assign_inquiry(inquiry=inquiry, broker=chosen, by=staff())
    assert engagement.lead_broker == chosen


def test_brokers_cannot_assign_inquiries():
    with pytest.raises(NotAllowed):
        services.assign_inquiry(inquiry=InquiryFactory(), broker=broker(), by=broker())


def test_new_inquiries_are_routed_only_to_certified_brokers_of_the_industry():
    certified = broker()
    pending = BrokerProfileFactory(certification_status=BrokerProfile.Certification.PENDING).user
    elsewhere = broker(industries=[industry("food")])
    assert services.route_inquiry(inquiry=InquiryFactory()) == 1
    told = set(
        Notification.objects.filter(event="inquiry_for_brokers").values_list("user", flat=True)
    )
    assert told == {certified.pk}
    assert pending.pk not in told and elsewhere.pk not in told
