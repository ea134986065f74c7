"""Evaluation tests run against the real stripe-mock where money is involved."""

import pytest


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
