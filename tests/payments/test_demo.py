import pytest

from accounts import demo as accounts_demo
from challenges import demo as challenges_demo
from challenges.models import Challenge
from marketplace import demo as marketplace_demo
from payments import demo, selectors
from payments.models import Payment, Price, Product

pytestmark = pytest.mark.django_db


def test_demo_payments_load_twice_without_duplicates_and_without_stripe(settings):
    settings.STRIPE_SECRET_KEY = ""
    accounts_demo.load()
    marketplace_demo.load()
    challenges_demo.load()

    demo.load()
    demo.load()

    assert Product.objects.filter(name="科技成果评价服务").exists()
    assert Price.objects.count() == 5
    assert Payment.objects.filter(purpose="product").count() == 1
    # Every demo challenge that went live had its deposit paid by bank transfer (对公转账); the
    # draft promoted from a need (转为榜单) has not gone live yet.
    live = Challenge.objects.exclude(status__in=["draft", "submitted"])
    for challenge in live:
        assert selectors.deposit_is_paid(challenge)
    deposits = Payment.objects.filter(purpose="deposit")
    assert deposits.count() == live.count()
    assert all(deposit.channel == "offline" for deposit in deposits)
