"""Evaluation tests run against the real stripe-mock where money is involved."""

import pytest
import requests
from django.conf import settings


@pytest.fixture
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


@pytest.fixture
def evaluation_price(db):
    from payments.models import Price, Product

    product, _ = Product.objects.update_or_create(
        slug="achievement-evaluation",
        defaults={"name": "科技成果评价服务", "summary": "同行专家出具评价报告。"},
    )
    price, _ = Price.objects.update_or_create(
        product=product, label="标准评价（5位专家）", defaults={"amount_fen": 680000}
    )
    return price
