"""The predicates other apps compose: checked against orgs and against listing-like objects."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import rules as r
from tests.accounts.factories import BrokerProfileFactory, ExpertProfileFactory, member_of
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_roles_in_an_organization():
    org = OrganizationFactory(verification_status="unverified")
    owner, admin, member = (member_of(org, role) for role in ("owner", "admin", "member"))
    outsider = UserFactory()
    listing = SimpleNamespace(organization=org)
    assert [r.is_org_admin(u, listing) for u in (owner, admin, member, outsider)] == [
        True,
        True,
        False,
        False,
    ]
    assert [r.is_org_member(u, org) for u in (owner, admin, member, outsider)] == [
        True,
        True,
        True,
        False,
    ]
    assert r.is_org_owner(owner, org) and not r.is_org_owner(admin, org)
    assert not r.is_verified_org_member(member, listing)
    org.verification_status = "verified"
    org.save()
    assert r.is_verified_org_member(member, listing)
    assert r.is_verified_org_member(member) and not r.is_verified_org_member(outsider)


def test_publishing_needs_a_verified_email_too():
    org = OrganizationFactory()
    unverified = member_of(org, verified=False)
    assert r.is_verified_org_member(unverified, org)
    assert not r.can_publish_for_org(unverified, org)
    assert not unverified.has_perm("accounts.publish_for_organization", org)
    assert member_of(org).has_perm("accounts.publish_for_organization", org)


def test_platform_roles():
    broker = BrokerProfileFactory(certification_status="pending").user
    expert = ExpertProfileFactory().user
    assert r.is_broker(broker) and not r.is_certified_broker(broker)
    assert r.is_expert(expert) and not r.is_expert(broker)
    assert r.is_staff(UserFactory(is_staff=True)) and not r.is_staff(expert)


def test_anonymous_visitors_hold_no_role():
    anonymous = AnonymousUser()
    org = OrganizationFactory()
    for predicate in (r.is_org_member, r.is_org_admin, r.is_verified_org_member):
        assert not predicate(anonymous, org)
    assert not r.is_broker(anonymous) and not r.is_expert(anonymous)
    assert not anonymous.has_perm("accounts.change_organization", org)
