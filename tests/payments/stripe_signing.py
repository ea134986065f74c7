"""Sign webhook payloads exactly as Stripe does: HMAC-SHA256 over f"{t}.{payload}"."""

import hashlib
import hmac
import json
import time
import uuid

from django.conf import settings

WEBHOOK_URL = "/payments/stripe/webhook"


def signature_header(payload: str, *, secret: str | None = None, timestamp: int | None = None):
    secret = settings.STRIPE_WEBHOOK_SECRET if secret is None else secret
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(
        secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(type_: str, obj: dict, *, event_id: str | None = None) -> dict:
    return {
        "id": event_id or f"evt_test_{uuid.uuid4().hex[:20]}",
        "object": "event",
        "type": type_,
        "created": int(time.time()),
        "livemode": False,
        "api_version": "2026-10-28.endive",
        "data": {"object": obj},
    }


def deliver(client, evt: dict, **signing):
    """POST an event to the webhook the way Stripe does; returns the response."""
    payload = json.dumps(evt, ensure_ascii=False)
    return client.post(
        WEBHOOK_URL,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature_header(payload, **signing),
    )


def session_completed(payment, *, payment_status="paid", amount_total=None) -> dict:
    return {
        "id": payment.stripe_checkout_session_id,
        "object": "checkout.session",
        "amount_total": payment.amount_fen if amount_total is None else amount_total,
        "currency": payment.currency,
        "payment_status": payment_status,
        "status": "complete",
        "payment_intent": payment.stripe_payment_intent_id,
        "client_reference_id": payment.number,
        "metadata": {"payment_number": payment.number, "purpose": payment.purpose},
    }


def intent_failed(payment, message="您的银行卡余额不足。") -> dict:
    return {
        "id": payment.stripe_payment_intent_id,
        "object": "payment_intent",
        "amount": payment.amount_fen,
        "currency": payment.currency,
        "status": "requires_payment_method",
        "last_payment_error": {"code": "card_declined", "message": message},
        "metadata": {"payment_number": payment.number},
    }


def charge_refunded(payment, *, amount_refunded=None, refund_id="re_test_dashboard") -> dict:
    amount = payment.amount_fen if amount_refunded is None else amount_refunded
    return {
        "id": "ch_test_ledger",
        "object": "charge",
        "amount": payment.amount_fen,
        "amount_refunded": amount,
        "currency": payment.currency,
        "payment_intent": payment.stripe_payment_intent_id,
        "refunded": amount >= payment.amount_fen,
        "metadata": {"payment_number": payment.number},
        "refunds": {
            "object": "list",
            "data": [
                {
                    "id": refund_id,
                    "object": "refund",
                    "amount": amount,
                    "currency": payment.currency,
                    "payment_intent": payment.stripe_payment_intent_id,
                    "status": "succeeded",
                    "metadata": {},
                }
            ],
        },
    }
