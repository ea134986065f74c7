"""Shared reads for challenges: lists by tab, what a user may see, expert suggestions."""

from django.db.models import Count, Q, QuerySet

from accounts.models import ExpertProfile, Membership

from .models import (
    Application,
    ApplicationStatus,
    Challenge,
    ChallengeStatus,
    ExpertAssignment,
)

S = ChallengeStatus
PUBLIC_STATUSES = [
    S.PUBLISHED,
    S.CLOSED,
    S.UNDER_REVIEW,
    S.ANNOUNCED,
    S.AWARDED,
    S.IN_PROGRESS,
    S.COMPLETED,
    S.FAILED,
]
TABS = {
    "open": [S.PUBLISHED],
    "review": [S.CLOSED, S.UNDER_REVIEW],
    "announced": [S.ANNOUNCED, S.AWARDED, S.IN_PROGRESS],
    "completed": [S.COMPLETED],
}


def public_challenges() -> QuerySet[Challenge]:
    return (
        Challenge.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organization", "industry")
        .annotate(
            application_count=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED)
            )
        )
    )


def challenges_in_tab(tab: str) -> QuerySet[Challenge]:
    qs = public_challenges().filter(status__in=TABS.get(tab, TABS["open"]))
    return qs.order_by("deadline") if tab == "open" else qs.order_by("-updated_at", "-id")


def tab_counts() -> dict[str, int]:
    return {tab: public_challenges().filter(status__in=st).count() for tab, st in TABS.items()}


def challenge_visible_to(*, user, pk: int) -> Challenge | None:
    """Public once published; drafts only to the owner's members and staff."""
    challenge = (
        Challenge.objects.select_related("organization", "industry", "source_need")
        .filter(pk=pk)
        .first()
    )
    if challenge is None or challenge.status in PUBLIC_STATUSES:
        return challenge
    if getattr(user, "is_authenticated", False) and (
        user.is_staff
        or Membership.objects.filter(user=user, organization_id=challenge.organization_id).exists()
    ):
        return challenge
    return None


def applications_of(user) -> QuerySet[Application]:
    """揭榜申报 a user may see as applicant: their own, and their organizations' (if admin)."""
    managed = Membership.objects.filter(
        user=user, role__in=(Membership.Role.OWNER, Membership.Role.ADMIN)
    ).values("organization_id")
    return (
        Application.objects.filter(Q(lead=user) | Q(lead_organization__in=managed))
        .select_related("challenge", "lead_organization")
        .order_by("-updated_at")
    )


def application_for(*, user, challenge: Challenge) -> Application | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return challenge.applications.filter(lead=user).first()


def announced_results(challenge: Challenge) -> QuerySet[Application]:
    """Ranked submitted applications, shown on the public notice once announced."""
    return (
        challenge.applications.filter(status=ApplicationStatus.SUBMITTED, rank__isnull=False)
        .select_related("lead_organization")
        .order_by("rank", "pk")
    )


def assignments_of(expert) -> QuerySet[ExpertAssignment]:
    return (
        ExpertAssignment.objects.filter(expert=expert)
        .select_related("challenge", "challenge__organization")
        .order_by("-assigned_at")
    )


def reviewable_applications(assignment: ExpertAssignment) -> QuerySet[Application]:
    return (
        assignment.challenge.applications.filter(status=ApplicationStatus.SUBMITTED)
        .exclude(pk__in=assignment.conflicted_applications.values("pk"))
        .select_related("lead_organization")
        .order_by("blind_code", "pk")
    )


def suggest_experts(challenge: Challenge, limit: int = 10) -> QuerySet[ExpertProfile]:
    """Active experts whose review fields include the challenge's industry, minus anyone
    working for the owner or for an applying organization, minus those already assigned."""
    involved_orgs = {challenge.organization_id} | set(
        challenge.applications.exclude(lead_organization=None).values_list(
            "lead_organization_id", flat=True
        )
    )
    involved_users = Membership.objects.filter(organization_id__in=involved_orgs).values("user_id")
    assigned = challenge.assignments.values("expert_id")
    return (
        ExpertProfile.objects.filter(is_active=True, fields=challenge.industry)
        .exclude(user_id__in=involved_users)
        .exclude(user_id__in=assigned)
        .select_related("user")
        .distinct()[:limit]
    )
