from decimal import Decimal

import pytest

from payments import selectors, services
from payments.errors import PaymentError
from payments.models import Payment, Purpose

from .factories import ChallengeFactory, owner_of

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def test_deposit_checkout_opens_a_cny_session_with_card_alipay_and_wechat_pay(stripe_requests):
    challenge = ChallengeFactory(bounty_cny=Decimal("1000000"))
    payer = owner_of(challenge.organization)

    url = services.start_deposit_checkout(target=challenge, by=payer, site_url=SITE)

    payment = Payment.objects.get()
    assert url.startswith("https://checkout.stripe.com/")
    assert payment.checkout_url == url
    assert payment.status == Payment.Status.PENDING
    assert payment.stripe_checkout_session_id.startswith("cs_test_")
    assert payment.related == challenge
    assert payment.purpose == Purpose.DEPOSIT
    assert payment.payer_organization == challenge.organization
    assert payment.amount_fen == 20_000_000  # 20% of ¥1,000,000, in fen

    (create,) = [r for r in stripe_requests if r.method == "post"]
    assert create.url.endswith("/v1/checkout/sessions")
    assert create.headers["Idempotency-Key"] == f"checkout-{payment.number}"
    params = create.params
    assert params["mode"] == "payment"
    assert params["currency"] == "cny"
    assert [params[f"payment_method_types[{i}]"] for i in range(3)] == [
        "card",
        "alipay",
        "wechat_pay",
    ]
    assert params["payment_method_options[wechat_pay][client]"] == "web"
    assert params["line_items[0][price_data][unit_amount]"] == "20000000"
    assert params["line_items[0][price_data][currency]"] == "cny"
    assert params["metadata[payment_number]"] == payment.number
    assert params["payment_intent_data[metadata][payment_number]"] == payment.number
    assert params["success_url"].startswith(f"{SITE}/payments/receipts/{payment.number}/return/")
    assert params["success_url"].endswith("session_id={CHECKOUT_SESSION_ID}")


def test_clicking_pay_twice_reuses_the_open_attempt(stripe_requests):
    challenge = ChallengeFactory()
    payer = owner_of(challenge.organization)

    first = services.start_deposit_checkout(target=challenge, by=payer, site_url=SITE)
    second = services.start_deposit_checkout(target=challenge, by=payer, site_url=SITE)

    assert first == second
    assert Payment.objects.count() == 1
    assert len([r for r in stripe_requests if r.method == "post"]) == 1


def test_two_colleagues_paying_the_same_deposit_share_one_checkout(stripe_requests):
    challenge = ChallengeFactory()
    first = services.start_deposit_checkout(
        target=challenge, by=owner_of(challenge.organization), site_url=SITE
    )

    second = services.start_deposit_checkout(
        target=challenge, by=owner_of(challenge.organization), site_url=SITE
    )

    assert first == second
    assert Payment.objects.count() == 1


def test_a_payment_left_before_stripe_answered_retries_with_the_same_idempotency_key(
    stripe_requests,
):
    challenge = ChallengeFactory()
    payer = owner_of(challenge.organization)
    payment = services.open_payment(
        purpose=Purpose.DEPOSIT,
        description="揭榜保证金",
        amount_fen=selectors.deposit_amount_fen(challenge),
        by=payer,
        organization=challenge.organization,
        related=challenge,
    )

    services.start_deposit_checkout(target=challenge, by=payer, site_url=SITE)

    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
    assert stripe_requests[-1].headers["Idempotency-Key"] == f"checkout-{payment.number}"
    assert Payment.objects.count() == 1


def test_deposit_share_comes_from_settings(settings):
    settings.PAYMENTS_CHALLENGE_DEPOSIT_SHARE = "0.35"
    challenge = ChallengeFactory(bounty_cny=Decimal("3000000.00"))

    assert selectors.deposit_amount_fen(challenge) == 105_000_000


def test_a_paid_deposit_cannot_be_paid_again():
    challenge = ChallengeFactory()
    payer = owner_of(challenge.organization)
    services.record_offline_payment(
        purpose=Purpose.DEPOSIT,
        description="揭榜保证金",
        amount_fen=selectors.deposit_amount_fen(challenge),
        payer=payer,
        organization=challenge.organization,
        reference="37001668800052023117",
        related=challenge,
    )

    assert selectors.deposit_is_paid(challenge)
    with pytest.raises(PaymentError):
        services.start_deposit_checkout(target=challenge, by=payer, site_url=SITE)


def test_a_challenge_without_bounty_needs_no_deposit():
    challenge = ChallengeFactory(bounty_cny=None)

    with pytest.raises(PaymentError):
        services.start_deposit_checkout(
            target=challenge, by=owner_of(challenge.organization), site_url=SITE
        )
    assert not Payment.objects.exists()
