import pytest

from payments import selectors, services
from payments.errors import PaymentError
from payments.models import Payment, Payout
from tests.factories import OrganizationFactory

from .factories import PaymentFactory

pytestmark = pytest.mark.django_db


def test_milestone_payouts_come_out_of_the_deposit_and_are_recorded():
    deposit = PaymentFactory(status=Payment.Status.SUCCEEDED, amount_fen=2_000_000)
    team = OrganizationFactory(name="沂蒙理工学院视觉检测团队")

    payout = services.record_payout(
        payment=deposit, payee=team, milestone="样机现场验收", amount_fen=500_000, by=None
    )
    services.mark_payout_paid(payout=payout, by=None, bank_reference="37001668800052023582")

    payout.refresh_from_db()
    assert payout.status == Payout.Status.PAID
    assert payout.paid_at is not None
    assert selectors.available_fen(deposit) == 1_500_000


def test_a_payout_cannot_exceed_what_is_left_of_the_deposit():
    deposit = PaymentFactory(status=Payment.Status.SUCCEEDED, amount_fen=2_000_000)
    team = OrganizationFactory()
    services.record_payout(
        payment=deposit, payee=team, milestone="第一阶段", amount_fen=1_500_000, by=None
    )

    with pytest.raises(PaymentError):
        services.record_payout(
            payment=deposit, payee=team, milestone="第二阶段", amount_fen=600_000, by=None
        )


def test_a_refund_after_payouts_returns_only_the_remainder(stripe_requests):
    deposit = PaymentFactory(status=Payment.Status.SUCCEEDED, amount_fen=2_000_000)
    services.record_payout(
        payment=deposit,
        payee=OrganizationFactory(),
        milestone="第一阶段",
        amount_fen=500_000,
        by=None,
    )

    refund = services.refund_deposit(payment=deposit, by=None, reason="第二阶段终止")

    assert refund.amount_fen == 1_500_000
    deposit.refresh_from_db()
    assert deposit.status == Payment.Status.PARTIALLY_REFUNDED


def test_an_unpaid_deposit_pays_nothing_out():
    deposit = PaymentFactory(status=Payment.Status.PENDING)

    with pytest.raises(PaymentError):
        services.record_payout(
            payment=deposit,
            payee=OrganizationFactory(),
            milestone="第一阶段",
            amount_fen=100,
            by=None,
        )
