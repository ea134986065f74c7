"""A registered technology contract (brokerage), which bills the 平台服务费 on registration."""

from datetime import date

from accounts.models import Membership
from brokerage import services as brokerage_services
from brokerage.models import Stage
from payments.models import Payment, Purpose
from tests.brokerage.factories import EngagementFactory, contract_fields, staff
from tests.factories import MembershipFactory


def registered_contract_fee() -> Payment:
    engagement = EngagementFactory(stage=Stage.AGREED)
    contact = MembershipFactory(
        organization=engagement.demand_organization, role=Membership.Role.ADMIN
    ).user
    engagement.demand_contact = contact
    engagement.save(update_fields=["demand_contact"])
    contract = brokerage_services.record_contract(
        engagement=engagement, by=engagement.lead_broker, **contract_fields()
    )
    brokerage_services.register_contract(
        contract=contract,
        registration_number=f"2026371300{contract.pk:06d}",
        registered_on=date(2026, 10, 20),
        by=staff(),
    )
    return Payment.objects.get(purpose=Purpose.SERVICE_FEE, object_id=contract.pk)
