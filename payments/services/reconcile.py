"""Compare the ledger with Stripe's objects and record every disagreement."""

import stripe
from django.db import transaction
from django.utils import timezone

from ..models import Channel, Mismatch, Payment, ReconciliationRun, Refund
from ..stripe_api import get_client

# What each ledger status implies about the Checkout Session's payment_status.
EXPECTED_SESSION_PAYMENT_STATUS = {
    Payment.Status.PENDING: {"unpaid"},
    Payment.Status.FAILED: {"unpaid"},
    Payment.Status.EXPIRED: {"unpaid"},
    Payment.Status.SUCCEEDED: {"paid", "no_payment_required"},
    Payment.Status.PARTIALLY_REFUNDED: {"paid"},
    Payment.Status.REFUNDED: {"paid"},
}


def reconcile_payments(*, by=None, since=None) -> ReconciliationRun:
    """Check every online payment and refund that has a Stripe object; returns the stored run."""
    client = get_client()
    run = ReconciliationRun.objects.create(by=by)
    found: list[Mismatch] = []
    payments = Payment.objects.filter(channel=Channel.STRIPE).exclude(
        stripe_checkout_session_id=None
    )
    refunds = Refund.objects.exclude(stripe_refund_id=None).select_related("payment")
    if since is not None:
        payments, refunds = (
            payments.filter(created_at__gte=since),
            refunds.filter(created_at__gte=since),
        )
    checked = 0
    for payment in payments.iterator():
        checked += 1
        found += _check_payment(client, run, payment)
    for refund in refunds.iterator():
        checked += 1
        found += _check_refund(client, run, refund)
    with transaction.atomic():
        Mismatch.objects.bulk_create(found)
        run.checked, run.mismatch_count, run.finished_at = checked, len(found), timezone.now()
        run.save()
    return run


def _retrieve(run, retrieve, stripe_id: str, **owner):
    try:
        return retrieve(stripe_id), None
    except stripe.InvalidRequestError as exc:
        kind = Mismatch.Kind.MISSING if exc.http_status == 404 else Mismatch.Kind.UNREACHABLE
        return None, Mismatch(
            run=run, kind=kind, stripe_id=stripe_id, ours="-", theirs=str(exc)[:120], **owner
        )
    except stripe.StripeError as exc:
        return None, Mismatch(
            run=run,
            kind=Mismatch.Kind.UNREACHABLE,
            stripe_id=stripe_id,
            ours="-",
            theirs=str(exc)[:120],
            **owner,
        )


def _check_payment(client, run, payment: Payment) -> list[Mismatch]:
    sid = payment.stripe_checkout_session_id
    session, missing = _retrieve(run, client.v1.checkout.sessions.retrieve, sid, payment=payment)
    if missing:
        return [missing]
    found = []

    def differ(kind, ours, theirs):
        found.append(
            Mismatch(
                run=run, kind=kind, payment=payment, stripe_id=sid, ours=ours, theirs=str(theirs)
            )
        )

    expected = EXPECTED_SESSION_PAYMENT_STATUS.get(payment.status)
    if expected is not None and session.payment_status not in expected:
        differ(Mismatch.Kind.STATUS, payment.status, session.payment_status)
    if session.amount_total is not None and session.amount_total != payment.amount_fen:
        differ(Mismatch.Kind.AMOUNT, str(payment.amount_fen), session.amount_total)
    if session.currency and session.currency != payment.currency:
        differ(Mismatch.Kind.CURRENCY, payment.currency, session.currency)
    return found


def _check_refund(client, run, refund: Refund) -> list[Mismatch]:
    rid = refund.stripe_refund_id
    obj, missing = _retrieve(run, client.v1.refunds.retrieve, rid, refund=refund)
    if missing:
        return [missing]
    found = []
    common = {"run": run, "refund": refund, "payment": refund.payment, "stripe_id": rid}
    if obj.status != refund.status:
        found.append(
            Mismatch(kind=Mismatch.Kind.STATUS, ours=refund.status, theirs=obj.status, **common)
        )
    if obj.amount != refund.amount_fen:
        found.append(
            Mismatch(
                kind=Mismatch.Kind.AMOUNT, ours=str(refund.amount_fen), theirs=obj.amount, **common
            )
        )
    return found
