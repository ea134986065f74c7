"""Lifecycle transitions: draft -> pending -> published -> withdrawn | expired | archived."""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from accounts.selectors import active_staff
from core.transitions import apply_transition
from notifications.services import notify

from .. import quality
from ..models import Achievement, Need, Status
from .common import detail_url, listing_recipients, record_change
from .errors import ListingActionRefused


def _refuse_unless_allowed(listing, method, action_label: str) -> None:
    """Early refusal, before a service does work the transition would then refuse."""
    if not can_proceed(method):
        raise ListingActionRefused(
            _("当前状态为“%(status)s”，不能%(action)s")
            % {"status": listing.get_status_display(), "action": action_label}
        )


def _apply(listing, *, name: str, label: str, by, note: str = "", **kwargs):
    apply_transition(
        listing,
        name,
        by=by,
        label=label,
        error=ListingActionRefused,
        note=note,
        arguments=kwargs,
    )
    record_change(listing)
    return listing


def review_refusal(listing, *, by, override_note: str = "") -> str:
    """The gate in front of review: why `listing` may not be submitted ("" when it may).

    Scores the listing as a side effect. Shared by submit_listing and the web import, so an
    imported row meets exactly the bar a form submission does.
    """
    if by is None or not by.has_perm("marketplace.submit_listing", listing):
        return _("只有已认证机构的成员（且邮箱已验证）才能提交本机构的发布")
    result = quality.apply(listing)
    if not result.passes and not (override_note or "").strip():
        return _("质量评分 %(score)s 分，低于 %(min)s 分：请完善后再提交，或填写低分提交说明。") % {
            "score": result.score,
            "min": quality.SUBMISSION_THRESHOLD,
        }
    return ""


@transaction.atomic
def submit_listing(*, listing, by, override_note: str = ""):
    """Sends a draft (or a rejected/withdrawn listing) to review; low scores need a note."""
    override_note = (override_note or "").strip()
    refusal = review_refusal(listing, by=by, override_note=override_note)
    if refusal:
        raise ListingActionRefused(refusal)
    passes = listing.quality_score >= quality.SUBMISSION_THRESHOLD
    listing.quality_override_note = override_note if not passes else ""
    _apply(listing, name="submit", label=_("提交审核"), by=by, note=override_note)
    for staff in active_staff():
        notify(
            user=staff,
            event="listing_submitted",
            title=gettext_lazy("待审核：%(title)s"),
            body=gettext_lazy("质量评分 %(score)s"),
            params={"title": listing.title, "score": listing.quality_score},
            url="/admin/",
            obj=listing,
        )
    return listing


def _require_staff(by, label: str) -> None:
    if by is None or not by.has_perm("marketplace.moderate_listing"):
        raise ListingActionRefused(_("只有平台工作人员可以%(action)s") % {"action": label})


@transaction.atomic
def approve_listing(*, listing, by, note: str = ""):
    _require_staff(by, _("审核通过"))
    _refuse_unless_allowed(listing, listing.approve, _("审核通过"))
    if listing.published_at is None:
        listing.published_at = timezone.now()
    quality.apply(listing)
    _apply(listing, name="approve", label=_("审核通过"), by=by, note=note)
    for user in listing_recipients(listing):
        notify(
            user=user,
            event="listing_approved",
            title=gettext_lazy("审核通过：%(title)s"),
            body=gettext_lazy("您提交的“%(title)s”已通过审核并公开发布。"),
            params={"title": listing.title},
            url=detail_url(listing),
            obj=listing,
        )
    transaction.on_commit(partial(_notify_matches, listing), robust=True)
    return listing


def _notify_matches(listing) -> None:
    """Owners of strong counterpart matches and the industry's brokers hear of a new listing."""
    from search.tasks import notify_matches_task

    kind = "achievement" if isinstance(listing, Achievement) else "need"
    notify_matches_task.enqueue(kind, listing.pk)


@transaction.atomic
def reject_listing(*, listing, by, reason: str):
    _require_staff(by, _("驳回"))
    reason = (reason or "").strip()
    if not reason:
        raise ListingActionRefused(_("驳回时必须填写原因"))
    _apply(listing, name="reject", label=_("驳回"), by=by, note=reason, reason=reason)
    for user in listing_recipients(listing):
        notify(
            user=user,
            event="listing_rejected",
            title=gettext_lazy("审核未通过：%(title)s"),
            body=gettext_lazy("驳回原因：%(reason)s\n请修改后重新提交。"),
            params={"title": listing.title, "reason": reason},
            url=detail_url(listing),
            obj=listing,
        )
    return listing


@transaction.atomic
def withdraw_listing(*, listing, by, reason: str = ""):
    if by is None or not by.has_perm("marketplace.withdraw_listing", listing):
        raise ListingActionRefused(_("只有本机构的管理员或发布人可以撤回"))
    return _apply(listing, name="withdraw", label=_("撤回"), by=by, note=reason)


@transaction.atomic
def expire_listing(*, listing, by=None, reason: str = ""):
    return _apply(listing, name="expire", label=_("设为过期"), by=by, note=reason)


@transaction.atomic
def archive_listing(*, listing, by, reason: str = ""):
    if by is None or not (
        by.has_perm("marketplace.moderate_listing")
        or by.has_perm("marketplace.change_listing", listing)
    ):
        raise ListingActionRefused(_("无权归档该发布"))
    return _apply(listing, name="archive", label=_("归档"), by=by, note=reason)


def expire_overdue_needs(*, today=None) -> int:
    """Published needs whose deadline has passed become expired (run daily)."""
    today = today or timezone.localdate()
    count = 0
    for need in Need.objects.filter(status=Status.PUBLISHED, deadline__lt=today):
        expire_listing(listing=need, reason=_("已过截止日期"))
        count += 1
    return count
