"""揭榜挂帅 in the JSON API (/api/v1/challenges): public challenges and announced results, and
an expert's own review queue (session login), which hides team names under blind review."""

from datetime import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema
from ninja.security import django_auth

from . import selectors
from .models import Challenge, ExpertAssignment

router = Router(tags=["challenges"])


class IndicatorOut(Schema):
    name: str
    comparator: str
    target_value: Decimal
    unit: str


class ChallengeOut(Schema):
    id: int
    title: str
    organization: str
    industry: str
    mechanism: str
    mechanism_label: str
    status: str
    status_label: str
    bounty_cny: Decimal
    total_budget_cny: Decimal | None
    deadline: datetime
    delivery_months: int
    blind_review: bool
    url: str


class ChallengeDetailOut(ChallengeOut):
    problem_statement: str
    eligibility: str
    ip_terms: str
    indicators: list[IndicatorOut]


class ResultOut(Schema):
    rank: int | None
    team: str
    organization: str | None
    total_score: Decimal | None
    award: str


class ReviewItemOut(Schema):
    application_id: int
    team: str
    organization: str | None
    my_score: Decimal | None


class AssignmentOut(Schema):
    id: int
    challenge_id: int
    challenge_title: str
    blind_review: bool
    declared: bool
    applications: list[ReviewItemOut]


def _challenge(c: Challenge) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "organization": str(c.organization),
        "industry": str(c.industry),
        "mechanism": c.mechanism,
        "mechanism_label": str(c.get_mechanism_display()),
        "status": c.status,
        "status_label": str(c.get_status_display()),
        "bounty_cny": c.bounty_cny,
        "total_budget_cny": c.total_budget_cny,
        "deadline": c.deadline,
        "delivery_months": c.delivery_months,
        "blind_review": c.blind_review,
        "url": c.get_absolute_url(),
    }


@router.get("/", response=list[ChallengeOut])
def list_challenges(request, tab: str = "open"):
    return [_challenge(c) for c in selectors.challenges_in_tab(tab)[:100]]


@router.get("/review/assignments", response=list[AssignmentOut], auth=django_auth)
def my_assignments(request):
    out = []
    for assignment in selectors.assignments_of(request.user):
        out.append(_assignment(assignment))
    return out


def _assignment(assignment: ExpertAssignment) -> dict:
    blind = assignment.challenge.blind_review
    scores = dict(
        assignment.reviews.filter(phase="application").values_list(
            "application_id", "weighted_total"
        )
    )
    items = []
    # Nothing to see before the declaration, as on the review pages.
    apps = selectors.reviewable_applications(assignment) if assignment.has_declared else []
    for app in apps:
        items.append(
            {
                "application_id": app.pk,
                "team": app.display_name(blind=blind),
                "organization": None
                if blind or not app.lead_organization
                else str(app.lead_organization),
                "my_score": scores.get(app.pk),
            }
        )
    return {
        "id": assignment.pk,
        "challenge_id": assignment.challenge_id,
        "challenge_title": assignment.challenge.title,
        "blind_review": blind,
        "declared": assignment.has_declared,
        "applications": items,
    }


@router.get("/{int:challenge_id}", response=ChallengeDetailOut)
def challenge_detail(request, challenge_id: int):
    challenge = selectors.public_challenges().filter(pk=challenge_id).first()
    if challenge is None:
        raise Http404
    data = _challenge(challenge)
    data.update(
        problem_statement=challenge.problem_statement,
        eligibility=challenge.eligibility,
        ip_terms=challenge.ip_terms,
        indicators=list(challenge.indicators.all()),
    )
    return data


@router.get("/{int:challenge_id}/results", response=list[ResultOut])
def results(request, challenge_id: int):
    challenge = selectors.public_challenges().filter(pk=challenge_id).first()
    if challenge is None or challenge.announced_at is None:
        raise Http404
    return [
        {
            "rank": app.rank,
            "team": app.team_name,
            "organization": str(app.lead_organization) if app.lead_organization else None,
            "total_score": app.total_score,
            "award": str(app.get_award_display()) if app.award else "",
        }
        for app in selectors.announced_results(challenge)
    ]
