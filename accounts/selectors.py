"""Shared reads about people, organizations and roles."""

from allauth.mfa.models import Authenticator
from django.db.models import Count, Q, QuerySet

from .models import (
    AuditEvent,
    BrokerProfile,
    Invitation,
    Membership,
    Organization,
    User,
)


def mfa_required_for(user: User) -> bool:
    """Staff and brokers must use two-step verification; everyone else may."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_staff or BrokerProfile.objects.filter(user=user).exists()


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__name")
    )


def members_of(organization: Organization) -> list[Membership]:
    role_order = {"owner": 0, "admin": 1, "member": 2}
    members = list(Membership.objects.filter(organization=organization).select_related("user"))
    return sorted(members, key=lambda m: (role_order[m.role], m.joined_at))


def open_invitations(organization: Organization) -> list[Invitation]:
    return [
        i for i in organization.invitations.filter(accepted_at=None, revoked_at=None) if i.is_open
    ]


def organization_admins(organization_id: int | None) -> list[User]:
    """The owners and administrators of an organization: who acts and is told on its behalf."""
    rows = Membership.objects.filter(
        organization_id=organization_id, role__in=(Membership.Role.OWNER, Membership.Role.ADMIN)
    ).select_related("user")
    return [m.user for m in rows]


def active_staff() -> QuerySet[User]:
    """The platform's staff who can act: who is told of anything waiting for them."""
    return User.objects.filter(is_staff=True, is_active=True)


def public_organizations() -> QuerySet[Organization]:
    return Organization.objects.annotate(member_count=Count("memberships"))


def certified_brokers() -> QuerySet[BrokerProfile]:
    return (
        BrokerProfile.objects.filter(certification_status=BrokerProfile.Certification.CERTIFIED)
        .select_related("user", "organization")
        .prefetch_related("specialties")
    )


def pending_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(
        verification_status=Organization.Verification.PENDING
    ).prefetch_related("verification_documents", "memberships__user")


def pending_brokers() -> QuerySet[BrokerProfile]:
    """Profiles awaiting certification, and certified ones that asked for further industries."""
    certified = BrokerProfile.Certification.CERTIFIED
    return (
        BrokerProfile.objects.filter(
            Q(certification_status=BrokerProfile.Certification.PENDING)
            | Q(certification_status=certified, requested_specialties__isnull=False)
        )
        .distinct()
        .select_related("user", "organization")
        .prefetch_related("specialties", "requested_specialties")
    )


def recent_security_events(*, user: User, limit: int = 10) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(Q(actor=user) | Q(target_user=user))[:limit]
