"""Money going back (deposit refunds) and out (milestone payouts of a bounty)."""

import logging
from functools import partial

import stripe
from django.db import transaction
from django.db.models import Model, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization

from .. import selectors
from ..activity import log_status_change
from ..errors import PaymentError
from ..models import Channel, Payment, Payout, Purpose, Refund
from ..stripe_api import StripeNotConfigured, get_client

log = logging.getLogger(__name__)


def refund_deposit(*, payment: Payment, by, reason: str, amount_fen: int | None = None) -> Refund:
    """Give back what is left of a challenge deposit (cancelled before award), or part of it.

    The refund row is committed first and the Stripe call is keyed on it, so a retry never refunds
    twice. Stripe's answer sets the refund's status; the payment's own status follows from
    refunds that actually succeeded (here or via the charge.refunded / refund.updated webhooks).
    """
    if payment.purpose != Purpose.DEPOSIT:
        raise PaymentError(_("只有揭榜保证金可以在此退还。"))
    with transaction.atomic():
        refund = request_refund(payment=payment, by=by, reason=reason, amount_fen=amount_fen)
    return send_refund(refund=refund, raise_errors=True)


def request_refund(*, payment: Payment, by, reason: str, amount_fen: int | None = None) -> Refund:
    """Record a pending refund of a paid payment in the caller's transaction; nothing is sent.

    `send_refund` (directly, or the send_refund_task enqueued on commit) takes it to Stripe.
    """
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if not payment.is_paid:
            raise PaymentError(_("该款项尚未支付成功，无法退款。"))
        available = selectors.available_fen(payment)
        amount_fen = available if amount_fen is None else amount_fen
        if amount_fen <= 0 or amount_fen > available:
            raise PaymentError(_("退款金额超出可退余额。"))
        return Refund.objects.create(
            payment=payment, amount_fen=amount_fen, reason=reason[:300], requested_by=by
        )


def refund_held_payments(*, target: Model, purpose: str, by, reason: str) -> list[Refund]:
    """Give back everything still held of the paid payments of this purpose about target: the
    deposit of a challenge cancelled before award, the fee of a cancelled evaluation.

    Called inside the cancelling transaction: the refund rows commit (or roll back) with the
    cancellation, and the Stripe calls go out only after commit, from a task keyed on each row.
    A Stripe outage leaves the row pending without a Stripe id; `manage.py send_refunds` (or the
    next task run) sends it again under the same idempotency key.
    """
    refunds = []
    paid = selectors.payments_about(target).filter(
        purpose=purpose, status__in=Payment.PAID_STATUSES
    )
    for payment in paid.order_by("pk"):
        if selectors.available_fen(payment) <= 0:
            continue
        refund = request_refund(payment=payment, by=by, reason=reason)
        refunds.append(refund)
        if payment.channel == Channel.STRIPE:
            transaction.on_commit(partial(_enqueue_send, refund.pk))
    return refunds


def _enqueue_send(refund_id: int) -> None:
    from ..tasks import send_refund_task

    send_refund_task.enqueue(refund_id)


def send_refund(*, refund: Refund, raise_errors: bool = False) -> Refund:
    """Take a pending refund to Stripe; a no-op once sent, for bank transfers, or when final."""
    payment = refund.payment
    if (
        payment.channel == Channel.OFFLINE
        or refund.stripe_refund_id
        or refund.status != Refund.Status.PENDING
    ):
        # Paid by bank transfer: finance wires it back and confirms with mark_refund_succeeded.
        return refund
    if not payment.stripe_payment_intent_id:
        if raise_errors:
            raise PaymentError(_("找不到该笔支付的 Stripe 支付意向，无法原路退回。"))
        log.error("refund %s: payment %s has no payment intent", refund.pk, payment.number)
        return refund
    try:
        client = get_client()
    except StripeNotConfigured:
        if raise_errors:
            raise
        log.error("refund %s left pending: STRIPE_SECRET_KEY is not set", refund.pk)
        return refund
    try:
        result = client.v1.refunds.create(
            params={
                "payment_intent": payment.stripe_payment_intent_id,
                "amount": refund.amount_fen,
                "reason": "requested_by_customer",
                "metadata": {"refund_id": str(refund.pk), "payment_number": payment.number},
            },
            options={"idempotency_key": f"refund-{refund.pk}"},
        )
    except stripe.StripeError as exc:
        log.warning("stripe refund failed for %s: %s", payment.number, exc)
        if raise_errors:
            # Left pending without a Stripe id: staff see it in the admin and can retry.
            raise PaymentError(_("退款请求未能提交至支付机构，请稍后重试。")) from exc
        return refund
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if not refund.stripe_refund_id:
            refund.stripe_refund_id = result.id
            refund.save(update_fields=["stripe_refund_id"])
        apply_refund_status(refund=refund, status=result.status, failure_message="")
    return refund


def send_unsent_refunds() -> int:
    """Retry every online refund that never reached Stripe; returns how many were sent."""
    sent = 0
    unsent = Refund.objects.filter(
        status=Refund.Status.PENDING, stripe_refund_id=None, payment__channel=Channel.STRIPE
    ).select_related("payment")
    for refund in unsent:
        if send_refund(refund=refund).stripe_refund_id:
            sent += 1
    return sent


def mark_refund_succeeded(*, refund: Refund, by) -> Refund:
    """Finance confirms a bank-transfer refund reached the payer."""
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        apply_refund_status(refund=refund, status=Refund.Status.SUCCEEDED, failure_message="")
    return refund


def apply_refund_status(*, refund: Refund, status: str, failure_message: str) -> None:
    """Move a refund to Stripe's status (only forward) and settle the payment's refunded total.

    Callers hold the refund row lock inside a transaction.
    """
    if status == "requires_action":
        status = Refund.Status.PENDING
    if status not in Refund.Status.values or refund.status == status:
        return
    if refund.status != Refund.Status.PENDING:
        return  # a final state never moves again (e.g. a late "pending" after "succeeded")
    refund.status = status
    refund.failure_message = failure_message[:300]
    if status == Refund.Status.SUCCEEDED:
        refund.succeeded_at = timezone.now()
    refund.save()
    settle_refunded_total(payment=refund.payment)


def settle_refunded_total(*, payment: Payment, at_least_fen: int = 0) -> None:
    """Set the payment's refunded total from its succeeded refunds (or what Stripe reports)."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if not payment.is_paid:
        return
    succeeded = (
        payment.refunds.filter(status=Refund.Status.SUCCEEDED).aggregate(s=Sum("amount_fen"))["s"]
        or 0
    )
    total = min(max(succeeded, at_least_fen, payment.amount_refunded_fen), payment.amount_fen)
    if total == payment.amount_refunded_fen or total == 0:
        return
    before = payment.status
    if total >= payment.amount_fen:
        name = "refund_fully"
        payment.refund_fully()
    else:
        name = "refund_partly"
        payment.refund_partly(amount_refunded_fen=total)
    payment.save()
    log_status_change(payment, name, before=before)


@transaction.atomic
def record_payout(
    *,
    payment: Payment,
    payee: Organization | None,
    milestone: str,
    amount_fen: int,
    by,
    related: Model | None = None,
    payee_name: str = "",
) -> Payout:
    """Earmark part of a paid deposit for the winning team after a milestone is accepted."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.purpose != Purpose.DEPOSIT or not payment.is_paid:
        raise PaymentError(_("只能从已缴纳的揭榜保证金中拨付。"))
    if amount_fen <= 0 or amount_fen > selectors.available_fen(payment):
        raise PaymentError(_("拨付金额超出保证金余额。"))
    payout = Payout(
        source=Payout.Source.ESCROW,
        payment=payment,
        payee=payee,
        payee_name=(payee_name or str(payee or ""))[:200],
        milestone=milestone[:120],
        amount_fen=amount_fen,
        created_by=by,
    )
    if related is not None:
        payout.related = related
    payout.save()
    return payout


@transaction.atomic
def mark_payout_paid(*, payout: Payout, by, bank_reference: str) -> Payout:
    payout = Payout.objects.select_for_update().get(pk=payout.pk)
    if payout.status != Payout.Status.PENDING:
        raise PaymentError(_("该拨付已处理。"))
    if not bank_reference.strip():
        raise PaymentError(_("请填写银行流水号。"))
    payout.status = Payout.Status.PAID
    payout.bank_reference = bank_reference.strip()
    payout.paid_at = timezone.now()
    payout.save()
    return payout


@transaction.atomic
def cancel_payout(*, payout: Payout, by) -> Payout:
    payout = Payout.objects.select_for_update().get(pk=payout.pk)
    if payout.status != Payout.Status.PENDING:
        raise PaymentError(_("只有待拨付的记录可以取消。"))
    payout.status = Payout.Status.CANCELED
    payout.save()
    return payout
