"""Factories for accounts roles; the core user and organization ones are in tests/factories.py."""

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from accounts.models import BrokerProfile, ExpertProfile, Invitation, Membership
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class BrokerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrokerProfile

    user = factory.SubFactory(UserFactory)
    certificate_number = factory.Sequence(lambda n: f"鲁技经字〔2024〕第{n:04d}号")
    years_of_experience = 5
    service_regions = factory.LazyFunction(lambda: ["lanshan"])
    certification_status = BrokerProfile.Certification.CERTIFIED


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    user = factory.SubFactory(UserFactory)
    title = "教授"
    affiliation = "临沂大学"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.cn")
    role = Membership.Role.MEMBER


def with_totp(user, secret: str = TOTP_SECRET):
    """Give a user an authenticator app, as staff and brokers must have."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    return user


def staff_user(**kwargs):
    return with_totp(UserFactory(is_staff=True, is_superuser=True, **kwargs))


def current_code(secret: str = TOTP_SECRET, offset: int = 0) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def member_of(org, role=Membership.Role.MEMBER, **user_kwargs):
    return MembershipFactory(organization=org, role=role, user=UserFactory(**user_kwargs)).user
