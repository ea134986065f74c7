import pytest

from accounts import demo as accounts_demo
from marketplace import demo as marketplace_demo
from payments import demo
from payments.models import Payment, Payout, Price, Product

pytestmark = pytest.mark.django_db


def test_demo_payments_load_twice_without_duplicates_and_without_stripe(settings):
    settings.STRIPE_SECRET_KEY = ""
    accounts_demo.load()
    marketplace_demo.load()

    demo.load()
    demo.load()

    assert Product.objects.filter(name="科技成果评价服务").exists()
    assert Price.objects.count() == 5
    assert Payment.objects.count() == 2
    deposit = Payment.objects.get(purpose="deposit")
    assert deposit.amount_fen == 60_000_000  # 20% of the ¥3,000,000 bounty
    assert deposit.related.external_id == "DEMO-N03"
    assert Payout.objects.get().amount_fen == 15_000_000
