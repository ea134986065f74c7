"""Payments tests talk to the real stripe-mock (scripts/stripe-mock); a missing one fails loudly."""

from urllib.parse import parse_qsl

import pytest


@pytest.fixture(autouse=True)
def _stripe_mock(stripe_mock):
    return stripe_mock


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
