"""赛马制 stage gate: every stage-one team delivers against the same milestones, uploads its
results, the challenge's experts score them on the stage-gate rubric, and staff decide from the
ranking which teams go on to stage two. Money follows the decision through the milestone payout
path: losers keep what their accepted stage-one milestones earned, their stage-two plan is void."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.selectors import organization_admins
from core.validators import DOCUMENTS, check_upload
from notifications.services import notify_each_after_commit

from .. import scoring, selectors
from ..errors import ChallengeError
from ..models import (
    DEFAULT_STAGE_GATE_RUBRIC,
    Application,
    Award,
    Challenge,
    ChallengeStatus,
    ExpertAssignment,
    Milestone,
    Phase,
    Review,
    RubricCriterion,
    StageResult,
)
from .common import lock, record, require_manager, require_staff

S = ChallengeStatus
RESULT_TYPES = (*DOCUMENTS, ".zip")
RESULT_MAX_BYTES = 30 * 1024 * 1024
OPEN_MILESTONE = (Milestone.Status.PLANNED, Milestone.Status.DELIVERED)


def _require_race(challenge: Challenge) -> None:
    if not challenge.is_horse_race:
        raise ChallengeError(_("只有赛马制榜单有阶段评审。"))


def _require_gate_open(challenge: Challenge) -> None:
    if challenge.status != S.IN_PROGRESS:
        raise ChallengeError(_("只有攻关中的赛马制榜单可以进行阶段评审。"))
    if challenge.applications.filter(award=Award.STAGE_TWO).exists():
        raise ChallengeError(_("第二阶段团队已经确定，阶段评审已结束。"))


@transaction.atomic
def plan_stage_one_milestone(
    *, challenge: Challenge, by, title: str, deliverables: str, due_date, payout_cny=0
) -> list[Milestone]:
    """The same stage-one milestone for every racing team, so results compare like for like."""
    from .delivery import add_milestone

    _require_race(challenge)
    require_manager(challenge, by)
    racers = challenge.applications.filter(award=Award.STAGE_ONE).order_by("pk")
    if not racers.exists():
        raise ChallengeError(_("还没有第一阶段入围团队。"))
    return [
        add_milestone(
            challenge=challenge,
            application=team,
            by=by,
            title=title,
            deliverables=deliverables,
            due_date=due_date,
            payout_cny=Decimal(payout_cny or 0),
            stage=1,
        )
        for team in racers
    ]


def _check_file(upload) -> None:
    if not upload:
        raise ChallengeError(_("请上传阶段成果报告文件。"))
    try:
        check_upload(upload, allowed=RESULT_TYPES, max_bytes=RESULT_MAX_BYTES)
    except ValidationError as exc:
        raise ChallengeError(exc.messages[0]) from exc


@transaction.atomic
def submit_stage_result(*, milestone: Milestone, by, summary: str, upload) -> StageResult:
    """A team's result for one stage-one milestone; submitting it also hands it in for 验收."""
    from .delivery import deliver_milestone

    milestone = (
        Milestone.objects.select_for_update().select_related("challenge").get(pk=milestone.pk)
    )
    challenge = milestone.challenge
    if milestone.application.lead_id != getattr(by, "pk", None):
        raise ChallengeError(_("只有该团队负责人可以提交阶段成果。"))
    _require_race(challenge)
    if milestone.stage != 1:
        raise ChallengeError(_("阶段成果只针对第一阶段里程碑提交。"))
    _require_gate_open(challenge)
    if milestone.status not in (*OPEN_MILESTONE, Milestone.Status.REJECTED):
        raise ChallengeError(_("该里程碑已验收，成果不能再修改。"))
    summary = (summary or "").strip()
    if not summary:
        raise ChallengeError(_("请填写成果说明。"))
    _check_file(upload)
    result, _created = StageResult.objects.get_or_create(
        milestone=milestone, defaults={"summary": summary, "submitted_by": by, "file": upload}
    )
    if not _created:
        result.summary, result.submitted_by, result.file = summary, by, upload
        result.save()
    if milestone.status != Milestone.Status.DELIVERED:
        deliver_milestone(milestone=milestone, by=by, note=summary)
    else:
        record(challenge=challenge, action="stage_result", by=by, note=milestone.title)
    return result


def ensure_stage_gate_rubric(challenge: Challenge) -> None:
    if not selectors.rubric_of(challenge, Phase.STAGE_GATE).exists():
        for order, (code, name, weight) in enumerate(DEFAULT_STAGE_GATE_RUBRIC):
            RubricCriterion.objects.create(
                challenge=challenge,
                phase=Phase.STAGE_GATE,
                code=code,
                name=str(name),
                weight=weight,
                order=order,
            )


@transaction.atomic
def set_stage_gate_rubric(
    *, challenge: Challenge, by, criteria: list[tuple[str, str, int]]
) -> Challenge:
    """Replace the stage-gate rubric; only before the first stage-gate score."""
    challenge = lock(challenge)
    require_manager(challenge, by)
    _require_race(challenge)
    if Review.objects.filter(application__challenge=challenge, phase=Phase.STAGE_GATE).exists():
        raise ChallengeError(_("专家已开始阶段评分，不能再修改阶段评审细则。"))
    if sum(weight for _code, _name, weight in criteria) != 100:
        raise ChallengeError(_("评分细则的权重合计必须为 100。"))
    if len({code for code, _n, _w in criteria}) != len(criteria):
        raise ChallengeError(_("评分项代码不能重复。"))
    selectors.rubric_of(challenge, Phase.STAGE_GATE).delete()
    for order, (code, name, weight) in enumerate(criteria):
        RubricCriterion.objects.create(
            challenge=challenge,
            phase=Phase.STAGE_GATE,
            code=code,
            name=name,
            weight=weight,
            order=order,
        )
    record(challenge=challenge, action="set_stage_gate_rubric", by=by)
    return challenge


@transaction.atomic
def score_stage_results(
    *, assignment: ExpertAssignment, application: Application, by, scores: dict, comment=""
) -> Review:
    """The challenge's own experts score one team's stage-one results (same conflict rules)."""
    from .review import _refuse_conflicted_scorer, weights_of

    if assignment.expert_id != getattr(by, "pk", None):
        raise ChallengeError(_("只能由被指派的专家本人评分。"))
    if not assignment.has_declared:
        raise ChallengeError(_("请先完成利益冲突声明，再进行评分。"))
    challenge = assignment.challenge
    challenge.refresh_from_db(fields=["status", "mechanism"])
    _require_race(challenge)
    _require_gate_open(challenge)
    if application.challenge_id != challenge.pk or application.award != Award.STAGE_ONE:
        raise ChallengeError(_("只能对第一阶段入围团队的成果评分。"))
    if assignment.conflicted_applications.filter(pk=application.pk).exists():
        raise ChallengeError(_("您已声明与该团队存在利益冲突，须回避评分。"))
    _refuse_conflicted_scorer(assignment, by)
    if not selectors.results_complete(application):
        raise ChallengeError(_("该团队尚未提交全部第一阶段成果。"))
    ensure_stage_gate_rubric(challenge)
    try:
        clean = {code: Decimal(str(value)) for code, value in scores.items()}
        total = scoring.weighted_total(clean, weights_of(challenge, Phase.STAGE_GATE))
    except (scoring.ScoringError, ArithmeticError, ValueError) as exc:
        raise ChallengeError(_("请按阶段评审细则逐项打分（0–100 分）。")) from exc
    review, _created = Review.objects.update_or_create(
        assignment=assignment,
        application=application,
        phase=Phase.STAGE_GATE,
        defaults={
            "scores": {code: str(value) for code, value in clean.items()},
            "weighted_total": total,
            "comment": comment,
        },
    )
    return review


@transaction.atomic
def decide_stage_gate(
    *, challenge: Challenge, by, winners: list[Application], note: str = ""
) -> Challenge:
    """Staff pick the team(s) that go on from the scored ranking; the ranking is kept in the trail.

    Teams that stop keep the payouts of their accepted stage-one milestones (paid through
    record_milestone_payout); their stage-two milestones are cancelled and never paid."""
    challenge = lock(challenge)
    require_staff(by)
    _require_race(challenge)
    _require_gate_open(challenge)
    racers = list(challenge.applications.filter(award=Award.STAGE_ONE).order_by("pk"))
    racer_ids = {team.pk for team in racers}
    chosen = {team.pk for team in winners}
    if not chosen:
        raise ChallengeError(_("请至少选择一个进入第二阶段的团队。"))
    if chosen - racer_ids:
        raise ChallengeError(_("第二阶段团队必须来自第一阶段入围团队。"))
    stage_one = Milestone.objects.filter(challenge=challenge, stage=1)
    if stage_one.filter(status__in=OPEN_MILESTONE).exists():
        raise ChallengeError(_("第一阶段里程碑尚未全部验收，不能确定第二阶段团队。"))
    board = selectors.stage_gate_board(challenge)
    if any(column["total"] is None for column in board["columns"]):
        raise ChallengeError(_("还有团队的阶段成果没有专家评分，不能作出决定。"))
    Application.objects.filter(pk__in=racer_ids - chosen).update(award=Award.STAGE_TWO_OUT)
    Application.objects.filter(pk__in=chosen).update(award=Award.STAGE_TWO)
    Milestone.objects.filter(challenge=challenge, stage=2).exclude(
        application_id__in=chosen
    ).update(status=Milestone.Status.CANCELLED, payout_status=Milestone.Payout.VOID)
    ranking = "；".join(
        f"{c['rank']}. {c['team'].team_name} {c['total']}"
        + (_("（进入第二阶段）") if c["team"].pk in chosen else "")
        for c in board["columns"]
    )
    record(
        challenge=challenge,
        action="stage_gate_decision",
        by=by,
        note=f"{ranking}\n{note}".strip(),
    )
    notify_each_after_commit(
        users=[*organization_admins(challenge.organization_id), *(t.lead for t in racers)],
        event="challenge_stage_gate",
        title=gettext_lazy("「%(t)s」赛马第一阶段评审结果已确定"),
        params={"t": challenge.title},
        body=ranking,
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return challenge
