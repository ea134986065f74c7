import pytest

from payments import services
from payments.models import Payment, Purpose
from tests.factories import AchievementFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_service_fee_is_the_configured_rate_of_the_contract_amount(settings, stripe_requests):
    settings.PAYMENTS_SERVICE_FEE_RATE = "0.015"
    # Contracts arrive in a later issue; any model instance can stand in as the related object.
    contract = AchievementFactory()

    services.start_service_fee_checkout(
        amount_fen=80_000_000,
        related=contract,
        by=UserFactory(),
        organization=contract.organization,
        site_url="http://testserver",
    )

    payment = Payment.objects.get()
    assert payment.purpose == Purpose.SERVICE_FEE
    assert payment.amount_fen == 1_200_000
    assert payment.related == contract
    assert stripe_requests[-1].params["line_items[0][price_data][unit_amount]"] == "1200000"
