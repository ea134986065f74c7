from datetime import date
from decimal import Decimal

import pytest

from brokerage import selectors, services
from brokerage.errors import BrokerageError, NotAllowed
from brokerage.models import Stage
from brokerage.pdf import contract_summary_pdf
from payments.models import Payment

from .factories import EngagementFactory, contract_fields, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed():
    return EngagementFactory(stage=Stage.AGREED)


def test_a_contract_can_only_be_recorded_once_the_parties_agreed():
    engagement = EngagementFactory(stage=Stage.NEGOTIATING)
    with pytest.raises(BrokerageError):
        services.record_contract(
            engagement=engagement, by=engagement.lead_broker, **contract_fields()
        )


def test_technology_amount_cannot_exceed_the_contract_amount(agreed):
    with pytest.raises(BrokerageError):
        services.record_contract(
            engagement=agreed,
            by=agreed.lead_broker,
            **contract_fields(tech_amount_cny=Decimal("700000")),
        )


def test_registering_moves_the_engagement_and_opens_the_service_fee(agreed, settings):
    settings.PAYMENTS_SERVICE_FEE_RATE = "0.01"
    contract = services.record_contract(
        engagement=agreed, by=agreed.lead_broker, **contract_fields()
    )
    services.register_contract(
        contract=contract,
        registration_number="2026371300000123",
        registered_on=date(2026, 10, 20),
        by=staff(),
    )
    agreed.refresh_from_db()
    assert agreed.stage == Stage.CONTRACT_REGISTERED
    fee = Payment.objects.get(object_id=contract.pk)
    assert fee.amount_fen == 600000 * 100 // 100
    assert fee.purpose == "service_fee"


def test_brokers_cannot_register_contracts_themselves(agreed):
    contract = services.record_contract(
        engagement=agreed, by=agreed.lead_broker, **contract_fields()
    )
    with pytest.raises(NotAllowed):
        services.register_contract(
            contract=contract,
            registration_number="2026371300000124",
            registered_on=date(2026, 10, 20),
            by=agreed.lead_broker,
        )


def test_commission_is_a_rate_of_the_technology_amount(agreed):
    services.set_commission(engagement=agreed, rate=Decimal("0.03"), by=agreed.lead_broker)
    contract = services.record_contract(
        engagement=agreed, by=agreed.lead_broker, **contract_fields()
    )
    assert selectors.commission_for(agreed, contract) == Decimal("15000.00")
    lines, total = selectors.commissions_of(agreed.lead_broker)
    assert total == Decimal("15000.00")
    assert lines[0].engagement == agreed


def test_commission_is_either_a_rate_or_a_fixed_amount(agreed):
    with pytest.raises(BrokerageError):
        services.set_commission(
            engagement=agreed,
            rate=Decimal("0.03"),
            fixed_cny=Decimal("8000"),
            by=agreed.lead_broker,
        )


def test_contract_summary_pdf_is_a_pdf_with_the_cjk_font(agreed):
    contract = services.record_contract(
        engagement=agreed, by=agreed.lead_broker, **contract_fields()
    )
    pdf = contract_summary_pdf(contract)
    assert pdf.startswith(b"%PDF-")
    assert b"STSong-Light" in pdf


def test_contract_pdf_is_served_to_parties_and_refused_to_strangers(client, agreed):
    from tests.factories import UserFactory

    from .factories import demand_user

    services.record_contract(engagement=agreed, by=agreed.lead_broker, **contract_fields())
    url = f"/engagements/{agreed.pk}/contract.pdf"
    client.force_login(demand_user(agreed))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
