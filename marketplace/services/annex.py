"""Confidential annex (保密附件): NDA acceptance, owner approval and the download log."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.services import notify

from ..models import AnnexAccessRequest, AnnexDownload
from ..validators import validate_attachment
from .common import detail_url, listing_recipients, log_event, record_change
from .errors import ListingActionRefused


@transaction.atomic
def set_annex(*, achievement, by, file=None, terms: str, requires_approval: bool):
    """Replaces the annex and/or the NDA terms; changed terms get a new version number."""
    if not by.has_perm("marketplace.manage_annex", achievement):
        raise PermissionDenied(_("无权管理该成果的保密附件"))
    if file is not None:
        if validate_attachment(file) != "pdf":
            raise ListingActionRefused(_("保密附件须为 PDF 文件"))
        achievement.annex = file
    terms = (terms or "").strip()
    if terms != achievement.annex_terms and achievement.annex_terms:
        achievement.annex_terms_version += 1
    achievement.annex_terms = terms
    achievement.annex_requires_approval = requires_approval
    achievement.save()
    log_event(achievement, action="annex_updated", by=by, from_status=achievement.status)
    record_change(achievement)
    return achievement


@transaction.atomic
def request_annex_access(*, achievement, by, accept_terms: bool) -> AnnexAccessRequest:
    if not achievement.annex or not achievement.is_published:
        raise ListingActionRefused(_("该成果没有可申请的保密附件"))
    if not by.has_perm("marketplace.request_annex", achievement):
        raise ListingActionRefused(_("只有已认证机构的用户（且邮箱已验证）才能申请保密附件"))
    if not accept_terms:
        raise ListingActionRefused(_("须先阅读并同意保密协议"))
    request, created = AnnexAccessRequest.objects.get_or_create(
        achievement=achievement,
        user=by,
        terms_version=achievement.annex_terms_version,
        defaults={"terms_text": achievement.annex_terms},
    )
    if not created:
        return request
    if not achievement.annex_requires_approval:
        request.status = AnnexAccessRequest.Status.APPROVED
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_at"])
    for user in listing_recipients(achievement):
        notify(
            user=user,
            event="annex_requested",
            title=gettext_lazy("保密附件申请：%(title)s"),
            body=gettext_lazy("%(who)s 已同意第 %(v)s 版保密协议。"),
            params={"title": achievement.title, "who": by, "v": request.terms_version},
            url=detail_url(achievement),
            obj=request,
        )
    return request


@transaction.atomic
def decide_annex_request(*, request, by, approve: bool) -> AnnexAccessRequest:
    if not by.has_perm("marketplace.manage_annex", request.achievement):
        raise PermissionDenied(_("无权处理该申请"))
    request.status = (
        AnnexAccessRequest.Status.APPROVED if approve else AnnexAccessRequest.Status.REFUSED
    )
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    notify(
        user=request.user,
        event="annex_decided",
        title=(
            gettext_lazy("保密附件申请已批准：%(t)s")
            if approve
            else gettext_lazy("保密附件申请未获批准：%(t)s")
        ),
        params={"t": request.achievement.title},
        url=detail_url(request.achievement),
        obj=request,
    )
    return request


def current_request(*, achievement, user):
    if not user.is_authenticated:
        return None
    return AnnexAccessRequest.objects.filter(
        achievement=achievement, user=user, terms_version=achievement.annex_terms_version
    ).first()


@transaction.atomic
def record_annex_download(*, achievement, by, ip_address: str | None = None) -> AnnexDownload:
    """Logs the download; owners and staff download without a request."""
    if not achievement.annex:
        raise ListingActionRefused(_("该成果没有保密附件"))
    request = None
    if not by.has_perm("marketplace.manage_annex", achievement) and not by.is_staff:
        request = current_request(achievement=achievement, user=by)
        if request is None or request.status != AnnexAccessRequest.Status.APPROVED:
            raise ListingActionRefused(_("您的保密附件申请尚未获批准"))
    return AnnexDownload.objects.create(
        achievement=achievement, user=by, request=request, ip_address=ip_address
    )
