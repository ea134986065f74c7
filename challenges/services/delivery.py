"""Milestones: planned by the owner, delivered by the team, accepted (验收), then paid out."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.selectors import organization_admins
from notifications.services import notify_each_after_commit

from ..errors import ChallengeError
from ..models import Application, Award, Challenge, ChallengeStatus, Milestone
from .common import record, require_manager, require_staff

S = ChallengeStatus
PLANNABLE = (S.AWARDED, S.IN_PROGRESS)
_AWARDED = (Award.WINNER, Award.STAGE_ONE, Award.STAGE_TWO)


@transaction.atomic
def add_milestone(
    *,
    challenge: Challenge,
    application: Application,
    by,
    title: str,
    deliverables: str,
    due_date,
    payout_cny: Decimal = Decimal("0"),
    stage: int = 1,
) -> Milestone:
    require_manager(challenge, by)
    challenge.refresh_from_db()
    application.refresh_from_db()
    if challenge.status not in PLANNABLE:
        raise ChallengeError(_("只有揭榜结果确定后才能制定里程碑。"))
    if application.challenge_id != challenge.pk or application.award not in _AWARDED:
        raise ChallengeError(_("里程碑只能分配给揭榜团队。"))
    if stage == 2 and not challenge.is_horse_race:
        raise ChallengeError(_("只有赛马制榜单有第二阶段。"))
    planned = (
        challenge.milestones.exclude(payout_status=Milestone.Payout.VOID).aggregate(
            s=Sum("payout_cny")
        )["s"]
        or 0
    )
    if planned + Decimal(payout_cny) > challenge.bounty_cny:
        raise ChallengeError(_("各里程碑拨付金额合计不能超过榜额。"))
    milestone = Milestone(
        challenge=challenge,
        application=application,
        title=title,
        deliverables=deliverables,
        due_date=due_date,
        payout_cny=payout_cny,
        stage=stage,
    )
    milestone.full_clean()
    milestone.save()
    record(challenge=challenge, action="add_milestone", by=by, note=title)
    return milestone


@transaction.atomic
def deliver_milestone(*, milestone: Milestone, by, note: str) -> Milestone:
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.application.lead_id != getattr(by, "pk", None):
        raise ChallengeError(_("只有揭榜团队负责人可以提交验收。"))
    if milestone.challenge.status != S.IN_PROGRESS:
        raise ChallengeError(_("榜单不在攻关阶段。"))
    if milestone.status not in (Milestone.Status.PLANNED, Milestone.Status.REJECTED):
        raise ChallengeError(_("该里程碑当前不能提交验收。"))
    milestone.status = Milestone.Status.DELIVERED
    milestone.delivery_note = note
    milestone.delivered_at = timezone.now()
    milestone.save()
    record(challenge=milestone.challenge, action="deliver_milestone", by=by, note=milestone.title)
    challenge = milestone.challenge
    notify_each_after_commit(
        users=organization_admins(challenge.organization_id),
        event="challenge_milestone",
        title=gettext_lazy("「%(m)s」已提交验收"),
        params={"m": milestone.title},
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return milestone


@transaction.atomic
def accept_milestone(
    *, milestone: Milestone, by, accepted: bool, note: str, reviewers=()
) -> Milestone:
    """验收 by the challenge owner, recording the reviewers who examined the deliverables."""
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    require_manager(milestone.challenge, by)
    if milestone.status != Milestone.Status.DELIVERED:
        raise ChallengeError(_("该里程碑尚未提交验收。"))
    if not (note or "").strip():
        raise ChallengeError(_("请填写验收意见。"))
    milestone.status = Milestone.Status.ACCEPTED if accepted else Milestone.Status.REJECTED
    milestone.acceptance_note = note.strip()
    milestone.accepted_by = by
    milestone.accepted_at = timezone.now()
    if accepted:
        milestone.payout_status = Milestone.Payout.PAYABLE
    milestone.save()
    milestone.acceptance_reviewers.set(reviewers)
    record(
        challenge=milestone.challenge,
        action="accept_milestone" if accepted else "reject_milestone",
        by=by,
        note=f"{milestone.title}: {note}",
    )
    lead = milestone.application.lead
    challenge = milestone.challenge
    notify_each_after_commit(
        users=[lead],
        event="challenge_milestone",
        title=(_("「%(m)s」验收通过") if accepted else _("「%(m)s」验收未通过"))
        % {"m": milestone.title},
        body=note,
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return milestone


@transaction.atomic
def record_milestone_payout(*, milestone: Milestone, by, reference: str = "") -> Milestone:
    """Register the bank transfer of an accepted milestone's bounty share.

    The money movement is recorded in the payments ledger (Payout rows, out of the deposit held
    first); this marks the milestone paid once those rows exist.
    """
    from payments.errors import PaymentError
    from payments.services import record_milestone_payout as record_in_ledger

    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    require_staff(by)
    if milestone.payout_status != Milestone.Payout.PAYABLE:
        raise ChallengeError(_("只有验收通过、待拨付的里程碑可以登记拨付。"))
    try:
        record_in_ledger(milestone=milestone, by=by, bank_reference=reference)
    except PaymentError as exc:
        raise ChallengeError(str(exc)) from exc
    milestone.payout_status = Milestone.Payout.PAID
    milestone.paid_at = timezone.now()
    milestone.save()
    record(
        challenge=milestone.challenge,
        action="milestone_paid",
        by=by,
        note=f"{milestone.title} {milestone.payout_cny} {reference}".strip(),
    )
    return milestone
