"""The one place that builds a Stripe client from settings (STRIPE_API_BASE points at stripe-mock
in tests and development)."""

import stripe
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class StripeNotConfigured(RuntimeError):
    """STRIPE_SECRET_KEY is empty: online payment is switched off, nothing else breaks."""

    message = _("在线支付尚未开通，请联系平台工作人员办理对公转账。")


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def get_client() -> stripe.StripeClient:
    if not is_configured():
        raise StripeNotConfigured(str(StripeNotConfigured.message))
    base_addresses = {}
    if settings.STRIPE_API_BASE:
        base_addresses["api"] = settings.STRIPE_API_BASE
    # Retries reuse the idempotency key we pass, so Stripe never creates an object twice.
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses=base_addresses, max_network_retries=2
    )
