"""A challenge with a bounty goes live only after a verified Stripe event says its deposit
landed."""

import pytest

from challenges import services as challenge_services
from challenges.errors import ChallengeError
from challenges.models import ChallengeStatus
from payments import selectors
from payments.models import Payment
from tests.challenges.factories import staff_user

from .factories import challenge_awaiting_deposit
from .stripe_signing import deliver, event, session_completed

pytestmark = pytest.mark.django_db


def test_publishing_waits_for_the_verified_webhook_not_for_the_browsers_return(client):
    challenge = challenge_awaiting_deposit()
    owner, staff = challenge.created_by, staff_user()
    client.force_login(owner)
    client.post(f"/payments/challenges/{challenge.pk}/deposit/")
    payment = Payment.objects.get()

    # The payer comes back from Checkout with a session id: nothing is paid yet.
    client.get(
        f"/payments/receipts/{payment.number}/return/"
        f"?session_id={payment.stripe_checkout_session_id}"
    )
    with pytest.raises(ChallengeError, match="保证金"):
        challenge_services.publish_challenge(challenge=challenge, by=staff)

    deliver(client, event("checkout.session.completed", session_completed(payment)))
    challenge_services.publish_challenge(challenge=challenge, by=staff)

    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.PUBLISHED


def test_a_forged_completion_does_not_open_the_gate(client):
    challenge = challenge_awaiting_deposit()
    client.force_login(challenge.created_by)
    client.post(f"/payments/challenges/{challenge.pk}/deposit/")
    payment = Payment.objects.get()

    response = deliver(
        client,
        event("checkout.session.completed", session_completed(payment)),
        secret="whsec_forged",
    )

    assert response.status_code == 400
    assert not selectors.deposit_is_paid(challenge)
    with pytest.raises(ChallengeError):
        challenge_services.publish_challenge(challenge=challenge, by=staff_user())


def test_an_async_alipay_payment_opens_the_gate_only_when_it_succeeds(client):
    challenge = challenge_awaiting_deposit()
    client.force_login(challenge.created_by)
    client.post(f"/payments/challenges/{challenge.pk}/deposit/")
    payment = Payment.objects.get()

    deliver(
        client,
        event("checkout.session.completed", session_completed(payment, payment_status="unpaid")),
    )
    assert not selectors.deposit_is_paid(challenge)
    deliver(client, event("checkout.session.async_payment_succeeded", session_completed(payment)))

    assert selectors.deposit_is_paid(challenge)
