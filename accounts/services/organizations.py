from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from .. import tasks
from ..models import AuditEvent, Membership, Organization, User, VerificationDocument
from .audit import record_event

EDITABLE_FIELDS = (
    "kind",
    "region",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
    "logo",
    "description",
)
IDENTITY_FIELDS = ("name", "credit_code")


def _require(user: User, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


@transaction.atomic
def create_organization(*, by: User, data: dict) -> Organization:
    """Create an unverified organization with `by` as its owner."""
    org = Organization(**{k: v for k, v in data.items() if k in EDITABLE_FIELDS + IDENTITY_FIELDS})
    org.credit_code = (org.credit_code or "").strip().upper()
    org.verification_status = Organization.Verification.UNVERIFIED
    org.full_clean()
    org.save()
    Membership.objects.create(user=by, organization=org, role=Membership.Role.OWNER)
    record_event(kind=AuditEvent.Kind.ORG_CREATED, actor=by, organization=org)
    return org


@transaction.atomic
def update_organization(*, organization: Organization, by: User, data: dict) -> Organization:
    """Edit the profile; name and credit code are frozen while pending or verified."""
    _require(by, "accounts.change_organization", organization)
    allowed = EDITABLE_FIELDS
    if not organization.identity_locked:
        allowed = EDITABLE_FIELDS + IDENTITY_FIELDS
    for field, value in data.items():
        if field in allowed:
            # A cleared file input arrives as False.
            setattr(organization, field, "" if value is False else value)
    organization.credit_code = (organization.credit_code or "").strip().upper()
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def add_verification_document(
    *, organization: Organization, by: User, kind: str, file: UploadedFile
) -> VerificationDocument:
    _require(by, "accounts.submit_verification", organization)
    if organization.verification_status in (
        Organization.Verification.PENDING,
        Organization.Verification.VERIFIED,
    ):
        raise ValidationError(_("机构正在审核或已认证，不能再上传认证材料。"))
    # Stored under a random name on save(); `filename` keeps the name the admin gave it.
    document = VerificationDocument(organization=organization, kind=kind, uploaded_by=by, file=file)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def submit_verification(*, organization: Organization, by: User) -> Organization:
    """An org admin asks staff to verify the organization."""
    _require(by, "accounts.submit_verification", organization)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if organization.verification_status not in (
        Organization.Verification.UNVERIFIED,
        Organization.Verification.REJECTED,
    ):
        raise ValidationError(_("当前状态不能提交认证。"))
    problems = []
    if not organization.credit_code:
        problems.append(_("请先填写统一社会信用代码。"))
    if not organization.verification_documents.exists():
        problems.append(_("请至少上传一份认证材料（如营业执照）。"))
    if problems:
        raise ValidationError(problems)
    organization.verification_status = Organization.Verification.PENDING
    organization.rejection_reason = ""
    organization.save(update_fields=["verification_status", "rejection_reason"])
    record_event(kind=AuditEvent.Kind.VERIFICATION_SUBMITTED, actor=by, organization=organization)
    transaction.on_commit(
        lambda: tasks.notify_staff_of_verification_request.enqueue(organization.pk)
    )
    return organization


def _decide(*, organization: Organization, by: User, status: str, reason: str, kind: str):
    _require(by, "accounts.review_verification", organization)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if organization.verification_status != Organization.Verification.PENDING:
        raise ValidationError(_("只能审核“审核中”的机构。"))
    organization.verification_status = status
    organization.rejection_reason = reason
    organization.save(update_fields=["verification_status", "rejection_reason"])
    record_event(
        kind=kind, actor=by, organization=organization, detail={"reason": reason} if reason else {}
    )
    transaction.on_commit(lambda: tasks.send_verification_decision.enqueue(organization.pk))
    return organization


@transaction.atomic
def approve_verification(*, organization: Organization, by: User) -> Organization:
    return _decide(
        organization=organization,
        by=by,
        status=Organization.Verification.VERIFIED,
        reason="",
        kind=AuditEvent.Kind.VERIFICATION_APPROVED,
    )


@transaction.atomic
def reject_verification(*, organization: Organization, by: User, reason: str) -> Organization:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("驳回时请填写原因，申请人会在邮件中看到。"))
    return _decide(
        organization=organization,
        by=by,
        status=Organization.Verification.REJECTED,
        reason=reason,
        kind=AuditEvent.Kind.VERIFICATION_REJECTED,
    )
