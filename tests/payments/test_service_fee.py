import pytest

from payments import services
from payments.models import Payment, Purpose
from tests.factories import AchievementFactory, UserFactory

from .fees import registered_contract_fee

pytestmark = pytest.mark.django_db


def test_registering_a_contract_bills_the_configured_rate_of_its_amount(settings):
    settings.PAYMENTS_SERVICE_FEE_RATE = "0.015"

    fee = registered_contract_fee()

    assert fee.purpose == Purpose.SERVICE_FEE
    assert fee.amount_fen == 900_000  # 1.5% of the ¥600,000 contract
    assert fee.related.registration_number
    assert fee.status == Payment.Status.CREATED
    assert fee.payer_organization == fee.related.engagement.demand_organization


def test_paying_the_registered_contracts_fee_opens_a_checkout_for_that_amount(stripe_requests):
    fee = registered_contract_fee()

    url = services.start_payment_checkout(payment=fee, by=fee.payer, site_url="http://testserver")

    fee.refresh_from_db()
    assert url == fee.checkout_url
    assert fee.status == Payment.Status.PENDING
    params = stripe_requests[-1].params
    assert params["line_items[0][price_data][unit_amount]"] == str(fee.amount_fen)
    assert params["metadata[purpose]"] == "service_fee"


def test_the_service_fee_checkout_takes_any_related_object(settings, stripe_requests):
    settings.PAYMENTS_SERVICE_FEE_RATE = "0.015"
    achievement = AchievementFactory()

    services.start_service_fee_checkout(
        amount_fen=80_000_000,
        related=achievement,
        by=UserFactory(),
        organization=achievement.organization,
        site_url="http://testserver",
    )

    payment = Payment.objects.get()
    assert payment.amount_fen == 1_200_000
    assert payment.related == achievement
    assert stripe_requests[-1].params["line_items[0][price_data][unit_amount]"] == "1200000"
