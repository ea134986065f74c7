"""Compare the ledger with Stripe both ways and record every disagreement.

Ledger → Stripe: every online payment and refund is retrieved and compared.
Stripe → ledger: every succeeded charge Stripe lists for the period must belong to a ledger
payment (by its PaymentIntent); one that does not is money received that the ledger lacks.
"""

from datetime import timedelta

import stripe
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import PaymentError
from ..models import Channel, Mismatch, Payment, ReconciliationRun, Refund
from ..stripe_api import get_client

# Without an explicit period, Stripe's side is listed back this far: a settled month and a bit.
UNRECORDED_LOOKBACK = timedelta(days=35)

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
    listed, unrecorded = _find_unrecorded_charges(
        client, run, since or timezone.now() - UNRECORDED_LOOKBACK
    )
    checked += listed
    found += unrecorded
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


def _find_unrecorded_charges(client, run, since) -> tuple[int, list[Mismatch]]:
    """Succeeded charges Stripe lists since `since` whose PaymentIntent the ledger lacks."""
    start = int(since.timestamp())
    known = set(
        Payment.objects.filter(channel=Channel.STRIPE)
        .exclude(stripe_payment_intent_id=None)
        .values_list("stripe_payment_intent_id", flat=True)
    )
    listed, found = 0, []
    try:
        charges = client.v1.charges.list(params={"created": {"gte": start}, "limit": 100})
        for charge in charges.auto_paging_iter():
            # Checked here too: the period is the contract, whatever the list endpoint honours.
            if charge.created < start or charge.status != "succeeded" or not charge.paid:
                continue
            listed += 1
            if charge.payment_intent and charge.payment_intent in known:
                continue
            theirs = f"{charge.amount} {charge.currency} {charge.payment_intent or '-'}"
            found.append(
                Mismatch(
                    run=run,
                    kind=Mismatch.Kind.UNRECORDED,
                    stripe_id=charge.id,
                    ours="-",
                    theirs=theirs[:120],
                )
            )
    except stripe.StripeError as exc:
        found.append(
            Mismatch(
                run=run,
                kind=Mismatch.Kind.UNREACHABLE,
                stripe_id="charges",
                ours="-",
                theirs=str(exc)[:120],
            )
        )
    return listed, found


@transaction.atomic
def resolve_mismatch(*, mismatch: Mismatch, by, note: str) -> Mismatch:
    """Staff close a mismatch with what they found and did (补录、退款、已与银行核实…)."""
    mismatch = Mismatch.objects.select_for_update().get(pk=mismatch.pk)
    if not (by.is_active and by.is_staff):
        raise PaymentError(_("只有平台工作人员可以处理对账差异。"))
    if mismatch.resolved_at is not None:
        raise PaymentError(_("该差异已经处理过。"))
    note = (note or "").strip()
    if not note:
        raise PaymentError(_("请填写处理说明。"))
    mismatch.resolved_at, mismatch.resolved_by, mismatch.resolution_note = (
        timezone.now(),
        by,
        note,
    )
    mismatch.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
    return mismatch
