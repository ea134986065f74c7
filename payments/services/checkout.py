"""Opening payments and sending the payer to Stripe Checkout.

A payment row is committed before Stripe is called, and the Stripe call carries an idempotency key
derived from that row: a crash or a double click between the two can only ever produce one Checkout
Session, which the next attempt picks up again.
"""

import logging
import secrets
from datetime import timedelta

import stripe
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization

from .. import selectors
from ..errors import PaymentError
from ..models import Channel, Payment, Price, Purpose
from ..stripe_api import get_client

log = logging.getLogger(__name__)

PAYMENT_METHOD_TYPES = ["card", "alipay", "wechat_pay"]
# An open attempt younger than this is reused instead of opening a second one (Checkout
# Sessions live 24 hours).
REUSE_OPEN_ATTEMPT_FOR = timedelta(hours=12)


def new_payment_number() -> str:
    return f"LY{timezone.localdate():%Y%m%d}{secrets.token_hex(4).upper()}"


def open_payment(
    *,
    purpose: str,
    description: str,
    amount_fen: int,
    by,
    organization: Organization | None = None,
    related: Model | None = None,
    price: Price | None = None,
    channel: str = Channel.STRIPE,
) -> Payment:
    if amount_fen <= 0:
        raise PaymentError(_("支付金额必须大于零。"))
    payment = Payment(
        number=new_payment_number(),
        purpose=purpose,
        description=description[:200],
        amount_fen=amount_fen,
        payer=by,
        payer_organization=organization,
        price=price,
        channel=channel,
    )
    if related is not None:
        payment.related = related
    with transaction.atomic():
        payment.save()
    return payment


def start_checkout(*, payment: Payment, site_url: str) -> str:
    """Create (or fetch again) the payment's Checkout Session; returns the URL for the payer."""
    if payment.status == Payment.Status.PENDING and payment.checkout_url:
        return payment.checkout_url
    if payment.status != Payment.Status.CREATED:
        raise PaymentError(_("该支付单已处理，无需再次支付。"))
    client = get_client()
    try:
        session = client.v1.checkout.sessions.create(
            params=_session_params(payment, site_url),
            options={"idempotency_key": f"checkout-{payment.number}"},
        )
    except stripe.StripeError as exc:
        log.warning("stripe checkout create failed for %s: %s", payment.number, exc)
        raise PaymentError(_("支付服务暂时不可用，请稍后再试。")) from exc
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        payment.stripe_checkout_session_id = session.id
        payment.stripe_payment_intent_id = _id_of(session.payment_intent)
        payment.checkout_url = session.url or ""
        if payment.status == Payment.Status.CREATED:
            payment.await_payment()
        payment.save()
    return payment.checkout_url


def _session_params(payment: Payment, site_url: str) -> dict:
    metadata = {"payment_number": payment.number, "purpose": payment.purpose}
    return_path = reverse("payments:return", args=[payment.number])
    params = {
        "mode": "payment",
        "currency": payment.currency,
        "payment_method_types": PAYMENT_METHOD_TYPES,
        "payment_method_options": {"wechat_pay": {"client": "web"}},
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": payment.currency,
                    "unit_amount": payment.amount_fen,
                    "product_data": {"name": payment.description},
                },
            }
        ],
        "client_reference_id": payment.number,
        "metadata": metadata,
        "payment_intent_data": {"metadata": metadata, "description": payment.description},
        "customer_email": payment.payer.email,
        "locale": "zh",
        "success_url": f"{site_url}{return_path}?session_id={{CHECKOUT_SESSION_ID}}",
        "cancel_url": f"{site_url}{return_path}?cancelled=1",
    }
    return params


def _id_of(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else value.id


def _reusable_attempt(payments) -> Payment | None:
    since = timezone.now() - REUSE_OPEN_ATTEMPT_FOR
    return payments.filter(status__in=Payment.OPEN_STATUSES, created_at__gte=since).first()


def start_deposit_checkout(*, challenge, by, site_url: str) -> str:
    """揭榜保证金 of a challenges.Challenge: the configured share of its bounty, paid by its
    organization before the challenge goes live (or the top-up after the bounty was raised)."""
    if not selectors.is_member_of(by, challenge.organization):
        raise PaymentError(_("只有发榜单位的成员可以缴纳该榜单的保证金。"))
    if selectors.deposit_amount_fen(challenge) <= 0:
        raise PaymentError(_("该榜单未设置榜额，无需缴纳保证金。"))
    amount_fen = selectors.deposit_due_fen(challenge)
    if amount_fen <= 0:
        raise PaymentError(_("该榜单的保证金已经缴纳。"))
    if not selectors.deposit_payable(challenge):
        raise PaymentError(_("榜单已发布或已结束，不能再缴纳保证金。"))
    # Any member's open attempt is reused, so two colleagues cannot both pay the same deposit.
    attempts = selectors.payments_about(challenge).filter(
        purpose=Purpose.DEPOSIT, amount_fen=amount_fen
    )
    payment = _reusable_attempt(attempts) or open_payment(
        purpose=Purpose.DEPOSIT,
        description=_("揭榜保证金：%(title)s") % {"title": challenge.title},
        amount_fen=amount_fen,
        by=by,
        organization=challenge.organization,
        related=challenge,
    )
    return start_checkout(payment=payment, site_url=site_url)


def start_service_fee_checkout(
    *, amount_fen: int, related: Model, by, organization: Organization | None, site_url: str
) -> str:
    """平台服务费 on a registered contract of `amount_fen` (the contract is `related`)."""
    fee_fen = selectors.service_fee_fen(amount_fen)
    attempts = selectors.payments_about(related).filter(
        purpose=Purpose.SERVICE_FEE, amount_fen=fee_fen, payer=by
    )
    payment = _reusable_attempt(attempts) or open_payment(
        purpose=Purpose.SERVICE_FEE,
        description=_("平台服务费：%(contract)s") % {"contract": related},
        amount_fen=fee_fen,
        by=by,
        organization=organization,
        related=related,
    )
    return start_checkout(payment=payment, site_url=site_url)


def start_payment_checkout(*, payment: Payment, by, site_url: str) -> str:
    """Pay a payment that was opened for the payer, e.g. the 平台服务费 billed when a contract
    is registered; a failed or expired one is paid through a fresh attempt of the same bill."""
    if payment.is_paid:
        raise PaymentError(_("该支付单已支付，无需再次支付。"))
    if payment.purpose == Purpose.DEPOSIT and payment.related is not None:
        return start_deposit_checkout(challenge=payment.related, by=by, site_url=site_url)
    if payment.is_open:
        return start_checkout(payment=payment, site_url=site_url)
    siblings = Payment.objects.filter(
        purpose=payment.purpose,
        content_type=payment.content_type,
        object_id=payment.object_id,
        price=payment.price,
        amount_fen=payment.amount_fen,
        payer_organization=payment.payer_organization,
    )
    if payment.object_id is not None and siblings.filter(status__in=Payment.PAID_STATUSES).exists():
        raise PaymentError(_("该笔费用已经支付。"))
    retry = _reusable_attempt(siblings.filter(payer=by)) or open_payment(
        purpose=payment.purpose,
        description=payment.description,
        amount_fen=payment.amount_fen,
        by=by,
        organization=payment.payer_organization,
        related=payment.related,
        price=payment.price,
    )
    return start_checkout(payment=retry, site_url=site_url)


def start_product_checkout(
    *, price: Price, by, organization: Organization | None, site_url: str
) -> str:
    attempts = Payment.objects.filter(
        purpose=Purpose.PRODUCT, price=price, amount_fen=price.amount_fen, payer=by
    )
    payment = _reusable_attempt(attempts) or open_payment(
        purpose=Purpose.PRODUCT,
        description=f"{price.product.name}（{price.label}）",
        amount_fen=price.amount_fen,
        by=by,
        organization=organization,
        price=price,
    )
    return start_checkout(payment=payment, site_url=site_url)


@transaction.atomic
def record_offline_payment(
    *,
    purpose: str,
    description: str,
    amount_fen: int,
    payer,
    organization: Organization | None,
    reference: str,
    related: Model | None = None,
    price: Price | None = None,
) -> Payment:
    """A bank transfer (对公转账) that staff confirmed against the bank statement."""
    payment = open_payment(
        purpose=purpose,
        description=description,
        amount_fen=amount_fen,
        by=payer,
        organization=organization,
        related=related,
        price=price,
        channel=Channel.OFFLINE,
    )
    payment.offline_reference = reference
    payment.succeed(at=timezone.now())
    payment.save()
    return payment
