from decimal import Decimal

import pytest

from challenges import services as challenge_services
from challenges.models import Challenge
from payments import selectors, services
from payments.errors import PaymentError
from payments.models import Payment, Purpose
from tests.challenges.factories import draft_challenge, published_challenge
from tests.factories import UserFactory

from .factories import challenge_awaiting_deposit, colleague_of

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def test_deposit_checkout_opens_a_cny_session_with_card_alipay_and_wechat_pay(stripe_requests):
    challenge = challenge_awaiting_deposit(bounty_cny=Decimal("1000000"))

    url = services.start_deposit_checkout(
        challenge=challenge, by=challenge.created_by, site_url=SITE
    )

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


def test_a_draft_challenge_may_pay_its_deposit_before_submitting(stripe_requests):
    challenge = challenge_awaiting_deposit()
    draft = draft_challenge()

    services.start_deposit_checkout(challenge=draft, by=draft.created_by, site_url=SITE)

    assert selectors.payments_about(draft).get().status == Payment.Status.PENDING
    assert not selectors.payments_about(challenge).exists()


def test_clicking_pay_twice_reuses_the_open_attempt(stripe_requests):
    challenge = challenge_awaiting_deposit()
    payer = challenge.created_by

    first = services.start_deposit_checkout(challenge=challenge, by=payer, site_url=SITE)
    second = services.start_deposit_checkout(challenge=challenge, by=payer, site_url=SITE)

    assert first == second
    assert Payment.objects.count() == 1
    assert len([r for r in stripe_requests if r.method == "post"]) == 1


def test_two_colleagues_paying_the_same_deposit_share_one_checkout(stripe_requests):
    challenge = challenge_awaiting_deposit()
    first = services.start_deposit_checkout(
        challenge=challenge, by=challenge.created_by, site_url=SITE
    )

    second = services.start_deposit_checkout(
        challenge=challenge, by=colleague_of(challenge), site_url=SITE
    )

    assert first == second
    assert Payment.objects.count() == 1


def test_someone_outside_the_organization_cannot_pay_its_deposit():
    challenge = challenge_awaiting_deposit()

    with pytest.raises(PaymentError):
        services.start_deposit_checkout(challenge=challenge, by=UserFactory(), site_url=SITE)
    assert not Payment.objects.exists()


def test_a_payment_left_before_stripe_answered_retries_with_the_same_idempotency_key(
    stripe_requests,
):
    challenge = challenge_awaiting_deposit()
    payer = challenge.created_by
    payment = services.open_payment(
        purpose=Purpose.DEPOSIT,
        description="揭榜保证金",
        amount_fen=selectors.deposit_amount_fen(challenge),
        by=payer,
        organization=challenge.organization,
        related=challenge,
    )

    services.start_deposit_checkout(challenge=challenge, by=payer, site_url=SITE)

    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
    assert stripe_requests[-1].headers["Idempotency-Key"] == f"checkout-{payment.number}"
    assert Payment.objects.count() == 1


def test_deposit_share_comes_from_settings(settings):
    settings.PAYMENTS_CHALLENGE_DEPOSIT_SHARE = "0.35"
    challenge = challenge_awaiting_deposit(
        bounty_cny=Decimal("3000000.00"), total_budget_cny=Decimal("5000000")
    )

    assert selectors.deposit_amount_fen(challenge) == 105_000_000


def test_a_paid_deposit_cannot_be_paid_again():
    challenge = challenge_awaiting_deposit()
    payer = challenge.created_by
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
        services.start_deposit_checkout(challenge=challenge, by=payer, site_url=SITE)


def test_raising_the_bounty_after_paying_asks_only_for_the_top_up(stripe_requests):
    challenge = draft_challenge(bounty_cny=Decimal("1000000"))
    owner = challenge.created_by
    services.record_offline_payment(
        purpose=Purpose.DEPOSIT,
        description="揭榜保证金",
        amount_fen=selectors.deposit_amount_fen(challenge),
        payer=owner,
        organization=challenge.organization,
        reference="37001668800052023117",
        related=challenge,
    )
    challenge_services.update_challenge(
        challenge=challenge, by=owner, bounty_cny=Decimal("1500000")
    )

    assert not selectors.deposit_is_paid(challenge)
    assert selectors.deposit_due_fen(challenge) == 10_000_000
    services.start_deposit_checkout(challenge=challenge, by=owner, site_url=SITE)
    top_up = Payment.objects.get(status=Payment.Status.PENDING)
    assert top_up.amount_fen == 10_000_000


def test_a_published_challenge_no_longer_takes_a_deposit_online():
    challenge = published_challenge()
    Challenge.objects.filter(pk=challenge.pk).update(bounty_cny=Decimal("2000000"))
    challenge.refresh_from_db()

    with pytest.raises(PaymentError):
        services.start_deposit_checkout(challenge=challenge, by=challenge.created_by, site_url=SITE)


def test_a_challenge_without_bounty_needs_no_deposit():
    challenge = challenge_awaiting_deposit(bounty_cny=Decimal("0"), total_budget_cny=None)

    with pytest.raises(PaymentError):
        services.start_deposit_checkout(challenge=challenge, by=challenge.created_by, site_url=SITE)
    assert not Payment.objects.exists()
