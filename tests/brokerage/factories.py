"""Brokerage factories: certified brokers, inquiries, engagements with both parties."""

from datetime import date
from decimal import Decimal

import factory

from accounts.models import BrokerProfile
from brokerage.models import Engagement, Stage, TechContract
from marketplace.models import Inquiry
from tests.accounts.factories import with_totp
from tests.factories import (
    AchievementFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    industry,
)


class BrokerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrokerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    certificate_number = factory.Sequence(lambda n: f"LYJJ2026{n:04d}")
    certification_status = BrokerProfile.Certification.CERTIFIED

    @factory.post_generation
    def industries(obj, create, extracted, **kwargs):
        if create:
            obj.specialties.set(extracted if extracted is not None else [industry()])


def broker(**kwargs):
    """A certified broker with an authenticator app (brokers must use two-step verification)."""
    return with_totp(BrokerProfileFactory(**kwargs).user)


def staff(**kwargs):
    return with_totp(UserFactory(is_staff=True, **kwargs))


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    achievement = factory.SubFactory(AchievementFactory)
    user = factory.SubFactory(UserFactory)
    message = "我们对这项成果很感兴趣，希望了解许可费用和技术支持。"


class EngagementFactory(factory.django.DjangoModelFactory):
    """An engagement whose supply and demand organizations each have one owner member."""

    class Meta:
        model = Engagement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"无醛胶黏剂技术许可项目{n}")
    lead_broker = factory.LazyFunction(broker)
    industry = factory.LazyFunction(industry)
    transfer_mode = "license"
    achievement = factory.SubFactory(AchievementFactory)
    supply_organization = factory.SelfAttribute("achievement.organization")
    demand_organization = factory.SubFactory(OrganizationFactory)
    stage = Stage.LEAD


def supply_user(engagement):
    return MembershipFactory(organization=engagement.supply_organization).user


def demand_user(engagement):
    return MembershipFactory(organization=engagement.demand_organization).user


def contract_fields(**overrides):
    fields = {
        "contract_type": TechContract.Type.LICENSE,
        "title": "无醛胶黏剂专利实施许可合同",
        "supply_party": "沂蒙理工学院",
        "demand_party": "山东沂河板业有限公司",
        "amount_cny": Decimal("600000"),
        "tech_amount_cny": Decimal("500000"),
        "payment_schedule": "签约后10日内支付30%\n验收合格后支付70%",
        "signed_on": date(2026, 10, 8),
        "term_start": date(2026, 10, 8),
        "term_end": date(2029, 10, 7),
    }
    fields.update(overrides)
    return fields
