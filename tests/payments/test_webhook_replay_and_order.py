import pytest

from payments.models import Payment, Refund, StripeEvent

from .factories import PaymentFactory
from .stripe_signing import charge_refunded, deliver, event, intent_failed, session_completed

pytestmark = pytest.mark.django_db


def test_a_replayed_event_is_processed_once(client):
    payment = PaymentFactory()
    completed = event("checkout.session.completed", session_completed(payment))
    deliver(client, completed)
    refunded = event("charge.refunded", charge_refunded(payment))
    deliver(client, refunded)

    again = deliver(client, completed)

    assert again.status_code == 200
    assert again.json()["outcome"] == "duplicate"
    assert StripeEvent.objects.filter(event_id=completed["id"]).count() == 1
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED


def test_a_late_completed_session_does_not_undo_a_refund(client):
    payment = PaymentFactory()

    deliver(client, event("charge.refunded", charge_refunded(payment)))
    deliver(client, event("checkout.session.completed", session_completed(payment)))

    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    assert payment.amount_refunded_fen == payment.amount_fen
    assert payment.paid_at is not None
    assert Refund.objects.get().status == Refund.Status.SUCCEEDED


def test_a_late_failure_does_not_undo_a_success(client):
    payment = PaymentFactory()

    deliver(client, event("checkout.session.completed", session_completed(payment)))
    deliver(client, event("payment_intent.payment_failed", intent_failed(payment)))

    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert payment.failure_message == ""


def test_a_late_expiry_does_not_undo_a_success(client):
    payment = PaymentFactory()

    deliver(client, event("checkout.session.completed", session_completed(payment)))
    deliver(
        client,
        event("checkout.session.expired", session_completed(payment, payment_status="unpaid")),
    )

    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED


def test_an_unknown_event_type_is_stored_and_ignored(client):
    response = deliver(client, event("customer.created", {"id": "cus_1", "object": "customer"}))

    assert response.status_code == 200
    assert StripeEvent.objects.get().outcome == "ignored"
