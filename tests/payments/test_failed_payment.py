import pytest

from payments.models import Payment

from .factories import PaymentFactory
from .stripe_signing import deliver, event, intent_failed, session_completed

pytestmark = pytest.mark.django_db


def test_a_failed_payment_intent_marks_the_payment_failed_with_the_reason(client):
    payment = PaymentFactory()

    deliver(client, event("payment_intent.payment_failed", intent_failed(payment, "卡片已过期")))

    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED
    assert payment.failure_message == "卡片已过期"
    assert payment.paid_at is None


def test_a_failed_payment_is_found_by_its_payment_intent_without_metadata(client):
    payment = PaymentFactory()
    obj = intent_failed(payment)
    obj["metadata"] = {}

    deliver(client, event("payment_intent.payment_failed", obj))

    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED


def test_a_payer_who_retries_after_a_failure_ends_up_paid(client):
    payment = PaymentFactory()

    deliver(client, event("payment_intent.payment_failed", intent_failed(payment)))
    deliver(client, event("checkout.session.completed", session_completed(payment)))

    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert payment.failure_message == ""


def test_an_async_wechat_or_alipay_failure_marks_the_payment_failed(client):
    payment = PaymentFactory()
    deliver(
        client,
        event("checkout.session.completed", session_completed(payment, payment_status="unpaid")),
    )
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING

    deliver(
        client,
        event(
            "checkout.session.async_payment_failed",
            session_completed(payment, payment_status="unpaid"),
        ),
    )

    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED
