"""Cancelling a challenge before award refunds its deposit: a Refund row commits with the
cancellation and goes to Stripe (stripe-mock) after commit."""

import pytest
from django.core.management import call_command

from challenges import services as challenge_services
from challenges.errors import ChallengeError
from notifications.models import Notification
from payments import selectors, services
from payments.models import Payment, Purpose, Refund
from tests.challenges.factories import pass_deadline, pay_deposit, staff_user

from .factories import challenge_awaiting_deposit, stripe_deposit_for
from .stripe_signing import deliver, event, session_completed

pytestmark = pytest.mark.django_db


def paid_online(challenge, client):
    payment = stripe_deposit_for(challenge)
    deliver(client, event("checkout.session.completed", session_completed(payment)))
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    return payment


def test_cancelling_before_award_refunds_the_stripe_deposit_after_commit(
    client, stripe_requests, django_capture_on_commit_callbacks
):
    challenge = challenge_awaiting_deposit()
    deposit = paid_online(challenge, client)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        challenge_services.cancel_challenge(
            challenge=challenge, by=challenge.created_by, reason="企业调整研发方向"
        )
        refund = Refund.objects.get()
        assert refund.payment == deposit
        assert refund.amount_fen == deposit.amount_fen
        assert refund.status == Refund.Status.PENDING
        assert "企业调整研发方向" in refund.reason
        assert not [r for r in stripe_requests if r.url.endswith("/v1/refunds")]
    for callback in callbacks:
        callback()

    (create,) = [r for r in stripe_requests if r.url.endswith("/v1/refunds")]
    assert create.headers["Idempotency-Key"] == f"refund-{refund.pk}"
    assert create.params["payment_intent"] == deposit.stripe_payment_intent_id
    assert create.params["amount"] == str(deposit.amount_fen)
    refund.refresh_from_db()
    assert refund.stripe_refund_id.startswith("re_")
    assert refund.status == Refund.Status.SUCCEEDED
    deposit.refresh_from_db()
    assert deposit.status == Payment.Status.REFUNDED
    assert challenge.activity.filter(action="challenge.deposit_refund").exists()


def test_a_published_challenge_cancelled_by_staff_gets_its_deposit_back(
    client, stripe_requests, django_capture_on_commit_callbacks
):
    challenge = challenge_awaiting_deposit()
    deposit = paid_online(challenge, client)
    staff = staff_user()
    challenge_services.publish_challenge(challenge=challenge, by=staff)

    with django_capture_on_commit_callbacks(execute=True):
        challenge_services.cancel_challenge(challenge=challenge, by=staff, reason="政策调整")

    deposit.refresh_from_db()
    assert deposit.status == Payment.Status.REFUNDED
    assert Refund.objects.get().requested_by == staff


def test_a_refused_cancellation_refunds_nothing(client, stripe_requests):
    challenge = challenge_awaiting_deposit()
    paid_online(challenge, client)

    with pytest.raises(ChallengeError):
        challenge_services.cancel_challenge(challenge=challenge, by=challenge.created_by, reason="")

    assert not Refund.objects.exists()
    assert selectors.deposit_is_paid(challenge)


def test_a_bank_transfer_deposit_waits_for_finance_to_wire_it_back(
    stripe_requests, django_capture_on_commit_callbacks
):
    challenge = challenge_awaiting_deposit()
    pay_deposit(challenge, challenge.created_by)

    with django_capture_on_commit_callbacks(execute=True):
        challenge_services.cancel_challenge(
            challenge=challenge, by=challenge.created_by, reason="重复发布"
        )

    refund = Refund.objects.get()
    assert refund.status == Refund.Status.PENDING
    assert stripe_requests == []
    services.mark_refund_succeeded(refund=refund, by=staff_user())
    assert Payment.objects.get(purpose=Purpose.DEPOSIT).status == Payment.Status.REFUNDED


def test_a_stripe_outage_leaves_the_refund_pending_and_send_refunds_retries_it(
    client, settings, stripe_requests, django_capture_on_commit_callbacks
):
    challenge = challenge_awaiting_deposit()
    deposit = paid_online(challenge, client)
    working_base = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens on the discard port

    with django_capture_on_commit_callbacks(execute=True):
        challenge_services.cancel_challenge(
            challenge=challenge, by=challenge.created_by, reason="企业调整研发方向"
        )

    refund = Refund.objects.get()
    assert refund.status == Refund.Status.PENDING and refund.stripe_refund_id is None
    challenge.refresh_from_db()
    assert challenge.status == "cancelled"  # the cancellation stands

    settings.STRIPE_API_BASE = working_base
    call_command("send_refunds")

    refund.refresh_from_db()
    assert refund.stripe_refund_id.startswith("re_")
    keys = {r.headers["Idempotency-Key"] for r in stripe_requests if r.url.endswith("/v1/refunds")}
    assert keys == {f"refund-{refund.pk}"}
    deposit.refresh_from_db()
    assert deposit.status == Payment.Status.REFUNDED


def test_a_deposit_that_lands_after_the_cancellation_goes_straight_back(
    client, stripe_requests, django_capture_on_commit_callbacks
):
    challenge = challenge_awaiting_deposit()
    late = stripe_deposit_for(challenge)
    challenge_services.cancel_challenge(
        challenge=challenge, by=challenge.created_by, reason="企业调整研发方向"
    )
    assert not Refund.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        deliver(client, event("checkout.session.completed", session_completed(late)))

    refund = Refund.objects.get()
    assert refund.payment == late
    assert refund.stripe_refund_id.startswith("re_")
    late.refresh_from_db()
    assert late.status == Payment.Status.REFUNDED


def test_a_failed_call_refunds_the_stripe_deposit_and_tells_the_owner(
    client, stripe_requests, django_capture_on_commit_callbacks
):
    challenge = challenge_awaiting_deposit()
    deposit = paid_online(challenge, client)
    staff = staff_user()
    challenge_services.publish_challenge(challenge=challenge, by=staff)
    pass_deadline(challenge)
    challenge_services.close_challenge(challenge=challenge)

    with django_capture_on_commit_callbacks(execute=True):
        challenge_services.fail_challenge(challenge=challenge, by=staff, reason="无团队揭榜")

    refund = Refund.objects.get()
    assert refund.payment == deposit
    assert refund.amount_fen == deposit.amount_fen
    assert "流榜" in refund.reason and "无团队揭榜" in refund.reason
    assert refund.stripe_refund_id.startswith("re_")
    deposit.refresh_from_db()
    assert deposit.status == Payment.Status.REFUNDED
    assert challenge.activity.filter(action="challenge.deposit_refund").exists()
    assert Notification.objects.filter(user=challenge.created_by, event="challenge_failed").exists()
