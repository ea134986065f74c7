"""Stripe webhook events -> ledger changes. Only verified events reach this module.

Each event id is stored once (a replay is a no-op), and every change is a transition the ledger's
state graph allows, so an event arriving late (a "completed" after a refund, a "failed" after a
success) leaves the newer state alone.
"""

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from core.parsing import parse_id

from ..activity import log_status_change
from ..models import Payment, Refund, StripeEvent
from .refunds import apply_refund_status, refund_held_payments, settle_refunded_total

log = logging.getLogger(__name__)

Handler = Callable[[dict, datetime], tuple[str, Payment | None]]


def process_event(*, event: dict) -> str:
    """Apply one verified event; returns a short outcome (also stored on the event row)."""
    created = datetime.fromtimestamp(int(event.get("created") or 0), tz=UTC)
    with transaction.atomic():
        record, is_new = StripeEvent.objects.get_or_create(
            event_id=event["id"],
            defaults={"type": event.get("type", ""), "created": created, "payload": event},
        )
        if not is_new:
            return "duplicate"
        handler = HANDLERS.get(record.type)
        obj = (event.get("data") or {}).get("object") or {}
        outcome, payment = handler(obj, created) if handler else ("ignored", None)
        record.outcome, record.payment = outcome[:300], payment
        record.save(update_fields=["outcome", "payment"])
    log.info("stripe event %s %s: %s", record.event_id, record.type, outcome)
    return outcome


def _find_payment(obj: dict) -> Payment | None:
    """Locate (and lock) our payment from a session, payment intent or charge object."""
    metadata = obj.get("metadata") or {}
    lookups = []
    if metadata.get("payment_number"):
        lookups.append({"number": metadata["payment_number"]})
    if obj.get("object") == "checkout.session" and obj.get("id"):
        lookups.append({"stripe_checkout_session_id": obj["id"]})
    intent = obj["id"] if obj.get("object") == "payment_intent" else obj.get("payment_intent")
    if isinstance(intent, dict):
        intent = intent.get("id")
    if intent:
        lookups.append({"stripe_payment_intent_id": intent})
    for lookup in lookups:
        payment = Payment.objects.select_for_update().filter(**lookup).first()
        if payment is not None:
            return payment
    return None


def _remember_stripe_ids(payment: Payment, obj: dict) -> None:
    if obj.get("object") == "checkout.session" and not payment.stripe_checkout_session_id:
        payment.stripe_checkout_session_id = obj.get("id")
    intent = obj["id"] if obj.get("object") == "payment_intent" else obj.get("payment_intent")
    if isinstance(intent, str) and intent and not payment.stripe_payment_intent_id:
        payment.stripe_payment_intent_id = intent


def _transition(payment: Payment, obj: dict, name: str, **kwargs) -> str:
    _remember_stripe_ids(payment, obj)
    method = getattr(payment, name)
    if not can_proceed(method):
        payment.save()
        return f"{payment.number}: no change ({payment.status})"
    before = payment.status
    method(**kwargs)
    payment.save()
    log_status_change(payment, name, before=before, note=kwargs.get("message", ""))
    if name == "succeed":
        _refund_if_no_longer_wanted(payment)
    return f"{payment.number}: {payment.status}"


def _refund_if_no_longer_wanted(payment: Payment) -> None:
    """Money that lands after what it pays for has ended (the payer finished a Checkout opened
    before a challenge or an evaluation was cancelled) is not kept: it goes straight back."""
    related = payment.related
    if related is None or not getattr(related, "refuses_payments", False):
        return
    refund_held_payments(
        target=related,
        purpose=payment.purpose,
        by=None,
        reason=_("到账时所付事项已撤销，款项原路退回"),
    )


def _amount_matches(payment: Payment, obj: dict, field: str) -> bool:
    amount, currency = obj.get(field), obj.get("currency")
    return (amount is None or amount == payment.amount_fen) and (
        not currency or currency == payment.currency
    )


def on_session_completed(obj: dict, at: datetime):
    payment = _find_payment(obj)
    if payment is None:
        return "no matching payment", None
    if obj.get("payment_status") not in ("paid", "no_payment_required"):
        # Asynchronous methods finish later with async_payment_succeeded / _failed.
        return _transition(payment, obj, "await_payment"), payment
    if not _amount_matches(payment, obj, "amount_total"):
        log.error("amount mismatch on %s: %s", payment.number, obj.get("amount_total"))
        return f"{payment.number}: amount mismatch, not applied", payment
    return _transition(payment, obj, "succeed", at=at), payment


def on_session_async_succeeded(obj: dict, at: datetime):
    return on_session_completed({**obj, "payment_status": "paid"}, at)


def on_session_async_failed(obj: dict, at: datetime):
    payment = _find_payment(obj)
    if payment is None:
        return "no matching payment", None
    return _transition(payment, obj, "fail", message=_("支付宝/微信支付未成功")), payment


def on_session_expired(obj: dict, at: datetime):
    payment = _find_payment(obj)
    if payment is None:
        return "no matching payment", None
    return _transition(payment, obj, "expire"), payment


def on_intent_failed(obj: dict, at: datetime):
    payment = _find_payment(obj)
    if payment is None:
        return "no matching payment", None
    error = obj.get("last_payment_error") or {}
    message = error.get("message") or error.get("code") or "payment failed"
    return _transition(payment, obj, "fail", message=message), payment


def on_intent_succeeded(obj: dict, at: datetime):
    payment = _find_payment(obj)
    if payment is None:
        return "no matching payment", None
    if not _amount_matches(payment, obj, "amount_received"):
        return f"{payment.number}: amount mismatch, not applied", payment
    return _transition(payment, obj, "succeed", at=at), payment


def on_charge_refunded(obj: dict, at: datetime):
    """A refund on the charge proves it was paid: settle that first if the success event is late."""
    payment = _find_payment(obj)
    if payment is None:
        return "no matching payment", None
    _remember_stripe_ids(payment, obj)
    before = payment.status
    succeeded = can_proceed(payment.succeed)
    if succeeded:
        payment.succeed(at=at)
    payment.save()
    if succeeded:
        log_status_change(payment, "succeed", before=before)
    for data in (obj.get("refunds") or {}).get("data") or []:
        _upsert_refund(payment, data)
    settle_refunded_total(payment=payment, at_least_fen=int(obj.get("amount_refunded") or 0))
    payment.refresh_from_db()
    return f"{payment.number}: {payment.status}", payment


def on_refund_event(obj: dict, at: datetime):
    payment = _find_payment(obj)
    if payment is None:
        return "no matching payment", None
    refund = _upsert_refund(payment, obj)
    payment.refresh_from_db()
    return f"{payment.number}: refund {refund.pk} {refund.status}", payment


def _upsert_refund(payment: Payment, data: dict) -> Refund:
    """Match a Stripe refund to ours by id or metadata; one made in Stripe's dashboard is added."""
    metadata = data.get("metadata") or {}
    refund = Refund.objects.select_for_update().filter(stripe_refund_id=data["id"]).first()
    refund_id = parse_id(metadata.get("refund_id"))
    if refund is None and refund_id is not None:
        refund = Refund.objects.select_for_update().filter(pk=refund_id, payment=payment).first()
    if refund is None:
        refund = Refund.objects.create(
            payment=payment,
            amount_fen=int(data.get("amount") or 0) or payment.amount_fen,
            reason="Stripe 后台发起的退款",
            stripe_refund_id=data["id"],
        )
    if not refund.stripe_refund_id:
        refund.stripe_refund_id = data["id"]
        refund.save(update_fields=["stripe_refund_id"])
    apply_refund_status(
        refund=refund,
        status=data.get("status") or Refund.Status.PENDING,
        failure_message=data.get("failure_reason") or "",
    )
    return refund


HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": on_session_completed,
    "checkout.session.async_payment_succeeded": on_session_async_succeeded,
    "checkout.session.async_payment_failed": on_session_async_failed,
    "checkout.session.expired": on_session_expired,
    "payment_intent.succeeded": on_intent_succeeded,
    "payment_intent.payment_failed": on_intent_failed,
    "charge.refunded": on_charge_refunded,
    "refund.created": on_refund_event,
    "refund.updated": on_refund_event,
    "refund.failed": on_refund_event,
}
