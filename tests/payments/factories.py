from decimal import Decimal

import factory

from payments.models import Channel, Payment, Price, Product, Purpose
from tests.factories import MembershipFactory, NeedFactory, UserFactory


class ChallengeFactory(NeedFactory):
    title = factory.Sequence(lambda n: f"揭榜挂帅：人造板在线视觉缺陷检测系统{n}")
    kind = "challenge"
    bounty_cny = Decimal("1000000")
    budget_min_cny = None
    budget_max_cny = None


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"科技成果评价服务{n}")
    slug = factory.Sequence(lambda n: f"evaluation-{n}")
    summary = "由同行专家出具成果评价报告。"
    delivery = "受理后15个工作日"


class PriceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Price

    product = factory.SubFactory(ProductFactory)
    label = "标准评价"
    amount_fen = 680000


class PaymentFactory(factory.django.DjangoModelFactory):
    """A Checkout payment waiting for Stripe's verdict (as after start_checkout)."""

    class Meta:
        model = Payment

    number = factory.Sequence(lambda n: f"LY20261127T{n:07d}")
    purpose = Purpose.DEPOSIT
    description = "揭榜保证金：人造板在线视觉缺陷检测系统"
    amount_fen = 20000000
    payer = factory.SubFactory(UserFactory)
    channel = Channel.STRIPE
    status = Payment.Status.PENDING
    stripe_checkout_session_id = factory.Sequence(lambda n: f"cs_test_ledger{n}")
    stripe_payment_intent_id = factory.Sequence(lambda n: f"pi_test_ledger{n}")
    checkout_url = "https://checkout.stripe.com/pay/c/cs_test_ledger"


def owner_of(organization):
    return MembershipFactory(organization=organization).user
