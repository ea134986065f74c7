"""POST /payments/stripe/webhook — Stripe's signed event deliveries (outside i18n, no CSRF)."""

import json
import logging

import stripe
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.metrics import WEBHOOK_FAILURES

from .services import process_event

log = logging.getLogger(__name__)

# Stripe's own default: a signed timestamp older than five minutes is a replay.
SIGNATURE_TOLERANCE_SECONDS = 300


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        log.error("stripe webhook received but STRIPE_WEBHOOK_SECRET is not set")
        WEBHOOK_FAILURES.labels("stripe", "not_configured").inc()
        return HttpResponse("webhook secret not configured", status=400)
    try:
        payload = request.body.decode("utf-8")
        stripe.WebhookSignature.verify_header(
            payload,
            request.headers.get("Stripe-Signature", ""),
            secret,
            SIGNATURE_TOLERANCE_SECONDS,
        )
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError) as exc:
        log.warning("stripe webhook rejected: %s", exc)
        WEBHOOK_FAILURES.labels("stripe", "signature").inc()
        return HttpResponse("invalid signature or payload", status=400)
    if not isinstance(event, dict) or not event.get("id"):
        WEBHOOK_FAILURES.labels("stripe", "payload").inc()
        return HttpResponse("not an event", status=400)
    outcome = process_event(event=event)
    return JsonResponse({"received": True, "outcome": outcome})
