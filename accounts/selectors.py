"""Shared reads about people, organizations and roles."""

from dataclasses import dataclass
from types import SimpleNamespace

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.db.models import Q, QuerySet

from .models import (
    AuditEvent,
    BrokerProfile,
    ExpertProfile,
    Invitation,
    Membership,
    Organization,
    User,
)


def mfa_required_for(user: User) -> bool:
    """Staff, brokers and Wagtail editors must use two-step verification; everyone else may."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        user.is_staff
        or BrokerProfile.objects.filter(user=user).exists()
        or user.has_perm("wagtailadmin.access_admin")
    )


def passed_second_factor(session, user: User) -> bool:
    """This session's sign-in included a TOTP (or recovery) code, as allauth records it.

    `session` is a request's or a WebSocket scope's session. A password alone (Django's or
    Wagtail's own login form, or a session from before this check) leaves no such record.
    """
    records = get_authentication_records(SimpleNamespace(session=session), user)
    return any(record.get("method") == "mfa" for record in records)


@dataclass(frozen=True)
class WorkRoles:
    """What the work queues ask about a user, read in one query: the organizations they belong
    to (and administer), whether they are staff, and whether they are a certified broker."""

    member_orgs: frozenset
    admin_orgs: frozenset
    staff: bool
    certified_broker: bool


def work_roles(user: User) -> WorkRoles:
    """The user's WorkRoles, shared by every app's work_for (core.work.remembered)."""
    from core.work import remembered

    return remembered(user, "roles", lambda: _read_work_roles(user))


def _read_work_roles(user: User) -> WorkRoles:
    """One query, one row per membership (a LEFT JOIN: one row of Nones without any); portable,
    since `make run` serves SQLite."""
    from django.db.models import Exists, OuterRef

    certified = BrokerProfile.objects.filter(
        user=OuterRef("pk"), certification_status=BrokerProfile.Certification.CERTIFIED
    )
    rows = list(
        User.objects.filter(pk=user.pk)
        .annotate(certified=Exists(certified))
        .values_list("memberships__organization_id", "memberships__role", "certified")
    )
    return WorkRoles(
        member_orgs=frozenset(org for org, _, _ in rows if org is not None),
        admin_orgs=frozenset(org for org, role, _ in rows if role in Membership.ADMIN_ROLES),
        staff=bool(user.is_active and user.is_staff),
        certified_broker=any(c for _, _, c in rows),
    )


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
        organization_id=organization_id, role__in=Membership.ADMIN_ROLES
    ).select_related("user")
    return [m.user for m in rows]


def active_staff() -> QuerySet[User]:
    """The platform's staff who can act: who is told of anything waiting for them."""
    return User.objects.filter(is_staff=True, is_active=True)


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


@dataclass(frozen=True)
class Ties:
    """Where a person works, for conflict-of-interest tests: the organizations they belong to
    on the platform, and every unit name that stands for them (those organizations' names and
    the affiliation an expert gave, since team members and units are often typed as text)."""

    organization_ids: frozenset[int]
    units: frozenset[str]

    def binds(self, organization) -> bool:
        """Belongs to the organization, or names it as their unit."""
        if organization is None:
            return False
        return organization.pk in self.organization_ids or organization.name.strip() in self.units


def ties_of(user: User) -> Ties:
    rows = Membership.objects.filter(user=user).values_list("organization_id", "organization__name")
    affiliation = (
        ExpertProfile.objects.filter(user=user).values_list("affiliation", flat=True).first() or ""
    )
    units = {name.strip() for _pk, name in rows} | {affiliation.strip()}
    return Ties(
        organization_ids=frozenset(pk for pk, _name in rows),
        units=frozenset(u for u in units if u),
    )


def work_for(user) -> list:
    """Staff: organizations and brokers waiting for verification (the 认证审核 queue)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from core.work import counted, tally

    if not work_roles(user).staff:
        return []
    n = tally(organizations=pending_organizations(), brokers=pending_brokers())
    waiting = n["organizations"] + n["brokers"]
    return counted(_("待审核的认证申请"), reverse("accounts_review_queue"), waiting, urgent=True)


# A hook: (organization) -> dict of context for its public page. Apps above accounts register
# what the page lists (marketplace: the organization's published achievements and needs).
ORGANIZATION_PAGE = "accounts.organization_page"


def organization_page_extras(organization) -> dict:
    from core import hooks

    extras = {}
    for part in hooks.run(ORGANIZATION_PAGE, organization=organization):
        extras.update(part)
    return extras
