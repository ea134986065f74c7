"""Account deletion that happens (个人信息保护法 第四十七条): a request, a cooling-off period the
user may withdraw in, then erasure of their personal data by the scheduled job.

The user row itself stays, anonymised: technology contracts, payments, refunds, challenge
applications and the audit log point at it, and the law or the contracts require those records
(会计档案, 技术合同登记, 网络日志). Everything else that is about the person is deleted or blanked.
"""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core import hooks
from core.locks import exclusive
from core.realtime import recheck_live_access

from ..models import (
    AccountDeletionRequest,
    AuditEvent,
    BrokerProfile,
    ExpertProfile,
    Invitation,
    Membership,
    Organization,
    User,
    VerificationDocument,
)
from .audit import record_event

logger = logging.getLogger(__name__)

# The unusable address an erased account keeps: `.invalid` can never receive mail (RFC 2606).
ERASED_DOMAIN = "erased.invalid"
ERASED_NAME = "已注销用户"
# The hook apps above accounts register to erase what they keep of a person. Called inside the
# erasure's transaction with keyword arguments user, email, phone and name (the originals).
ERASE_PERSON = "accounts.erase_person"

Status = AccountDeletionRequest.Status


def cooling_off() -> timedelta:
    return timedelta(days=settings.ACCOUNTS_DELETION_COOLING_OFF_DAYS)


def is_erased(user: User) -> bool:
    return user.email.endswith("@" + ERASED_DOMAIN)


@transaction.atomic
def withdraw_account_deletion(*, user: User) -> AccountDeletionRequest | None:
    """The user changed their mind during the cooling-off period; nothing is erased."""
    request = (
        AccountDeletionRequest.objects.select_for_update()
        .filter(user=user, status=Status.PENDING)
        .first()
    )
    if request is None:
        return None
    request.status = Status.WITHDRAWN
    request.handled_at = timezone.now()
    request.save(update_fields=["status", "handled_at"])
    record_event(kind=AuditEvent.Kind.DELETION_WITHDRAWN, actor=user)
    return request


def erase_due_accounts(*, now=None) -> int:
    """Erase every account whose cooling-off period has ended; the number erased.

    Safe to run twice at once (a lock) and again afterwards (only pending requests are read)."""
    now = now or timezone.now()
    with exclusive("accounts.erase_due_accounts") as held:
        if not held:
            logger.info("another run is erasing accounts; skipped")
            return 0
        due = AccountDeletionRequest.objects.filter(
            status=Status.PENDING, erase_after__lte=now
        ).values_list("pk", flat=True)
        return sum(erase_account(request_pk=pk, now=now) for pk in list(due))


@transaction.atomic
def erase_account(*, request_pk: int, now=None) -> int:
    """Erase one request's account (1), or nothing when it is no longer due (0)."""
    now = now or timezone.now()
    request = (
        AccountDeletionRequest.objects.select_for_update(of=("self",))
        .filter(pk=request_pk, status=Status.PENDING, erase_after__lte=now)
        .select_related("user")
        .first()
    )
    if request is None:
        return 0
    user = request.user
    if user is not None:
        placeholder = f"erased-{user.pk}-{secrets.token_hex(4)}@{ERASED_DOMAIN}"
        originals = _personal_strings(user)
        _erase_user(user=user, placeholder=placeholder, originals=originals)
        request.email = placeholder
    request.reason = ""
    request.status = Status.DONE
    request.handled_at = now
    request.save(update_fields=["email", "reason", "status", "handled_at"])
    logger.info("erased the personal data of deletion request %s", request.pk)
    return 1


def _personal_strings(user: User) -> list[str]:
    values = [user.email, user.name, user.phone, user.first_name, user.last_name]
    return [value for value in dict.fromkeys(values) if value and value.strip()]


def _erase_user(*, user: User, placeholder: str, originals: list[str]) -> None:
    email, phone, name = user.email, user.phone, user.name
    _end_access(user)
    _delete_own_records(user)
    _erase_profiles(user)
    _blank_contact_fields(email=email, phone=phone, name=name)
    _erase_verification_papers(user)
    Invitation.objects.filter(email__iexact=email).delete()
    _scrub_kept_records(user=user, placeholder=placeholder, originals=originals)
    # Apps above accounts erase what they keep of the person (see ERASE_PERSON).
    hooks.run(ERASE_PERSON, user=user, email=email, phone=phone, name=name)
    user.email = placeholder
    user.name = user.first_name = user.last_name = user.phone = user.signup_role = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    record_event(kind=AuditEvent.Kind.ACCOUNT_ERASED, target_user=user)


def _end_access(user: User) -> None:
    """No way back in: addresses, second factors, linked accounts and open sessions go."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
    recheck_live_access(user_ids=[user.pk])


def _delete_own_records(user: User) -> None:
    """What exists only for the person: gone entirely."""
    Membership.objects.filter(user=user).delete()
    BrokerProfile.objects.filter(user=user).delete()
    _delete_wagtail_profile(user)


def _delete_wagtail_profile(user: User) -> None:
    from wagtail.users.models import UserProfile

    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()


def _erase_profiles(user: User) -> None:
    """An expert's past reviews name the profile, so it stays: empty and out of the pool."""
    for expert in ExpertProfile.objects.filter(user=user):
        expert.title = expert.affiliation = expert.expertise = ""
        expert.is_active = False
        expert.save(update_fields=["title", "affiliation", "expertise", "is_active"])
        expert.fields.clear()


def blank_contact_fields(model, *, email: str, phone: str, name: str) -> None:
    """Rows of `model` (organizations, listings) that gave the person as their contact."""
    if email:
        model.objects.filter(contact_email__iexact=email).update(contact_email="")
    if phone:
        model.objects.filter(contact_phone=phone).update(contact_phone="")
    if name:
        model.objects.filter(contact_name=name).update(contact_name="")


def _blank_contact_fields(*, email: str, phone: str, name: str) -> None:
    blank_contact_fields(Organization, email=email, phone=phone, name=name)


def _erase_verification_papers(user: User) -> None:
    """Identity papers the person uploaded, and every paper of an individual inventor's
    organization they alone belonged to: those are about the person, not an institution."""
    alone = [
        org
        for org in Organization.objects.filter(
            kind=Organization.Kind.INDIVIDUAL, verification_documents__uploaded_by=user
        ).distinct()
        if not org.memberships.exclude(user=user).exists()
    ]
    papers = VerificationDocument.objects.filter(
        Q(uploaded_by=user, kind=VerificationDocument.Kind.ID_CARD) | Q(organization__in=alone)
    )
    for paper in papers:
        paper.file.delete(save=False)
        paper.delete()


def _scrub_kept_records(*, user: User, placeholder: str, originals: list[str]) -> None:
    """Records kept for the law or a contract keep the event, not the person's details."""
    events = AuditEvent.objects.filter(
        Q(actor=user) | Q(target_user=user) | Q(actor_email__iexact=user.email)
    )
    for event in events.iterator():
        event.actor_email = placeholder if event.actor_email else ""
        event.ip_address = None
        event.detail = _scrub(event.detail, originals, placeholder)
        event.save(update_fields=["actor_email", "ip_address", "detail"])


def _scrub(value, originals: list[str], placeholder: str):
    """A JSON value with every occurrence of the person's strings replaced."""
    if isinstance(value, str):
        for original in originals:
            value = value.replace(original, placeholder if "@" in original else ERASED_NAME)
        return value
    if isinstance(value, list):
        return [_scrub(item, originals, placeholder) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, originals, placeholder) for key, item in value.items()}
    return value
