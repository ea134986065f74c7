import pytest

from payments import selectors, services
from payments.errors import PaymentError
from payments.models import Payment, Purpose, Refund

from .factories import PaymentFactory
from .stripe_signing import deliver, event

pytestmark = pytest.mark.django_db


def paid_deposit(**kwargs):
    return PaymentFactory(status=Payment.Status.SUCCEEDED, **kwargs)


def test_refunding_a_cancelled_challenges_deposit_refunds_it_at_stripe(stripe_requests):
    payment = paid_deposit()
    staff = payment.payer

    refund = services.refund_deposit(payment=payment, by=staff, reason="榜单在揭榜前撤销")

    (create,) = [r for r in stripe_requests if r.method == "post"]
    assert create.url.endswith("/v1/refunds")
    assert create.headers["Idempotency-Key"] == f"refund-{refund.pk}"
    assert create.params["payment_intent"] == payment.stripe_payment_intent_id
    assert create.params["amount"] == str(payment.amount_fen)
    assert create.params["metadata[refund_id]"] == str(refund.pk)
    assert refund.stripe_refund_id.startswith("re_")
    assert refund.status == Refund.Status.SUCCEEDED
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    assert payment.amount_refunded_fen == payment.amount_fen


def test_a_partial_refund_leaves_the_rest_refundable(stripe_requests):
    payment = paid_deposit(amount_fen=1_000_000)

    services.refund_deposit(payment=payment, by=None, reason="部分退还", amount_fen=400_000)

    payment.refresh_from_db()
    assert payment.status == Payment.Status.PARTIALLY_REFUNDED
    assert payment.amount_refunded_fen == 400_000
    rest = services.refund_deposit(payment=payment, by=None, reason="余款退还")
    assert rest.amount_fen == 600_000
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED


def test_more_than_what_is_left_cannot_be_refunded():
    payment = paid_deposit(amount_fen=1_000_000)

    with pytest.raises(PaymentError):
        services.refund_deposit(payment=payment, by=None, reason="超额", amount_fen=1_000_001)
    assert not Refund.objects.exists()


def test_an_unpaid_deposit_cannot_be_refunded():
    payment = PaymentFactory(status=Payment.Status.PENDING)

    with pytest.raises(PaymentError):
        services.refund_deposit(payment=payment, by=None, reason="未支付")


def test_only_deposits_are_refunded_this_way():
    payment = paid_deposit(purpose=Purpose.PRODUCT)

    with pytest.raises(PaymentError):
        services.refund_deposit(payment=payment, by=None, reason="服务费")


def test_a_refund_failing_later_at_stripe_frees_the_money_again(client):
    payment = paid_deposit(amount_fen=1_000_000)
    refund = Refund.objects.create(
        payment=payment, amount_fen=300_000, reason="撤榜", stripe_refund_id="re_test_pending"
    )
    assert selectors.available_fen(payment) == 700_000

    deliver(
        client,
        event(
            "refund.failed",
            {
                "id": "re_test_pending",
                "object": "refund",
                "amount": 300_000,
                "payment_intent": payment.stripe_payment_intent_id,
                "status": "failed",
                "failure_reason": "expired_or_canceled_card",
                "metadata": {"refund_id": str(refund.pk)},
            },
        ),
    )

    refund.refresh_from_db()
    assert refund.status == Refund.Status.FAILED
    assert refund.failure_message == "expired_or_canceled_card"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert selectors.available_fen(payment) == 1_000_000


def test_a_bank_transfer_deposit_is_refunded_by_finance_without_stripe(stripe_requests):
    payment = paid_deposit(channel="offline", stripe_checkout_session_id=None)

    refund = services.refund_deposit(payment=payment, by=None, reason="撤榜")
    assert refund.status == Refund.Status.PENDING
    services.mark_refund_succeeded(refund=refund, by=None)

    assert stripe_requests == []
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
