"""Expert review: assign, declare conflicts, score, aggregate and rank."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.services import notify_each_after_commit

from .. import scoring, selectors
from ..errors import ChallengeError
from ..models import (
    Application,
    ApplicationStatus,
    Challenge,
    ChallengeStatus,
    ExpertAssignment,
    Phase,
    Review,
    blind_codes,
)
from ..panel import admit_expert, refuse_unless_own
from .common import record, require_staff

S = ChallengeStatus
ASSIGNABLE = (S.PUBLISHED, S.CLOSED, S.UNDER_REVIEW)


@transaction.atomic
def assign_expert(*, challenge: Challenge, expert, by) -> ExpertAssignment:
    require_staff(by)
    challenge.refresh_from_db(fields=["status"])
    if challenge.status not in ASSIGNABLE:
        raise ChallengeError(_("只能在征集、截止或评审阶段指派评审专家。"))
    assignment = admit_expert(
        ExpertAssignment,
        challenge=challenge,
        expert=expert,
        by=by,
        conflicts=selectors.conflicts_of(expert, challenge),
        error=ChallengeError,
        refusal=_("%(n)s 与本榜单存在利益冲突，须回避：%(why)s。"),
        duplicate=_("该专家已被指派评审本榜单。"),
    )
    record(challenge=challenge, action="assign_expert", by=by, note=str(expert))
    notify_each_after_commit(
        users=[expert],
        event="challenge_expert_assigned",
        title=gettext_lazy("请评审揭榜挂帅榜单「%(t)s」"),
        params={"t": challenge.title},
        body=gettext_lazy("评分前请先完成利益冲突声明。"),
        url="/challenges/review/",
        obj=challenge,
    )
    return assignment


@transaction.atomic
def remove_expert(*, assignment: ExpertAssignment, by) -> None:
    require_staff(by)
    if assignment.reviews.exists():
        raise ChallengeError(_("该专家已经评分，不能撤销指派。"))
    record(
        challenge=assignment.challenge, action="remove_expert", by=by, note=str(assignment.expert)
    )
    assignment.delete()


@transaction.atomic
def declare_conflicts(
    *, assignment: ExpertAssignment, by, conflicted: list[Application], statement: str = ""
) -> ExpertAssignment:
    """回避声明: the expert lists the applications they must not score (possibly none)."""
    refuse_unless_own(assignment, by, error=ChallengeError)
    assignment.challenge.refresh_from_db(fields=["status"])
    if assignment.challenge.status != S.UNDER_REVIEW:
        raise ChallengeError(_("榜单不在评审阶段。"))
    for app in conflicted:
        if app.challenge_id != assignment.challenge_id:
            raise ChallengeError(_("只能对本榜单的申报声明回避。"))
    default = _("本人承诺与未列明的申报团队无利益冲突。")
    assignment.declare(statement=statement, default=default)
    assignment.save()
    assignment.conflicted_applications.set(conflicted)
    # Scores given before a newly declared conflict no longer count.
    assignment.reviews.filter(application__in=conflicted).delete()
    record(
        challenge=assignment.challenge,
        action="declare_conflicts",
        by=by,
        note=_("回避 %(n)d 项申报") % {"n": len(conflicted)},
    )
    compute_ranking(challenge=assignment.challenge)
    return assignment


def _refuse_conflicted_scorer(assignment: ExpertAssignment, expert) -> None:
    """Ties can appear after assignment (a team adds the expert's unit): checked at every score."""
    conflicts = selectors.conflicts_of(expert, assignment.challenge)
    if not conflicts:
        return
    if assignment.challenge.blind_review:  # the reasons would name the teams
        raise ChallengeError(_("您与本榜单的发榜单位或申报团队存在利益冲突，须回避评分。"))
    raise ChallengeError(
        _("您与本榜单存在利益冲突，须回避评分：%(why)s。") % {"why": "；".join(conflicts)}
    )


def weights_of(challenge: Challenge, phase: str = Phase.APPLICATION) -> dict[str, int]:
    return dict(selectors.rubric_of(challenge, phase).values_list("code", "weight"))


@transaction.atomic
def score_application(
    *, assignment: ExpertAssignment, application: Application, by, scores: dict, comment: str = ""
) -> Review:
    if assignment.expert_id != getattr(by, "pk", None):
        raise ChallengeError(_("只能由被指派的专家本人评分。"))
    if not assignment.has_declared:
        raise ChallengeError(_("请先完成利益冲突声明，再进行评分。"))
    assignment.challenge.refresh_from_db(fields=["status"])
    if assignment.challenge.status != S.UNDER_REVIEW:
        raise ChallengeError(_("榜单不在评审阶段，不能评分。"))
    if application.challenge_id != assignment.challenge_id or not application.is_submitted:
        raise ChallengeError(_("该申报不在您的评审范围内。"))
    if assignment.conflicted_applications.filter(pk=application.pk).exists():
        raise ChallengeError(_("您已声明与该申报存在利益冲突，须回避评分。"))
    _refuse_conflicted_scorer(assignment, by)
    try:
        clean = {code: Decimal(str(value)) for code, value in scores.items()}
        total = scoring.weighted_total(clean, weights_of(assignment.challenge))
    except (scoring.ScoringError, ArithmeticError, ValueError) as exc:
        raise ChallengeError(_("请按评分细则逐项打分（0–100 分）。")) from exc
    review, _created = Review.objects.update_or_create(
        assignment=assignment,
        application=application,
        phase=Phase.APPLICATION,
        defaults={
            "scores": {code: str(value) for code, value in clean.items()},
            "weighted_total": total,
            "comment": comment,
        },
    )
    compute_ranking(challenge=assignment.challenge)
    return review


def compute_ranking(*, challenge: Challenge) -> list[tuple[int, Decimal, int]]:
    """Aggregate each submitted application's expert totals and store score and rank."""
    apps = list(challenge.applications.filter(status=ApplicationStatus.SUBMITTED))
    totals: dict[int, list[Decimal]] = {app.pk: [] for app in apps}
    for app_id, total in Review.objects.filter(
        application__in=apps, phase=Phase.APPLICATION
    ).values_list("application_id", "weighted_total"):
        totals[app_id].append(total)
    results = {pk: scoring.aggregate(values) for pk, values in totals.items()}
    ranked = scoring.rank(results)
    ranks = {pk: position for pk, _score, position in ranked}
    for app in apps:
        Application.objects.filter(pk=app.pk).update(
            total_score=results[app.pk], rank=ranks.get(app.pk)
        )
    return ranked


def assign_blind_codes(challenge: Challenge) -> None:
    apps = list(
        challenge.applications.filter(status=ApplicationStatus.SUBMITTED).order_by(
            "submitted_at", "pk"
        )
    )
    for app, code in zip(apps, blind_codes(len(apps)), strict=True):
        Application.objects.filter(pk=app.pk).update(blind_code=code)
