"""Shared reads: what the listing, search and matcher may show, and each role's views."""

from decimal import Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from accounts.models import ExpertProfile, Membership
from accounts.selectors import ties_of
from marketplace.models import Achievement

from .models import Dimension, EvaluationRequest, ExpertAssignment, Status
from .services.review import active_assignments, labelled


def _published() -> QuerySet[EvaluationRequest]:
    return EvaluationRequest.objects.filter(status=Status.COMPLETED, badge_public=True).order_by(
        "-issued_at", "-pk"
    )


def published_evaluation(achievement: Achievement) -> EvaluationRequest | None:
    """The evaluation whose badge the owner chose to show, if any."""
    return _published().filter(achievement=achievement).first()


def published_overall(achievement: Achievement) -> int | None:
    """综合得分 (0–100, rounded) of the published evaluation; None when nothing is published.

    For the matcher's quality boost and the listing badge."""
    evaluation = published_evaluation(achievement)
    return evaluation.overall_rounded if evaluation else None


def with_published_overall(achievements: QuerySet[Achievement]) -> QuerySet[Achievement]:
    """Annotates `published_overall` (unrounded: see EvaluationRequest.round_overall) in the
    same query: search rebuilds read it for every achievement."""
    scores = _published().filter(achievement=OuterRef("pk")).values("overall_score")[:1]
    return achievements.annotate(published_overall=Subquery(scores))


def requests_for_user(user) -> QuerySet[EvaluationRequest]:
    """Requests a user follows: made by them or their organization, or about its achievements."""
    orgs = Membership.objects.filter(user=user).values("organization_id")
    return (
        EvaluationRequest.objects.filter(
            Q(requested_by=user)
            | Q(requester_organization__in=orgs)
            | Q(achievement__organization__in=orgs)
        )
        .select_related("achievement", "requester_organization")
        .distinct()
    )


def assignments_for_expert(user) -> QuerySet[ExpertAssignment]:
    return (
        ExpertAssignment.objects.filter(expert=user)
        .select_related("evaluation__achievement")
        .order_by("-assigned_at")
    )


def conflicts_of(expert, evaluation: EvaluationRequest) -> list[str]:
    """Why this person may not evaluate this request, in words for staff; empty when nothing ties
    them to it: the requester, whoever registered the achievement or is its contact, and anyone
    belonging to (or naming as their unit) the owner or the requesting organization.

    The same test as challenges.selectors.conflicts_of (the same accounts.selectors.ties_of);
    assigning, scoring and suggesting all use it."""
    if expert is None or not getattr(expert, "pk", None):
        return []
    achievement = evaluation.achievement
    ties = ties_of(expert)
    reasons = []
    if evaluation.requested_by_id == expert.pk:
        reasons.append(_("是本评价的申请人"))
    if achievement.created_by_id == expert.pk:
        reasons.append(_("是该成果的登记人"))
    if achievement.contact_email and achievement.contact_email.lower() == expert.email.lower():
        reasons.append(_("是该成果的联系人"))
    if ties.binds(achievement.organization):
        reasons.append(_("属于成果所属机构「%(org)s」") % {"org": achievement.organization})
    requester = evaluation.requester_organization
    if (
        requester is not None
        and requester.pk != achievement.organization_id
        and ties.binds(requester)
    ):
        reasons.append(_("属于申请机构「%(org)s」") % {"org": requester})
    return reasons


def suggest_experts(evaluation: EvaluationRequest, limit: int = 10) -> list[ExpertProfile]:
    """Active experts whose review fields include the achievement's industry, those whose
    research directions mention its technical field first; never anyone with a conflict of
    interest (conflicts_of), nor anyone already assigned."""
    achievement = evaluation.achievement
    involved = {achievement.organization_id, evaluation.requester_organization_id} - {None}
    # The cheap part of the conflict test in SQL; conflicts_of settles the rest one by one.
    involved_users = Membership.objects.filter(organization_id__in=involved).values("user_id")
    profiles = [
        profile
        for profile in ExpertProfile.objects.filter(is_active=True, fields=achievement.industry_id)
        .exclude(user_id__in=involved_users)
        .exclude(user_id=evaluation.requested_by_id)
        .exclude(user_id__in=evaluation.assignments.values("expert_id"))
        .select_related("user")
        .distinct()
        if not conflicts_of(profile.user, evaluation)
    ]
    words = [w for w in [achievement.technical_field, *achievement.keywords] if w]

    def closeness(profile: ExpertProfile) -> int:
        return sum(1 for w in words if w and w in profile.expertise)

    profiles.sort(key=lambda p: (-closeness(p), p.pk))
    return profiles[:limit]


def dimension_rows(evaluation: EvaluationRequest) -> list[dict]:
    """[{code, label, score, weight, spread}] in the fixed 五元 order."""
    weights = evaluation.scheme.get("weights", {})
    rows = []
    for code, label in Dimension.choices:
        score = evaluation.dimension_scores.get(code)
        rows.append(
            {
                "code": code,
                "label": label,
                "score": Decimal(score) if score is not None else None,
                "weight": weights.get(code, 0),
                "spread": Decimal(evaluation.spreads[code]) if code in evaluation.spreads else None,
            }
        )
    return rows


def indicator_rows(evaluation: EvaluationRequest) -> list[dict]:
    """Per indicator: the experts' scores by label, their mean, and the evidence notes."""
    panel = [(label, a) for label, a in labelled(active_assignments(evaluation)) if a.is_submitted]
    scores = {(label, s.indicator_id): s for label, a in panel for s in a.scores.all()}
    dimension_labels = dict(Dimension.choices)
    rows = []
    for spec in evaluation.scheme.get("indicators", []):
        cells = [(label, scores.get((label, spec["id"]))) for label, _a in panel]
        values = [c.score for _label, c in cells if c is not None]
        rows.append(
            {
                "dimension": dimension_labels.get(spec["dimension"], spec["dimension"]),
                "name": spec["name"],
                "weight": spec["weight"],
                "cells": cells,
                "mean": (sum(values) / len(values)).quantize(Decimal("0.1")) if values else None,
            }
        )
    return rows


def expert_comments(evaluation: EvaluationRequest, *, reveal: bool) -> list[dict]:
    """Comments labelled 专家A/B/C; names only when `reveal` (staff)."""
    return [
        {
            "label": label,
            "name": str(a.expert) if reveal else "",
            "comment": a.comment,
            "submitted_at": a.submitted_at,
        }
        for label, a in labelled(active_assignments(evaluation).select_related("expert"))
        if a.is_submitted
    ]


def discussion(evaluation: EvaluationRequest, *, reveal: bool) -> list[dict]:
    labels = {a.expert_id: label for label, a in labelled(active_assignments(evaluation))}
    rows = []
    for message in evaluation.discussion.select_related("author"):
        if message.author_id in labels and not reveal:
            who = _("专家%(label)s") % {"label": labels[message.author_id]}
        elif message.author_id in labels:
            who = _("专家%(label)s（%(name)s）") % {
                "label": labels[message.author_id],
                "name": message.author,
            }
        else:
            who = _("主持人")
        rows.append({"who": who, "body": message.body, "at": message.created_at})
    return rows


def indicators_by_dimension(scheme: dict) -> list[tuple[str, list[dict]]]:
    labels = dict(Dimension.choices)
    groups: dict[str, list[dict]] = {}
    for spec in scheme.get("indicators", []):
        groups.setdefault(spec["dimension"], []).append(spec)
    return [(labels[code], groups[code]) for code in Dimension.values if code in groups]


def verify(code: str) -> EvaluationRequest | None:
    code = (code or "").strip().upper()
    if not code:
        return None
    return (
        EvaluationRequest.objects.filter(verification_code=code, status=Status.COMPLETED)
        .select_related("achievement__organization")
        .first()
    )


# --- Work queue (core.work) ---------------------------------------------------------------------


def work_for(user) -> list:
    """What waits for the user in 成果评价: an expert's scoring; for the achievement's
    administrators, requests to consent to; for the requester, fees to pay and evaluations in
    progress; for staff, accepted requests that need experts. The requests' lines are one
    aggregate."""
    from django.db.models import Count
    from django.urls import reverse

    from accounts.selectors import work_roles
    from core.work import counted

    scoring = (
        ExpertAssignment.objects.filter(
            expert=user, evaluation__status=Status.SCORING, submitted_at__isnull=True
        )
        .exclude(has_conflict=True)
        .count()
    )
    roles = work_roles(user)
    managed = roles.admin_orgs
    mine = Q(requested_by=user) | Q(requester_organization__in=managed)
    in_progress = (Status.ACCEPTED, Status.SCORING, Status.DISCUSSION)
    wanted = {
        "pay": Count("pk", filter=mine & Q(status=Status.AWAITING_PAYMENT)),
        "running": Count("pk", filter=mine & Q(status__in=in_progress)),
    }
    if managed:
        wanted["consent"] = Count(
            "pk", filter=Q(status=Status.AWAITING_CONSENT, achievement__organization__in=managed)
        )
    if roles.staff:
        wanted["accepted"] = Count("pk", filter=Q(status=Status.ACCEPTED))
    counts = {"consent": 0, **EvaluationRequest.objects.aggregate(**wanted)}
    home = reverse("evaluation:home")
    items = [
        *counted(_("待评分的成果评价"), reverse("evaluation:reviews"), scoring, urgent=True),
        *counted(_("待同意的成果评价申请"), home, counts["consent"], urgent=True),
        *counted(_("待支付的成果评价费用"), home, counts["pay"], urgent=True),
        *counted(_("进行中的成果评价"), home, counts["running"]),
    ]
    if roles.staff:
        url = reverse("evaluation_admin:index")
        items += counted(_("待指派专家的成果评价"), url, counts["accepted"])
    return items
