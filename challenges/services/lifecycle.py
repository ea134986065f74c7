"""The challenge's lifecycle: draft → submitted → published → closed → under review → announced
→ awarded → in progress → completed, plus cancelled and failed. One function a transition."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.rules import is_org_admin, is_staff
from accounts.selectors import organization_admins
from notifications.services import notify_each_after_commit

from ..errors import ChallengeError
from ..models import (
    DEFAULT_RUBRIC,
    Application,
    ApplicationStatus,
    Award,
    Challenge,
    ChallengeStatus,
    ChiefAppointment,
    ChiefStatus,
    Indicator,
    Mechanism,
    Phase,
    RubricCriterion,
)
from ..workdays import SHANGHAI, notice_period_end
from .common import (
    lock,
    move,
    record,
    record_change,
    require_manager,
    require_reason,
    require_staff,
)

S = ChallengeStatus
EDITABLE_FIELDS = {
    "title",
    "problem_statement",
    "industry",
    "mechanism",
    "bounty_cny",
    "total_budget_cny",
    "deadline",
    "delivery_months",
    "eligibility",
    "ip_terms",
    "confidentiality",
    "attachment",
    "blind_review",
    "stage_one_slots",
    "announcement_working_days",
}


@transaction.atomic
def create_challenge(*, organization, by, indicators=(), **fields) -> Challenge:
    if not (is_staff(by) or is_org_admin(by, organization)):
        raise ChallengeError(_("只有本单位管理员可以发布揭榜挂帅榜单。"))
    return add_challenge(organization=organization, by=by, indicators=indicators, **fields)


def add_challenge(*, organization, by, indicators=(), source_need=None, **fields) -> Challenge:
    """A new draft with the standard rubric, once the caller has judged who may create it."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ChallengeError(_("未知字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    challenge = Challenge(
        organization=organization, created_by=by, source_need=source_need, **fields
    )
    challenge.full_clean()
    challenge.save()
    for order, (code, name, weight) in enumerate(DEFAULT_RUBRIC):
        RubricCriterion.objects.create(
            challenge=challenge, code=code, name=str(name), weight=weight, order=order
        )
    _replace_indicators(challenge, indicators)
    record_change(challenge)
    record(challenge=challenge, action="create", by=by)
    return challenge


def _replace_indicators(challenge: Challenge, indicators) -> None:
    challenge.indicators.all().delete()
    for order, item in enumerate(indicators):
        indicator = Indicator(challenge=challenge, order=order, **item)
        indicator.full_clean()
        indicator.save()


def _require_draft(challenge: Challenge) -> None:
    if challenge.status != S.DRAFT:
        raise ChallengeError(_("只有草稿状态的榜单可以修改，请先撤回或由工作人员退回。"))


@transaction.atomic
def update_challenge(*, challenge: Challenge, by, indicators=None, **fields) -> Challenge:
    challenge = lock(challenge)
    require_manager(challenge, by)
    _require_draft(challenge)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ChallengeError(_("未知字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(challenge, name, value)
    challenge.full_clean()
    challenge.save()
    if indicators is not None:
        _replace_indicators(challenge, indicators)
    record_change(challenge)
    record(challenge=challenge, action="edit", by=by)
    return challenge


@transaction.atomic
def set_rubric(*, challenge: Challenge, by, criteria: list[tuple[str, str, int]]) -> Challenge:
    """Replace the rubric; allowed until the challenge is published (experts score against it)."""
    challenge = lock(challenge)
    require_manager(challenge, by)
    if challenge.status not in (S.DRAFT, S.SUBMITTED):
        raise ChallengeError(_("榜单发布后不能再修改评分细则。"))
    if sum(weight for _code, _name, weight in criteria) != 100:
        raise ChallengeError(_("评分细则的权重合计必须为 100。"))
    if len({code for code, _n, _w in criteria}) != len(criteria):
        raise ChallengeError(_("评分项代码不能重复。"))
    challenge.rubric.filter(phase=Phase.APPLICATION).delete()
    for order, (code, name, weight) in enumerate(criteria):
        RubricCriterion.objects.create(
            challenge=challenge, code=code, name=name, weight=weight, order=order
        )
    record(challenge=challenge, action="set_rubric", by=by)
    return challenge


def _check_ready(challenge: Challenge) -> None:
    if not challenge.indicators.exists():
        raise ChallengeError(_("请至少填写一项可考核的技术指标。"))
    if (
        sum(challenge.rubric.filter(phase=Phase.APPLICATION).values_list("weight", flat=True))
        != 100
    ):
        raise ChallengeError(_("评分细则的权重合计必须为 100。"))
    if challenge.deadline <= timezone.now():
        raise ChallengeError(_("申报截止时间必须晚于当前时间。"))


@transaction.atomic
def submit_challenge(*, challenge: Challenge, by) -> Challenge:
    challenge = lock(challenge)
    require_manager(challenge, by)
    _check_ready(challenge)
    move(challenge, "submit", by=by, action_label=_("提交审核"))
    return challenge


@transaction.atomic
def return_challenge(*, challenge: Challenge, by, reason: str) -> Challenge:
    challenge = lock(challenge)
    require_staff(by)
    reason = require_reason(reason)
    move(
        challenge, "return_to_draft", by=by, action_label=_("退回修改"), note=reason, reason=reason
    )
    notify_each_after_commit(
        users=organization_admins(challenge.organization_id),
        event="challenge_returned",
        title=gettext_lazy("榜单「%(t)s」被退回修改"),
        params={"t": challenge.title},
        body=reason,
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return challenge


def deposit_requirement_met(challenge: Challenge) -> bool:
    """A challenge with a bounty goes live only once its deposit (揭榜保证金) is paid."""
    if not challenge.bounty_cny or challenge.bounty_cny <= Decimal("0"):
        return True
    from payments.selectors import deposit_is_paid

    return deposit_is_paid(challenge)


@transaction.atomic
def publish_challenge(*, challenge: Challenge, by) -> Challenge:
    challenge = lock(challenge)
    require_staff(by)
    if challenge.status == S.SUBMITTED:
        _check_ready(challenge)
        if not deposit_requirement_met(challenge):
            raise ChallengeError(_("发榜单位尚未缴纳揭榜保证金，榜单暂不能发布。"))
    move(challenge, "publish", by=by, action_label=_("发布"))
    transaction.on_commit(lambda: _schedule_close(challenge))
    notify_each_after_commit(
        users=organization_admins(challenge.organization_id),
        event="challenge_published",
        title=gettext_lazy("榜单「%(t)s」已发布，开始征集揭榜团队"),
        params={"t": challenge.title},
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return challenge


def _schedule_close(challenge: Challenge) -> None:
    """Enqueue the closing task to run at the deadline itself, where the backend can defer."""
    from django_tasks import default_task_backend

    from ..tasks import close_challenge_at_deadline

    if default_task_backend.supports_defer:
        close_challenge_at_deadline.using(run_after=challenge.deadline).enqueue(challenge.pk)
    # Backends without deferral (the immediate one in tests) rely on close_due_challenges().


@transaction.atomic
def close_challenge(*, challenge: Challenge, by=None) -> Challenge:
    challenge = lock(challenge)
    if challenge.status == S.PUBLISHED and timezone.now() < challenge.deadline:
        raise ChallengeError(_("申报尚未截止，不能提前关闭；如需终止请取消榜单。"))
    move(challenge, "close", by=by, action_label=_("截止申报"), note=_("申报截止"))
    notify_each_after_commit(
        users=[*organization_admins(challenge.organization_id), *_applicant_leads(challenge)],
        event="challenge_closed",
        title=gettext_lazy("「%(t)s」申报已截止"),
        params={"t": challenge.title},
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return challenge


def close_due_challenges(*, now: datetime | None = None) -> int:
    """Close every published challenge whose deadline has passed. Safe to run any time."""
    now = now or timezone.now()
    closed = 0
    due = Challenge.objects.filter(status=S.PUBLISHED, deadline__lte=now).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        challenge = Challenge.objects.get(pk=pk)
        if challenge.status == S.PUBLISHED and challenge.deadline <= timezone.now():
            close_challenge(challenge=challenge)
            closed += 1
    return closed


@transaction.atomic
def start_review(*, challenge: Challenge, by) -> Challenge:
    from .review import assign_blind_codes

    challenge = lock(challenge)
    require_staff(by)
    if (
        challenge.status == S.CLOSED
        and not challenge.applications.filter(status=ApplicationStatus.SUBMITTED).exists()
    ):
        raise ChallengeError(_("没有有效的揭榜申报，无法进入评审；请将榜单标记为流榜。"))
    move(challenge, "start_review", by=by, action_label=_("进入评审"))
    assign_blind_codes(challenge)
    return challenge


def _check_winners(challenge: Challenge, winners: list[Application]) -> None:
    if not winners:
        raise ChallengeError(_("请至少选择一个揭榜团队。"))
    for app in winners:
        if app.challenge_id != challenge.pk or not app.is_submitted:
            raise ChallengeError(_("只能从本榜单已提交的申报中选择揭榜团队。"))
    if challenge.mechanism == Mechanism.HORSE_RACE:
        if len(winners) > challenge.stage_one_slots:
            raise ChallengeError(
                _("赛马制第一阶段最多支持 %(n)s 个团队。") % {"n": challenge.stage_one_slots}
            )
    elif len(winners) != 1:
        raise ChallengeError(_("揭榜制和组阁制只能确定一个揭榜团队。"))
    if challenge.mechanism == Mechanism.CHIEF_SCIENTIST and not ChiefAppointment.objects.filter(
        plan=winners[0], status=ChiefStatus.APPROVED
    ):
        raise ChallengeError(_("组阁制榜单的结果由平台批准组阁方案产生。"))


@transaction.atomic
def announce_results(*, challenge: Challenge, by, winners: list[Application], note: str = ""):
    """Staff decision (拟揭榜名单) published for the notice period (公示)."""
    from .review import compute_ranking

    challenge = lock(challenge)
    require_staff(by)
    _check_winners(challenge, winners)
    compute_ranking(challenge=challenge)
    if challenge.applications.filter(status=ApplicationStatus.SUBMITTED, total_score=None).exists():
        raise ChallengeError(_("仍有申报没有专家评分，不能公示结果。"))
    ends_at = notice_period_end(timezone.now(), challenge.announcement_working_days)
    move(
        challenge,
        "announce",
        by=by,
        action_label=_("公示结果"),
        note=note,
        ends_at=ends_at,
        text=note,
    )
    award = Award.STAGE_ONE if challenge.is_horse_race else Award.WINNER
    challenge.applications.update(award=Award.NONE)
    Application.objects.filter(pk__in=[a.pk for a in winners]).update(award=award)
    notify_each_after_commit(
        users=[*organization_admins(challenge.organization_id), *_applicant_leads(challenge)],
        event="challenge_announced",
        title=gettext_lazy("「%(t)s」揭榜结果公示"),
        body=gettext_lazy("公示期至 %(d)s，期间可提出异议。"),
        params={
            "t": challenge.title,
            "d": timezone.localtime(ends_at, SHANGHAI).strftime("%Y-%m-%d %H:%M"),
        },
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return challenge


def _applicant_leads(challenge: Challenge) -> list:
    return [
        app.lead
        for app in challenge.applications.exclude(status=ApplicationStatus.DRAFT).select_related(
            "lead"
        )
    ]
