"""Payments tests talk to the real stripe-mock (scripts/stripe-mock); a missing one fails loudly."""

from urllib.parse import parse_qsl

import pytest
import requests
from django.conf import settings


@pytest.fixture(autouse=True)
def stripe_mock():
    base = settings.STRIPE_API_BASE
    try:
        response = requests.get(
            f"{base}/v1/customers", auth=(settings.STRIPE_SECRET_KEY, ""), timeout=5
        )
        response.raise_for_status()
    except requests.RequestException as exc:
        pytest.fail(
            f"stripe-mock is not reachable at {base}: {exc}. "
            "Start it with `scripts/stripe-mock start` (make test does)."
        )
    return base


class SentRequest:
    def __init__(self, method, url, headers, post_data):
        self.method, self.url, self.headers = method, url, dict(headers or {})
        body = post_data.decode() if isinstance(post_data, bytes) else (post_data or "")
        self.params = dict(parse_qsl(body, keep_blank_values=True))


@pytest.fixture
def stripe_requests(monkeypatch):
    """Every request the Stripe library sends (to stripe-mock, for real), in order."""
    from stripe._http_client import new_default_http_client

    client_class = type(new_default_http_client())
    original = client_class.request
    sent: list[SentRequest] = []

    def recording(self, method, url, headers, post_data=None):
        sent.append(SentRequest(method, url, headers, post_data))
        return original(self, method, url, headers, post_data)

    monkeypatch.setattr(client_class, "request", recording)
    return sent
