"""Brokers table offers in a side's name only while both sides allow it: each party gives and
withdraws its side's permission in the room."""

import pytest

from brokerage import services
from brokerage.errors import BrokerageError, NotAllowed
from brokerage.models import BrokerOfferConsent, Offer, Stage
from tests.factories import UserFactory

from .factories import EngagementFactory, broker, demand_user, supply_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal():
    engagement = EngagementFactory(stage=Stage.NEGOTIATING)
    return engagement, supply_user(engagement), demand_user(engagement)


def url(engagement) -> str:
    return f"/engagements/{engagement.pk}/room/broker-offers/"


def offer_by_broker(engagement, side="supply"):
    return services.make_offer(
        engagement=engagement,
        price="400000",
        payment_terms="一次性付清",
        transfer_mode="license",
        by=engagement.lead_broker,
        on_behalf_of=side,
    )


def test_each_party_allows_for_its_own_side_in_the_room(client, deal):
    engagement, supplier, buyer = deal
    for party in (supplier, buyer):
        client.force_login(party)
        assert client.post(url(engagement), {"allow": "1"}).status_code == 302
    assert set(BrokerOfferConsent.objects.values_list("side", flat=True)) == {"supply", "demand"}
    message = offer_by_broker(engagement)
    assert message.offer.by_broker and message.offer.side == "supply"


def test_a_party_withdraws_its_permission_and_the_broker_is_refused(client, deal):
    engagement, supplier, buyer = deal
    services.allow_broker_offers(engagement=engagement, by=supplier)
    services.allow_broker_offers(engagement=engagement, by=buyer)
    client.force_login(buyer)
    client.post(url(engagement), {"allow": "0"})
    with pytest.raises(NotAllowed):
        offer_by_broker(engagement, side="demand")
    assert not Offer.objects.exists()


@pytest.mark.parametrize("who", ["stranger", "other_broker"])
def test_outsiders_cannot_give_the_permission(client, deal, who):
    engagement, _supplier, _buyer = deal
    client.force_login({"stranger": UserFactory, "other_broker": broker}[who]())
    assert client.post(url(engagement), {"allow": "1"}).status_code == 404
    assert not BrokerOfferConsent.objects.exists()


def test_the_broker_cannot_give_the_permission_for_a_side(client, deal):
    engagement, _supplier, _buyer = deal
    client.force_login(engagement.lead_broker)
    response = client.post(url(engagement), {"allow": "1"}, follow=True)
    assert "只有项目双方可以授权经纪人代为报价" in response.content.decode()
    assert not BrokerOfferConsent.objects.exists()


def test_a_broker_of_another_engagement_or_without_a_side_is_refused(deal):
    engagement, supplier, buyer = deal
    services.allow_broker_offers(engagement=engagement, by=supplier)
    services.allow_broker_offers(engagement=engagement, by=buyer)
    with pytest.raises(NotAllowed):
        services.make_offer(
            engagement=engagement,
            price="1",
            payment_terms="x",
            transfer_mode="license",
            by=broker(),
            on_behalf_of="supply",
        )
    with pytest.raises(BrokerageError):
        offer_by_broker(engagement, side="nobody")


def test_the_room_offers_the_broker_a_form_only_when_both_allow(client, deal):
    engagement, supplier, buyer = deal
    client.force_login(engagement.lead_broker)
    room = f"/engagements/{engagement.pk}/room/"
    assert 'name="on_behalf_of"' not in client.get(room).content.decode()
    services.allow_broker_offers(engagement=engagement, by=supplier)
    services.allow_broker_offers(engagement=engagement, by=buyer)
    assert 'name="on_behalf_of"' in client.get(room).content.decode()


def test_a_counters_system_line_names_the_counter_price_and_comes_first(deal):
    engagement, supplier, buyer = deal
    first = services.make_offer(
        engagement=engagement,
        price="300000",
        payment_terms="一次性付清",
        transfer_mode="license",
        by=supplier,
    )
    system, counter = services.respond_to_offer(
        offer=first.offer,
        response="counter",
        by=buyer,
        counter={"price": "250000", "payment_terms": "分两期"},
    )
    assert system.seq < counter.seq and system.pk < counter.pk
    assert "还价 ¥250,000.00（原报价 ¥300,000.00）" in system.body
    assert counter.offer.price_cny == 250000
