"""The one permission layer: predicates (django-rules) used by views, templates, API and admin.

Predicates take (user) or (user, obj). `obj` may be an Organization or anything with an
`organization` attribute (a listing, a challenge), so other apps compose these directly:

    can_edit_listing = is_org_admin | is_staff
"""

import rules
from allauth.account.models import EmailAddress

from .models import BrokerProfile, ExpertProfile, Membership, Organization


def organization_of(obj) -> Organization | None:
    if obj is None or isinstance(obj, Organization):
        return obj
    return getattr(obj, "organization", None)


def _role_in(user, obj) -> str | None:
    org = organization_of(obj)
    if org is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.filter(user=user, organization=org)
        .values_list("role", flat=True)
        .first()
    )


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


@rules.predicate
def has_verified_email(user) -> bool:
    """The address the user signs in with is verified (not merely some address they added)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


@rules.predicate
def is_org_member(user, obj=None) -> bool:
    """Member (any role) of obj's organization; without obj, of any organization."""
    if not getattr(user, "is_authenticated", False):
        return False
    if obj is None:
        return Membership.objects.filter(user=user).exists()
    return _role_in(user, obj) is not None


@rules.predicate
def is_org_admin(user, obj=None) -> bool:
    """Owner or admin of obj's organization; without obj, of any organization."""
    if not getattr(user, "is_authenticated", False):
        return False
    if obj is None:
        return Membership.objects.filter(user=user, role__in=Membership.ADMIN_ROLES).exists()
    return _role_in(user, obj) in Membership.ADMIN_ROLES


@rules.predicate
def is_org_owner(user, obj=None) -> bool:
    if not getattr(user, "is_authenticated", False) or obj is None:
        return False
    return _role_in(user, obj) == Membership.Role.OWNER


@rules.predicate
def is_verified_org_member(user, obj=None) -> bool:
    """Member of obj's organization and it is verified; without obj, of any verified one."""
    if not getattr(user, "is_authenticated", False):
        return False
    memberships = Membership.objects.filter(
        user=user, organization__verification_status=Organization.Verification.VERIFIED
    )
    org = organization_of(obj)
    if obj is not None:
        if org is None:
            return False
        memberships = memberships.filter(organization=org)
    return memberships.exists()


@rules.predicate
def in_verified_org(user) -> bool:
    """Member of some verified organization (whatever object the permission is asked about)."""
    return is_verified_org_member(user)


@rules.predicate
def is_verified_org(user, obj) -> bool:
    """obj's organization (or obj, an organization) is verified."""
    org = organization_of(obj)
    return bool(org is not None and org.is_verified)


@rules.predicate
def is_broker(user) -> bool:
    """Holds a broker profile (in any state); brokers must use two-step verification."""
    if not getattr(user, "is_authenticated", False):
        return False
    return BrokerProfile.objects.filter(user=user).exists()


@rules.predicate
def is_certified_broker(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return BrokerProfile.objects.filter(
        user=user, certification_status=BrokerProfile.Certification.CERTIFIED
    ).exists()


@rules.predicate
def is_expert(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return ExpertProfile.objects.filter(user=user, is_active=True).exists()


@rules.predicate
def is_profile_owner(user, profile) -> bool:
    return bool(
        profile is not None
        and getattr(user, "is_authenticated", False)
        and profile.user_id == user.pk
    )


@rules.predicate
def is_public_broker_profile(user, profile) -> bool:
    return bool(profile is not None and profile.is_certified)


# Only people of verified organizations, with a verified email, may publish for them.
can_publish_for_org = has_verified_email & is_verified_org_member

rules.add_perm("accounts.view_organization_settings", is_org_member | is_staff)
rules.add_perm("accounts.change_organization", is_org_admin | is_staff)
rules.add_perm("accounts.manage_members", is_org_admin)
rules.add_perm("accounts.transfer_ownership", is_org_owner)
rules.add_perm("accounts.submit_verification", is_org_admin)
rules.add_perm("accounts.view_verification_documents", is_org_admin | is_staff)
rules.add_perm("accounts.review_verification", is_staff)
rules.add_perm("accounts.publish_for_organization", can_publish_for_org)
rules.add_perm("accounts.change_brokerprofile", is_profile_owner | is_staff)
rules.add_perm(
    "accounts.view_brokerprofile", is_public_broker_profile | is_profile_owner | is_staff
)
rules.add_perm("accounts.certify_broker", is_staff)
rules.add_perm("accounts.view_auditevent", is_staff)
