"""After the notice period: objections, the award, delivery, completion, cancel and fail."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.rules import is_org_admin, is_staff
from accounts.selectors import active_staff, organization_admins
from notifications.services import notify_each_after_commit

from .. import conversion
from ..errors import ChallengeError
from ..models import (
    Application,
    ApplicationStatus,
    Award,
    Challenge,
    ChallengeStatus,
    Milestone,
    Objection,
)
from .common import (
    lock,
    move,
    record,
    record_change,
    require_manager,
    require_reason,
    require_staff,
)
from .lifecycle import _applicant_leads, add_challenge

S = ChallengeStatus


@transaction.atomic
def file_objection(*, challenge: Challenge, by, content: str) -> Objection:
    challenge = lock(challenge)
    if not getattr(by, "is_authenticated", False):
        raise ChallengeError(_("请登录后提出异议。"))
    if not challenge.objections_open:
        raise ChallengeError(_("不在公示期内，不能提出异议。"))
    content = require_reason(content)
    objection = Objection.objects.create(challenge=challenge, filed_by=by, content=content)
    record(challenge=challenge, action="objection_filed", by=by, note=content)
    notify_each_after_commit(
        users=active_staff(),
        event="challenge_objection",
        title=gettext_lazy("「%(t)s」收到公示异议"),
        params={"t": challenge.title},
        body=content,
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return objection


@transaction.atomic
def answer_objection(*, objection: Objection, by, answer: str) -> Objection:
    require_staff(by)
    challenge = lock(objection.challenge)
    if challenge.status != S.ANNOUNCED:
        raise ChallengeError(_("只能在公示阶段答复异议。"))
    if objection.is_answered:
        raise ChallengeError(_("该异议已经答复。"))
    objection.answer = require_reason(answer)
    objection.answered_by = by
    objection.answered_at = timezone.now()
    objection.save()
    record(challenge=challenge, action="objection_answered", by=by, note=objection.answer)
    if objection.filed_by_id:
        filer = objection.filed_by
        notify_each_after_commit(
            users=[filer],
            event="challenge_objection",
            title=gettext_lazy("您对「%(t)s」的异议已答复"),
            params={"t": challenge.title},
            body=objection.answer,
            url=challenge.get_absolute_url(),
            obj=challenge,
        )
    return objection


@transaction.atomic
def reopen_review(*, challenge: Challenge, by, reason: str) -> Challenge:
    """An objection upheld: withdraw the notice, clear the proposed award, review again."""
    challenge = lock(challenge)
    require_staff(by)
    reason = require_reason(reason)
    move(challenge, "reopen_review", by=by, action_label=_("重新评审"), note=reason, reason=reason)
    challenge.applications.update(award=Award.NONE)
    return challenge


@transaction.atomic
def confirm_award(*, challenge: Challenge, by) -> Challenge:
    challenge = lock(challenge)
    require_staff(by)
    if challenge.status == S.ANNOUNCED:
        if challenge.objections_open:
            raise ChallengeError(_("公示期尚未结束，不能确定揭榜结果。"))
        if challenge.objections.filter(answered_at=None).exists():
            raise ChallengeError(_("还有未答复的异议，请先答复。"))
    move(challenge, "award", by=by, action_label=_("确定揭榜结果"))
    winners = [app.lead for app in challenge.applications.filter(award__in=_AWARDED)]
    notify_each_after_commit(
        users=[*organization_admins(challenge.organization_id), *winners],
        event="challenge_awarded",
        title=gettext_lazy("「%(t)s」揭榜结果已确定"),
        params={"t": challenge.title},
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return challenge


_AWARDED = (Award.WINNER, Award.STAGE_ONE, Award.STAGE_TWO)


@transaction.atomic
def start_delivery(*, challenge: Challenge, by) -> Challenge:
    challenge = lock(challenge)
    require_manager(challenge, by)
    if challenge.status == S.AWARDED:
        for app in challenge.applications.filter(award__in=_AWARDED):
            if not app.milestones.exists():
                raise ChallengeError(
                    _("请先为揭榜团队「%(t)s」制定里程碑和拨付计划。") % {"t": app.team_name}
                )
    move(challenge, "start_delivery", by=by, action_label=_("启动攻关"))
    return challenge


def award_stage_two(*, challenge: Challenge, by, winner: Application) -> Challenge:
    """赛马制: one team continues. Kept for callers naming a single team; the decision itself
    is the stage gate's (scored results, ranking in the trail), never a bare pick."""
    from .stage_gate import decide_stage_gate

    return decide_stage_gate(challenge=challenge, by=by, winners=[winner])


@transaction.atomic
def complete_challenge(*, challenge: Challenge, by) -> Challenge:
    challenge = lock(challenge)
    require_manager(challenge, by)
    if challenge.status == S.IN_PROGRESS:
        if (
            challenge.is_horse_race
            and not challenge.applications.filter(award=Award.STAGE_TWO).exists()
        ):
            raise ChallengeError(_("赛马制榜单须先确定第二阶段团队。"))
        open_milestones = challenge.milestones.exclude(
            status__in=[Milestone.Status.ACCEPTED, Milestone.Status.CANCELLED]
        )
        if open_milestones.exists() or not challenge.milestones.exists():
            raise ChallengeError(_("还有里程碑未验收通过，不能结题。"))
    move(challenge, "complete", by=by, action_label=_("结题"))
    return challenge


@transaction.atomic
def cancel_challenge(*, challenge: Challenge, by, reason: str) -> Challenge:
    """Owners may cancel until the challenge goes live; from then on only staff may."""
    challenge = lock(challenge)
    if challenge.status in (S.DRAFT, S.SUBMITTED):
        require_manager(challenge, by)
    else:
        require_staff(by)
    reason = require_reason(reason)
    applicants = _applicant_leads(challenge) + [
        app.lead for app in challenge.applications.filter(status=ApplicationStatus.DRAFT)
    ]
    move(challenge, "cancel", by=by, action_label=_("取消"), note=reason, reason=reason)
    _refund_deposits(challenge, by=by, reason=reason)
    notify_each_after_commit(
        users=[*applicants, *organization_admins(challenge.organization_id)],
        event="challenge_cancelled",
        title=gettext_lazy("揭榜挂帅榜单「%(t)s」已取消"),
        params={"t": challenge.title},
        body=reason,
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return challenge


def _refund_deposits(challenge: Challenge, *, by, reason: str, note: str = "") -> None:
    """Cancelled or failed (流榜): what is still held of the deposit goes back. The refund rows
    commit with the state change; payments sends them to Stripe after commit (see
    refund_held_payments)."""
    from payments.models import Purpose
    from payments.services import refund_held_payments

    refunds = refund_held_payments(
        target=challenge,
        purpose=Purpose.DEPOSIT,
        by=by,
        reason=note or _("榜单撤销，退还揭榜保证金：%(r)s") % {"r": reason},
    )
    if refunds:
        record(challenge=challenge, action="deposit_refund", by=by, note=reason)


@transaction.atomic
def fail_challenge(*, challenge: Challenge, by, reason: str) -> Challenge:
    """流榜: no team qualified, or delivery failed."""
    challenge = lock(challenge)
    require_staff(by)
    reason = require_reason(reason)
    applicants = _applicant_leads(challenge)
    move(challenge, "fail", by=by, action_label=_("标记为流榜"), note=reason, reason=reason)
    challenge.milestones.exclude(status=Milestone.Status.ACCEPTED).update(
        status=Milestone.Status.CANCELLED, payout_status=Milestone.Payout.VOID
    )
    _refund_deposits(
        challenge, by=by, reason=reason, note=_("榜单流榜，退还揭榜保证金：%(r)s") % {"r": reason}
    )
    notify_each_after_commit(
        users=[*applicants, *organization_admins(challenge.organization_id)],
        event="challenge_failed",
        title=gettext_lazy("揭榜挂帅榜单「%(t)s」已流榜"),
        params={"t": challenge.title},
        body=reason,
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return challenge


@transaction.atomic
def promote_need_to_challenge(
    *, need, by, deadline: datetime | None = None, bounty_cny: Decimal | None = None
) -> Challenge:
    """转为榜单: the need's administrators (or staff) turn a need into a draft 榜单 linked to it,
    which they complete and submit (field mapping: conversion.fields_from_need)."""
    if not (is_staff(by) or is_org_admin(by, need.organization)):
        raise ChallengeError(_("只有需求所属单位管理员或平台工作人员可以将需求转为榜单。"))
    if Challenge.objects.filter(source_need=need).exists():
        raise ChallengeError(_("该需求已经转为揭榜挂帅榜单。"))
    challenge = _from_need(need, by=by, bounty_cny=bounty_cny, deadline=deadline)
    record(challenge=challenge, action="promote_need", by=by, note=f"need #{need.pk}")
    return challenge


def _from_need(need, *, by, bounty_cny=None, deadline=None) -> Challenge:
    fields = conversion.fields_from_need(need, bounty=bounty_cny, today=timezone.localdate())
    if deadline is not None:
        fields["deadline"] = deadline
    return add_challenge(
        organization=need.organization, by=by, industry=need.industry, source_need=need, **fields
    )


@transaction.atomic
def create_challenge_for_imported_need(*, need, bounty_cny: Decimal, by=None) -> Challenge:
    """A need row imported with a bounty (kind "challenge") is a 榜单 in the making: the need
    (pending review, as every imported row) gets a draft 榜单 carrying the bounty, which its
    organization completes (indicators, terms) and submits. The import has already judged who
    may write for the organization (marketplace's hook, registered in ChallengesConfig.ready).
    Imported again, the row updates its 榜单 while that is still a draft."""
    challenge = Challenge.objects.filter(source_need=need).first()
    if challenge is None:
        challenge = _from_need(need, by=by, bounty_cny=bounty_cny)
        record(challenge=challenge, action="import_need", by=by, note=f"need #{need.pk}")
        return challenge
    if challenge.status != S.DRAFT:
        return challenge
    challenge = lock(challenge)
    fields = conversion.fields_from_need(need, bounty=bounty_cny, today=timezone.localdate())
    fields["deadline"] = challenge.deadline  # the organization may have set its own
    for name, value in fields.items():
        setattr(challenge, name, value)
    challenge.industry = need.industry
    challenge.full_clean()
    challenge.save()
    record_change(challenge)
    record(challenge=challenge, action="import_need", by=by, note=f"need #{need.pk}")
    return challenge
