"""factory_boy factories for the core models; apps add theirs in tests/<app>/factories.py."""

from decimal import Decimal
from importlib import import_module

import factory
from allauth.account.models import EmailAddress
from django.apps import apps as django_apps
from django.utils import timezone

from accounts.models import Membership, Organization, User
from core.models import Industry
from marketplace.models import Achievement, Need, Status


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.cn")
    name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-1234-word")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Users have a verified primary email unless verified=False is passed."""
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"临沂测试机构{n}有限公司")
    kind = Organization.Kind.ENTERPRISE
    region = "lanshan"
    verification_status = Organization.Verification.VERIFIED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.OWNER


def industry(code: str = "wood_furniture") -> Industry:
    """Industries are seeded by migration; fetch one by its fixed code."""
    found = Industry.objects.filter(code=code).first()
    if found is None:
        ensure_seeded()
        found = Industry.objects.get(code=code)
    return found


def ensure_seeded() -> None:
    """Put back the rows data migrations seed (the industries, the 五元 evaluation scheme): the
    flush that ends a transactional test wipes them, and serialized rollback cannot restore them
    in a reused test database."""
    from evaluation.models import CategoryScheme

    seed_industries = import_module("marketplace.migrations.0002_seed_industries")
    if Industry.objects.count() < len(seed_industries.INDUSTRIES):
        # The migration seeds marketplace's historical Industry; the model now lives in core.
        for order, (code, name, name_en) in enumerate(seed_industries.INDUSTRIES):
            Industry.objects.update_or_create(
                code=code, defaults={"name": name, "name_en": name_en, "order": order}
            )
    if not CategoryScheme.objects.exists():
        import_module("evaluation.migrations.0002_seed_scheme").seed(django_apps, None)


class AchievementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Achievement

    title = factory.Sequence(lambda n: f"一种低甲醛人造板胶黏剂的制备方法{n}")
    summary = "以改性大豆蛋白为主要原料，制得无醛添加的胶黏剂，胶合强度满足Ⅱ类板要求。"
    keywords = factory.LazyFunction(lambda: ["胶黏剂", "无醛"])
    industry = factory.LazyFunction(industry)
    organization = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.UNIVERSITY)
    patent_type = Achievement.PatentType.INVENTION
    maturity = Achievement.Maturity.PILOT
    transfer_modes = factory.LazyFunction(lambda: ["license"])
    asking_price_cny = Decimal("500000")
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    title = factory.Sequence(lambda n: f"多层板甲醛释放超标，寻求环保胶{n}")
    description = "我们是板材企业，希望找到不含甲醛的胶，能用现有热压设备。"
    keywords = factory.LazyFunction(lambda: ["多层板", "甲醛"])
    industry = factory.LazyFunction(industry)
    organization = factory.SubFactory(OrganizationFactory)
    budget_min_cny = Decimal("100000")
    budget_max_cny = Decimal("800000")
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
