"""Listings for search tests: small, realistic, varied across industries."""

from decimal import Decimal

from accounts.models import Organization
from tests.factories import AchievementFactory, NeedFactory, OrganizationFactory, industry


def achievement(title, summary, *, keywords=(), industry_code="wood_furniture", **extra):
    extra.setdefault("organization", OrganizationFactory(kind=Organization.Kind.UNIVERSITY))
    return AchievementFactory(
        title=title,
        summary=summary,
        keywords=list(keywords),
        industry=industry(industry_code),
        **extra,
    )


def need(title, description, *, keywords=(), industry_code="wood_furniture", **extra):
    extra.setdefault("budget_min_cny", Decimal("100000"))
    extra.setdefault("budget_max_cny", Decimal("800000"))
    return NeedFactory(
        title=title,
        description=description,
        keywords=list(keywords),
        industry=industry(industry_code),
        **extra,
    )
