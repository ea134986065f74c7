import json
import time

import pytest

from payments.models import Payment, StripeEvent

from .factories import PaymentFactory
from .stripe_signing import WEBHOOK_URL, deliver, event, session_completed, signature_header

pytestmark = pytest.mark.django_db


def test_a_valid_signed_completed_session_marks_the_payment_paid(client):
    payment = PaymentFactory()

    response = deliver(client, event("checkout.session.completed", session_completed(payment)))

    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert payment.paid_at is not None
    stored = StripeEvent.objects.get()
    assert stored.payment == payment
    assert stored.type == "checkout.session.completed"


def test_a_bad_signature_is_rejected_and_changes_nothing(client):
    payment = PaymentFactory()

    response = deliver(
        client,
        event("checkout.session.completed", session_completed(payment)),
        secret="whsec_someone_else",
    )

    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
    assert not StripeEvent.objects.exists()


def test_a_stale_signature_is_rejected_as_a_replay(client):
    payment = PaymentFactory()

    response = deliver(
        client,
        event("checkout.session.completed", session_completed(payment)),
        timestamp=int(time.time()) - 3600,
    )

    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING


def test_a_payload_altered_after_signing_is_rejected(client):
    payment = PaymentFactory()
    original = json.dumps(event("checkout.session.completed", session_completed(payment)))
    header = signature_header(original)
    tampered = original.replace(str(payment.amount_fen), "1")

    response = client.post(
        WEBHOOK_URL, data=tampered, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )

    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING


def test_a_request_without_signature_is_rejected(client):
    payment = PaymentFactory()
    payload = json.dumps(event("checkout.session.completed", session_completed(payment)))

    response = client.post(WEBHOOK_URL, data=payload, content_type="application/json")

    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_the_webhook_needs_no_csrf_token(client):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    payment = PaymentFactory()

    response = deliver(csrf_client, event("checkout.session.completed", session_completed(payment)))

    assert response.status_code == 200
    assert StripeEvent.objects.count() == 1


def test_a_completed_session_with_a_different_amount_is_not_applied(client):
    payment = PaymentFactory()

    deliver(client, event("checkout.session.completed", session_completed(payment, amount_total=1)))

    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
