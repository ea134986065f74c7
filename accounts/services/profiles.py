from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import tasks
from ..models import AccountDeletionRequest, AuditEvent, BrokerProfile, User
from .audit import record_event

BROKER_FIELDS = (
    "organization",
    "certificate_number",
    "service_regions",
    "years_of_experience",
    "bio",
    "public_phone",
)
# Changing these means staff must check the certificate again.
BROKER_CERTIFIED_FIELDS = ("certificate_number",)


@transaction.atomic
def save_broker_profile(*, user: User, by: User, data: dict) -> BrokerProfile:
    """Create or edit a broker profile; a new certificate number needs certifying again."""
    profile = BrokerProfile.objects.filter(user=user).first() or BrokerProfile(user=user)
    if profile.pk and not by.has_perm("accounts.change_brokerprofile", profile):
        raise PermissionDenied("not your broker profile")
    if not profile.pk and by.pk != user.pk and not by.is_staff:
        raise PermissionDenied("not your broker profile")
    recertify = profile.is_certified and any(
        field in data and data[field] != getattr(profile, field)
        for field in BROKER_CERTIFIED_FIELDS
    )
    for field in BROKER_FIELDS:
        if field in data:
            setattr(profile, field, data[field])
    if recertify:
        profile.certification_status = BrokerProfile.Certification.PENDING
        profile.certified_at = None
    profile.full_clean(exclude=["user"])
    profile.save()
    if "specialties" in data:
        _set_specialties(profile, list(data["specialties"]))
    return profile


def _set_specialties(profile: BrokerProfile, wanted: list) -> None:
    """Before certification the broker's list is what staff will certify. Once certified, an
    industry may be dropped at once but a new one waits for staff (requested_specialties):
    otherwise a broker could tick every industry and see and claim every inquiry."""
    if not profile.is_certified:
        profile.specialties.set(wanted)
        profile.requested_specialties.clear()
        return
    certified = set(profile.specialties.all())
    profile.specialties.set([i for i in wanted if i in certified])
    profile.requested_specialties.set([i for i in wanted if i not in certified])


@transaction.atomic
def submit_broker_profile(*, profile: BrokerProfile, by: User) -> BrokerProfile:
    if not by.has_perm("accounts.change_brokerprofile", profile):
        raise PermissionDenied("not your broker profile")
    if profile.certification_status not in (
        BrokerProfile.Certification.DRAFT,
        BrokerProfile.Certification.REJECTED,
    ):
        raise ValidationError(_("当前状态不能提交认证。"))
    profile.certification_status = BrokerProfile.Certification.PENDING
    profile.rejection_reason = ""
    profile.save(update_fields=["certification_status", "rejection_reason", "updated_at"])
    record_event(kind=AuditEvent.Kind.BROKER_SUBMITTED, actor=by, target_user=profile.user)
    return profile


def _decide_broker(*, profile: BrokerProfile, by: User, status: str, reason: str, kind: str):
    if not by.has_perm("accounts.certify_broker", profile):
        raise PermissionDenied("staff only")
    profile = BrokerProfile.objects.select_for_update().get(pk=profile.pk)
    if not profile.awaits_review:
        raise ValidationError(_("只能审核“审核中”的经纪人。"))
    approved = status == BrokerProfile.Certification.CERTIFIED
    requested = list(profile.requested_specialties.all())
    if approved:
        profile.specialties.add(*requested)
    elif profile.is_certified:
        # Refusing industries a certified broker added leaves the certified ones standing.
        status = BrokerProfile.Certification.CERTIFIED
    profile.requested_specialties.clear()
    if profile.is_certified and not approved:
        profile.rejection_reason = reason
        profile.save(update_fields=["rejection_reason", "updated_at"])
        return _record_broker_decision(profile=profile, by=by, reason=reason, kind=kind)
    profile.certification_status = status
    profile.rejection_reason = reason
    profile.certified_at = (
        timezone.now() if status == BrokerProfile.Certification.CERTIFIED else None
    )
    profile.save()
    return _record_broker_decision(profile=profile, by=by, reason=reason, kind=kind)


def _record_broker_decision(*, profile: BrokerProfile, by: User, reason: str, kind: str):
    record_event(
        kind=kind,
        actor=by,
        target_user=profile.user,
        detail={"reason": reason} if reason else {},
    )
    approved = kind == AuditEvent.Kind.BROKER_CERTIFIED
    transaction.on_commit(lambda: tasks.send_broker_decision.enqueue(profile.pk, approved))
    return profile


@transaction.atomic
def certify_broker(*, profile: BrokerProfile, by: User) -> BrokerProfile:
    return _decide_broker(
        profile=profile,
        by=by,
        status=BrokerProfile.Certification.CERTIFIED,
        reason="",
        kind=AuditEvent.Kind.BROKER_CERTIFIED,
    )


@transaction.atomic
def reject_broker(*, profile: BrokerProfile, by: User, reason: str) -> BrokerProfile:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("驳回时请填写原因。"))
    return _decide_broker(
        profile=profile,
        by=by,
        status=BrokerProfile.Certification.REJECTED,
        reason=reason,
        kind=AuditEvent.Kind.BROKER_REJECTED,
    )


@transaction.atomic
def request_account_deletion(*, user: User, reason: str = "") -> AccountDeletionRequest:
    """Record the request; its personal data is erased when the cooling-off period ends
    (accounts.services.erasure), unless the user withdraws it before."""
    from .erasure import cooling_off

    existing = AccountDeletionRequest.objects.filter(
        user=user, status=AccountDeletionRequest.Status.PENDING
    ).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            request = AccountDeletionRequest.objects.create(
                user=user,
                email=user.email,
                reason=reason.strip(),
                erase_after=timezone.now() + cooling_off(),
            )
    except IntegrityError:
        return AccountDeletionRequest.objects.get(
            user=user, status=AccountDeletionRequest.Status.PENDING
        )
    record_event(kind=AuditEvent.Kind.DELETION_REQUESTED, actor=user)
    return request
