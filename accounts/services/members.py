from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import tasks
from ..models import AuditEvent, Invitation, Membership, Organization, User
from .audit import record_event

Role = Membership.Role


def _require(user: User, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _role_of(user: User, organization: Organization) -> str | None:
    return (
        Membership.objects.filter(user=user, organization=organization)
        .values_list("role", flat=True)
        .first()
    )


@transaction.atomic
def invite_member(
    *, organization: Organization, by: User, email: str, role: str = Role.MEMBER
) -> Invitation:
    """Invite an email address; only the owner may invite another admin."""
    _require(by, "accounts.manage_members", organization)
    email = email.strip().lower()
    if role not in (Role.ADMIN, Role.MEMBER):
        raise ValidationError(_("邀请角色只能是管理员或成员。"))
    if role == Role.ADMIN and _role_of(by, organization) != Role.OWNER:
        raise PermissionDenied("only the owner invites admins")
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationError(_("该邮箱的用户已经是本机构成员。"))
    now = timezone.now()
    # A new invitation replaces any still-open one for the same address.
    Invitation.objects.filter(
        organization=organization, email__iexact=email, accepted_at=None, revoked_at=None
    ).update(revoked_at=now)
    invitation = Invitation.objects.create(
        organization=organization, email=email, role=role, invited_by=by
    )
    record_event(
        kind=AuditEvent.Kind.MEMBER_INVITED,
        actor=by,
        organization=organization,
        detail={"email": email, "role": role},
    )
    transaction.on_commit(lambda: tasks.send_invitation.enqueue(invitation.pk))
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by: User) -> Invitation:
    _require(by, "accounts.manage_members", invitation.organization)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """The invited person joins; the invitation is bound to their verified email address."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("邀请已失效（已使用、已撤销或已过期）。"))
    if not user.emailaddress_set.filter(email__iexact=invitation.email, verified=True).exists():
        raise PermissionDenied("invitation is for another address")
    membership, created = Membership.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    if created:
        record_event(
            kind=AuditEvent.Kind.MEMBER_JOINED,
            actor=user,
            organization=invitation.organization,
            detail={"role": membership.role},
        )
    return membership


def _can_manage(by: User, membership: Membership) -> bool:
    """Owners manage everyone else; admins manage plain members only."""
    by_role = _role_of(by, membership.organization)
    if membership.user_id == by.pk or membership.role == Role.OWNER:
        return False
    return by_role == Role.OWNER or (by_role == Role.ADMIN and membership.role == Role.MEMBER)


@transaction.atomic
def remove_member(*, membership: Membership, by: User) -> None:
    _require(by, "accounts.manage_members", membership.organization)
    if not _can_manage(by, membership):
        raise PermissionDenied("cannot remove this member")
    record_event(
        kind=AuditEvent.Kind.MEMBER_REMOVED,
        actor=by,
        target_user=membership.user,
        organization=membership.organization,
        detail={"role": membership.role},
    )
    membership.delete()


@transaction.atomic
def change_member_role(*, membership: Membership, by: User, role: str) -> Membership:
    """Only the owner promotes or demotes between admin and member."""
    _require(by, "accounts.transfer_ownership", membership.organization)
    if role not in (Role.ADMIN, Role.MEMBER):
        raise ValidationError(_("角色只能是管理员或成员；转让负责人请使用“转让”。"))
    if not _can_manage(by, membership):
        raise PermissionDenied("cannot change this member")
    old = membership.role
    if old != role:
        membership.role = role
        membership.save(update_fields=["role"])
        record_event(
            kind=AuditEvent.Kind.ROLE_CHANGED,
            actor=by,
            target_user=membership.user,
            organization=membership.organization,
            detail={"from": old, "to": role},
        )
    return membership


@transaction.atomic
def transfer_ownership(*, organization: Organization, by: User, to: User) -> Membership:
    """The owner hands the organization to another member and stays on as an admin."""
    _require(by, "accounts.transfer_ownership", organization)
    current = Membership.objects.select_for_update().get(
        organization=organization, user=by, role=Role.OWNER
    )
    target = Membership.objects.select_for_update().filter(organization=organization, user=to)
    target = target.first()
    if target is None:
        raise ValidationError(_("只能转让给本机构的现有成员。"))
    if target.pk == current.pk:
        raise ValidationError(_("您已经是负责人。"))
    current.role = Role.ADMIN
    current.save(update_fields=["role"])
    target.role = Role.OWNER
    target.save(update_fields=["role"])
    record_event(
        kind=AuditEvent.Kind.OWNERSHIP_TRANSFERRED,
        actor=by,
        target_user=to,
        organization=organization,
    )
    return target
