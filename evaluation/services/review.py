"""Experts: assign (≥3, by field), declare conflicts, score with evidence, aggregate, discuss,
finalise. Mirrors challenges.services.review and reuses its pure scoring helpers."""

import secrets
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.rules import is_org_admin
from accounts.selectors import active_staff
from challenges.models import blind_codes
from challenges.panel import admit_expert, refuse_unless_own
from notifications.services import notify_each_after_commit
from search.outbox import record_change

from .. import scoring
from ..errors import EvaluationError
from ..models import (
    CategoryScheme,
    Dimension,
    DiscussionMessage,
    EvaluationRequest,
    EvaluationSettings,
    ExpertAssignment,
    Indicator,
    IndicatorScore,
    Status,
)
from .common import lock, move, owner_admins, requesters, require_staff

S = Status
ASSIGNABLE = (S.ACCEPTED, S.SCORING, S.DISCUSSION)
SCORABLE = (S.SCORING, S.DISCUSSION)
DIMENSION_ORDER = list(Dimension.values)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand


def settings_now() -> EvaluationSettings:
    return EvaluationSettings.load()


def current_scheme(category: str) -> dict:
    """The scheme as it stands: category weights and the active indicators (JSON-ready)."""
    row = CategoryScheme.objects.filter(category=category).first()
    if row is None or row.total_weight <= 0:
        raise EvaluationError(_("该成果类别尚未配置五元权重，请联系平台工作人员。"))
    indicators = [
        {
            "id": i.pk,
            "dimension": i.dimension,
            "name": i.name,
            "guidance": i.guidance,
            "weight": i.weight,
        }
        for i in sorted(
            Indicator.objects.filter(active=True),
            key=lambda i: (DIMENSION_ORDER.index(i.dimension), i.order, i.pk),
        )
    ]
    missing = {d for d, w in row.weights.items() if w > 0} - {i["dimension"] for i in indicators}
    if missing:
        raise EvaluationError(_("有权重的维度必须至少有一个启用的指标。"))
    return {"weights": row.weights, "indicators": indicators}


def specs_of(scheme: dict) -> list[scoring.IndicatorSpec]:
    return [
        scoring.IndicatorSpec(id=i["id"], dimension=i["dimension"], weight=i["weight"])
        for i in scheme.get("indicators", [])
    ]


def conflicts_of(expert, evaluation: EvaluationRequest) -> list[str]:
    # evaluation.selectors imports this module, so the one conflict test is fetched at call time.
    from ..selectors import conflicts_of as conflicts

    return conflicts(expert, evaluation)


def active_assignments(evaluation: EvaluationRequest):
    """The experts who count: everyone assigned except those who declared a conflict."""
    return evaluation.assignments.filter(has_conflict=False).order_by("pk")


@transaction.atomic
def assign_expert(*, evaluation: EvaluationRequest, expert, by) -> ExpertAssignment:
    require_staff(by)
    lock(evaluation)
    if evaluation.status not in ASSIGNABLE:
        raise EvaluationError(_("只能在受理后、出具报告前指派评审专家。"))
    assignment = admit_expert(
        ExpertAssignment,
        evaluation=evaluation,
        expert=expert,
        by=by,
        conflicts=conflicts_of(expert, evaluation),
        error=EvaluationError,
        refusal=_("%(n)s 与本评价存在利益冲突，须回避：%(why)s。"),
        duplicate=_("该专家已被指派评价本成果。"),
    )
    evaluation.log_action("evaluation.assign_expert", by=by, data={"note": str(expert)})
    notify_each_after_commit(
        users=[expert],
        event="evaluation_expert_assigned",
        title=gettext_lazy("请评价科技成果「%(t)s」"),
        params={"t": evaluation.achievement},
        body=gettext_lazy("评分前请先完成利益冲突声明。"),
        url=reverse("evaluation:assignment", args=[assignment.pk]),
        obj=evaluation,
    )
    return assignment


@transaction.atomic
def remove_expert(*, assignment: ExpertAssignment, by) -> None:
    require_staff(by)
    if assignment.is_submitted:
        raise EvaluationError(_("该专家已经提交评分，不能撤销指派。"))
    assignment.evaluation.log_action(
        "evaluation.remove_expert", by=by, data={"note": str(assignment.expert)}
    )
    assignment.delete()


@transaction.atomic
def start_scoring(*, evaluation: EvaluationRequest, by) -> EvaluationRequest:
    """Freeze the scheme and open scoring once enough experts are assigned."""
    require_staff(by)
    lock(evaluation)
    needed = settings_now().min_experts
    if active_assignments(evaluation).count() < needed:
        raise EvaluationError(_("至少需要指派 %(n)d 位评审专家。") % {"n": needed})
    move(
        evaluation,
        "start_scoring",
        action_label=_("启动评分"),
        actor=by,
        scheme=current_scheme(evaluation.category),
    )
    return evaluation


@transaction.atomic
def declare_conflict(
    *, assignment: ExpertAssignment, by, has_conflict: bool, statement: str = ""
) -> ExpertAssignment:
    """回避声明, before any score: a conflicted expert steps back and staff assign another."""
    refuse_unless_own(assignment, by, error=EvaluationError)
    if assignment.is_submitted:
        raise EvaluationError(_("已提交评分，不能再修改利益冲突声明。"))
    statement = (statement or "").strip()
    if has_conflict and not statement:
        raise EvaluationError(_("声明回避时请说明利益冲突情况。"))
    assignment.has_conflict = has_conflict
    default = _("本人承诺与该成果的完成方、申请方无利益冲突。")
    assignment.declare(statement=statement, default=default)
    assignment.save()
    if has_conflict:
        evaluation = assignment.evaluation
        users = active_staff()
        notify_each_after_commit(
            users=users,
            event="evaluation_expert_assigned",
            title=gettext_lazy("专家回避：「%(t)s」需要补充指派评审专家"),
            params={"t": evaluation.achievement},
            body=statement,
            url=reverse("evaluation_admin:workflow", args=[evaluation.pk]),
            obj=evaluation,
        )
    return assignment


def _clean_scores(scheme: dict, scores: dict) -> dict[int, tuple[Decimal, str]]:
    clean: dict[int, tuple[Decimal, str]] = {}
    for spec in scheme.get("indicators", []):
        value, evidence = scores.get(spec["id"], (None, ""))
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError, TypeError) as exc:
            raise EvaluationError(
                _("请为「%(n)s」打分（0–100 分）。") % {"n": spec["name"]}
            ) from exc
        if not Decimal("0") <= number <= Decimal("100"):
            raise EvaluationError(_("「%(n)s」的得分须在 0–100 之间。") % {"n": spec["name"]})
        evidence = (evidence or "").strip()
        if not evidence:
            raise EvaluationError(_("请填写「%(n)s」的评分依据。") % {"n": spec["name"]})
        clean[spec["id"]] = (number.quantize(Decimal("0.01")), evidence)
    return clean


@transaction.atomic
def submit_scores(
    *, assignment: ExpertAssignment, by, scores: dict[int, tuple], comment: str
) -> ExpertAssignment:
    """Every indicator of the frozen scheme: {indicator id: (score 0..100, evidence)}."""
    if assignment.expert_id != getattr(by, "pk", None):
        raise EvaluationError(_("只能由被指派的专家本人评分。"))
    if not assignment.has_declared:
        raise EvaluationError(_("请先完成利益冲突声明，再进行评分。"))
    if assignment.has_conflict:
        raise EvaluationError(_("您已声明回避，不能评分。"))
    evaluation = lock(assignment.evaluation)
    # Ties can appear after assignment (the expert joins the requesting organization).
    conflicts = conflicts_of(by, evaluation)
    if conflicts:
        raise EvaluationError(
            _("您与本评价存在利益冲突，须回避评分：%(why)s。") % {"why": "；".join(conflicts)}
        )
    if evaluation.status not in SCORABLE:
        raise EvaluationError(_("该评价不在评分阶段。"))
    comment = (comment or "").strip()
    if not comment:
        raise EvaluationError(_("请填写专家综合意见。"))
    clean = _clean_scores(evaluation.scheme, scores)
    for indicator_id, (value, evidence) in clean.items():
        IndicatorScore.objects.update_or_create(
            assignment=assignment,
            indicator_id=indicator_id,
            defaults={"score": value, "evidence": evidence},
        )
    assignment.comment = comment
    assignment.submitted_at = timezone.now()
    assignment.save()
    refresh_results(evaluation=evaluation)
    return assignment


def panel_scores(evaluation: EvaluationRequest) -> dict[str, dict[int, Decimal]]:
    """{expert label: {indicator id: score}} of the submitted, non-conflicted experts."""
    ids = {i["id"] for i in evaluation.scheme.get("indicators", [])}
    result: dict[str, dict[int, Decimal]] = {}
    for label, assignment in labelled(active_assignments(evaluation)):
        if not assignment.is_submitted:
            continue
        result[label] = {
            s.indicator_id: s.score for s in assignment.scores.all() if s.indicator_id in ids
        }
    return result


def labelled(assignments) -> list[tuple[str, ExpertAssignment]]:
    """专家A, 专家B ...: anonymous labels in assignment order."""
    items = list(assignments)
    return list(zip(blind_codes(len(items)), items, strict=True))


def is_panel_complete(evaluation: EvaluationRequest) -> bool:
    active = list(active_assignments(evaluation))
    return len(active) >= settings_now().min_experts and all(a.is_submitted for a in active)


@transaction.atomic
def refresh_results(*, evaluation: EvaluationRequest) -> scoring.Result | None:
    """Aggregate the panel; a complete panel that disagrees moves to discussion."""
    panel = panel_scores(evaluation)
    if not panel:
        return None
    threshold = settings_now().disagreement_threshold
    result = scoring.evaluate(
        panel, specs_of(evaluation.scheme), evaluation.scheme["weights"], threshold
    )
    evaluation.dimension_scores = {d: str(v) for d, v in result.dimensions.items()}
    evaluation.spreads = {d: str(v) for d, v in result.spreads.items()}
    evaluation.overall_score = result.overall
    evaluation.has_disagreement = bool(result.flagged)
    evaluation.save()
    if evaluation.status == S.SCORING and result.flagged and is_panel_complete(evaluation):
        move(evaluation, "open_discussion", action_label=_("进入分歧讨论"))
        experts = [a.expert for a in active_assignments(evaluation)]
        users = [*active_staff(), *experts]
        notify_each_after_commit(
            users=users,
            event="evaluation_disagreement",
            title=gettext_lazy("「%(t)s」专家评分分歧较大，请组织讨论"),
            params={"t": evaluation.achievement},
            url=evaluation.get_absolute_url(),
            obj=evaluation,
        )
    return result


@transaction.atomic
def post_discussion(*, evaluation: EvaluationRequest, by, body: str) -> DiscussionMessage:
    """Staff moderate; assigned experts speak (to each other only under their labels)."""
    body = (body or "").strip()
    if not body:
        raise EvaluationError(_("请输入发言内容。"))
    if evaluation.status != S.DISCUSSION:
        raise EvaluationError(_("该评价不在分歧讨论阶段。"))
    is_panelist = active_assignments(evaluation).filter(expert=by).exists()
    if not (is_panelist or getattr(by, "is_staff", False)):
        raise EvaluationError(_("只有评审专家和平台工作人员可以参与讨论。"))
    return DiscussionMessage.objects.create(evaluation=evaluation, author=by, body=body)


def new_verification_code() -> str:
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"LYPJ-{body[:4]}-{body[4:8]}-{body[8:]}"


@transaction.atomic
def finalise_evaluation(
    *, evaluation: EvaluationRequest, by, summary: str, moderation_note: str = ""
) -> EvaluationRequest:
    """Issue the report: results fixed, verification code assigned, owner and requester told."""
    require_staff(by)
    lock(evaluation)
    if not is_panel_complete(evaluation):
        raise EvaluationError(_("尚有专家未提交评分，或有效专家不足。"))
    summary = (summary or "").strip()
    if not summary:
        raise EvaluationError(_("请填写评价结论。"))
    refresh_results(evaluation=evaluation)
    evaluation.refresh_from_db()
    if evaluation.status == S.DISCUSSION:
        moderation_note = (moderation_note or "").strip()
        if not moderation_note:
            raise EvaluationError(_("请填写分歧讨论的结论。"))
        evaluation.moderation_note = moderation_note
    move(
        evaluation,
        "complete",
        action_label=_("出具报告"),
        actor=by,
        note=moderation_note,
        summary=summary,
        code=new_verification_code(),
        at=timezone.now(),
    )
    users = requesters(evaluation) + owner_admins(evaluation)
    notify_each_after_commit(
        users=users,
        event="evaluation_completed",
        title=gettext_lazy("成果「%(t)s」的评价报告已出具"),
        body=gettext_lazy("综合得分 %(s)s"),
        params={"t": evaluation.achievement, "s": evaluation.overall_rounded},
        url=evaluation.get_absolute_url(),
        obj=evaluation,
    )
    return evaluation


@transaction.atomic
def set_badge(*, evaluation: EvaluationRequest, by, public: bool) -> EvaluationRequest:
    """The owner alone decides whether the listing shows 已评价 · 综合 NN."""
    if not is_org_admin(by, evaluation.achievement):
        raise EvaluationError(_("只有成果所属机构的管理员可以公开评价标识。"))
    lock(evaluation)
    if not evaluation.is_completed:
        raise EvaluationError(_("评价报告出具后才能公开评价标识。"))
    if public:
        # One badge per achievement: publishing this one retires any earlier one.
        EvaluationRequest.objects.filter(
            achievement=evaluation.achievement, badge_public=True
        ).exclude(pk=evaluation.pk).update(badge_public=False)
    evaluation.badge_public = public
    evaluation.save(update_fields=["badge_public", "updated_at"])
    action = "evaluation.badge_shown" if public else "evaluation.badge_hidden"
    evaluation.log_action(action, by=by)
    # The 已评价 facet and the matcher read the badge from the index.
    record_change(evaluation.achievement)
    return evaluation
