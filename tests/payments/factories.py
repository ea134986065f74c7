import factory

from challenges import services as challenge_services
from payments.models import Channel, Payment, Price, Product, Purpose
from tests.challenges.factories import draft_challenge
from tests.factories import MembershipFactory, UserFactory


def challenge_awaiting_deposit(**fields):
    """A 揭榜挂帅 challenge (challenges.Challenge) submitted for review, its deposit unpaid.

    The default bounty is ¥1,000,000, so the default 20% deposit is ¥200,000.
    """
    challenge = draft_challenge(**fields)
    challenge_services.submit_challenge(challenge=challenge, by=challenge.created_by)
    challenge.refresh_from_db()
    return challenge


def colleague_of(challenge):
    """Another member of the organization that posted the challenge."""
    return MembershipFactory(organization=challenge.organization).user


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


def stripe_deposit_for(challenge, **fields):
    """A deposit Checkout for the challenge, as start_deposit_checkout leaves it."""
    from payments.selectors import deposit_amount_fen

    values = {
        "description": f"揭榜保证金：{challenge.title}",
        "amount_fen": deposit_amount_fen(challenge),
        "payer": challenge.created_by,
        "payer_organization": challenge.organization,
        "related": challenge,
    }
    values.update(fields)
    related = values.pop("related")
    payment = PaymentFactory.build(**values)
    payment.related = related
    payment.save()
    return payment
