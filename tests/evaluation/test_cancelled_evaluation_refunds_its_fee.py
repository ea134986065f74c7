"""A cancelled evaluation gives its fee back through Stripe (stripe-mock), whenever it was paid."""

import pytest

from evaluation import services
from evaluation.models import Status
from payments.models import Payment, Refund
from tests.factories import MembershipFactory
from tests.payments.stripe_signing import deliver, event, session_completed

from .factories import AchievementFactory, owner_of, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting_payment(evaluation_price, stripe_mock):
    achievement = AchievementFactory()
    buyer = MembershipFactory().user
    evaluation = services.request_evaluation(
        achievement=achievement, by=buyer, category="transfer", purpose="技术许可定价"
    )
    services.consent_to_evaluation(
        evaluation=evaluation, by=owner_of(achievement.organization), approve=True
    )
    evaluation.refresh_from_db()
    assert evaluation.status == Status.AWAITING_PAYMENT
    return evaluation, buyer


def checkout(client, evaluation, buyer) -> Payment:
    client.force_login(buyer)
    client.post(f"/evaluation/{evaluation.pk}/pay/")
    return Payment.objects.get()


def complete(client, payment, capture) -> Payment:
    """Stripe reports the Checkout paid (and anything that follows on commit runs)."""
    with capture(execute=True):
        deliver(client, event("checkout.session.completed", session_completed(payment)))
    payment.refresh_from_db()
    return payment


def test_staff_cancelling_an_accepted_evaluation_refunds_its_fee(
    client, awaiting_payment, django_capture_on_commit_callbacks
):
    evaluation, buyer = awaiting_payment
    payment = checkout(client, evaluation, buyer)
    assert complete(client, payment, django_capture_on_commit_callbacks).is_paid
    assert services.settle_payment(evaluation=evaluation)
    staff = staff_user()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_evaluation(evaluation=evaluation, by=staff, reason="成果权属存在争议")

    refund = Refund.objects.get()
    assert refund.payment == payment
    assert refund.amount_fen == payment.amount_fen == 680000
    assert refund.requested_by == staff
    assert "成果权属存在争议" in refund.reason
    assert refund.stripe_refund_id.startswith("re_")
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED


def test_a_fee_paid_just_before_the_requester_withdrew_goes_back(
    client, awaiting_payment, django_capture_on_commit_callbacks
):
    evaluation, buyer = awaiting_payment
    payment = checkout(client, evaluation, buyer)
    # Paid, but not yet settled into 已受理 (the requester never came back from Checkout).
    assert complete(client, payment, django_capture_on_commit_callbacks).is_paid

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_evaluation(evaluation=evaluation, by=buyer, reason="")

    evaluation.refresh_from_db()
    assert evaluation.status == Status.CANCELLED
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED


def test_a_fee_landing_after_the_cancellation_is_refunded_on_arrival(
    client, awaiting_payment, django_capture_on_commit_callbacks
):
    evaluation, buyer = awaiting_payment
    payment = checkout(client, evaluation, buyer)
    services.cancel_evaluation(evaluation=evaluation, by=buyer, reason="材料未备齐")
    assert not Refund.objects.exists()  # nothing was paid yet

    complete(client, payment, django_capture_on_commit_callbacks)

    refund = Refund.objects.get()
    assert refund.amount_fen == payment.amount_fen
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED


def test_cancelling_an_unpaid_request_refunds_nothing(awaiting_payment):
    evaluation, buyer = awaiting_payment
    services.cancel_evaluation(evaluation=evaluation, by=buyer, reason="")
    assert not Refund.objects.exists()
