"""Shared reads for challenges: lists by tab, what a user may see, expert suggestions."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ExpertProfile, Membership
from accounts.selectors import Ties, ties_of

from .models import (
    Application,
    ApplicationStatus,
    Challenge,
    ChallengeStatus,
    ConfidentialityPledge,
    ExpertAssignment,
    TeamMember,
)

S = ChallengeStatus
PUBLIC_STATUSES = Challenge.PUBLIC_STATUSES
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


def open_challenges() -> QuerySet[Challenge]:
    """Public challenges taking applications now: published, deadline not yet passed."""
    return public_challenges().filter(status=S.PUBLISHED, deadline__gt=timezone.now())


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


def suggest_experts(challenge: Challenge, limit: int = 10) -> list[ExpertProfile]:
    """Active experts whose review fields include the challenge's industry, minus anyone with a
    conflict of interest (see conflicts_of), minus those already assigned."""
    involved_orgs = {challenge.organization_id} | set(
        challenge.applications.exclude(lead_organization=None).values_list(
            "lead_organization_id", flat=True
        )
    )
    # The cheap part of the conflict test in SQL; conflicts_of settles the rest one by one.
    involved_users = Membership.objects.filter(organization_id__in=involved_orgs).values("user_id")
    candidates = (
        ExpertProfile.objects.filter(is_active=True, fields=challenge.industry)
        .exclude(user_id__in=involved_users)
        .exclude(user_id__in=challenge.applications.values("lead_id"))
        .exclude(user_id__in=challenge.assignments.values("expert_id"))
        .select_related("user")
        .distinct()
        .order_by("pk")
    )
    suggested = []
    for profile in candidates:
        if not conflicts_of(profile.user, challenge):
            suggested.append(profile)
            if len(suggested) == limit:
                break
    return suggested


def _member_conflict(ties: Ties, expert, member: TeamMember, team: str) -> str | None:
    unit = member.organization_name.strip()
    if unit not in ties.units:
        return None
    if member.name.strip() == (expert.name or "").strip():
        return _("是申报团队「%(team)s」的成员") % {"team": team}
    return _("所在单位「%(unit)s」参与申报团队「%(team)s」") % {"unit": unit, "team": team}


def _application_conflicts(ties: Ties, expert, application: Application) -> list[str]:
    team = application.team_name
    reasons = []
    if application.lead_id == expert.pk:
        reasons.append(_("是申报团队「%(team)s」的负责人") % {"team": team})
    if ties.binds(application.lead_organization):
        reasons.append(
            _("属于申报单位「%(org)s」（申报团队「%(team)s」）")
            % {"org": application.lead_organization, "team": team}
        )
    for member in application.members.all():
        reason = _member_conflict(ties, expert, member, team)
        if reason:
            reasons.append(reason)
    return reasons


def conflicts_of(expert, challenge: Challenge) -> list[str]:
    """Why this person may not review this challenge, in words for staff; empty when nothing ties
    them to it. Ties: leading or being a member of any application (while the challenge is
    open, drafts and withdrawn ones too: they can still be submitted), belonging to the owner
    organization or to an applicant organization (by membership, or by the unit they name as
    their affiliation).

    The one conflict-of-interest test: assigning, scoring, applying and suggesting all use it."""
    if expert is None or not getattr(expert, "pk", None):
        return []
    ties = ties_of(expert)
    reasons = []
    if ties.binds(challenge.organization):
        reasons.append(_("属于发榜单位「%(org)s」") % {"org": challenge.organization})
    applications = challenge.applications.select_related("lead_organization").prefetch_related(
        "members"
    )
    if not challenge.is_open:  # past the deadline a draft or withdrawn one cannot come back
        applications = applications.filter(status=ApplicationStatus.SUBMITTED)
    for application in applications.order_by("pk"):
        reasons.extend(_application_conflicts(ties, expert, application))
    return reasons


def is_expert_of(user, challenge: Challenge) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return ExpertAssignment.objects.filter(challenge=challenge, expert=user).exists()


def assigned_expert_in(members, challenge: Challenge) -> bool:
    """Whether a team list ({name, organization_name}) names one of the challenge's experts:
    same name, and a unit that stands for that expert."""
    experts = [a.expert for a in challenge.assignments.select_related("expert")]
    for expert in experts:
        ties = ties_of(expert)
        for member in members:
            if (member.get("name") or "").strip() == (expert.name or "").strip() and (
                member.get("organization_name") or ""
            ).strip() in ties.units:
                return True
    return False


def submitted_applications_of(user, challenge: Challenge) -> QuerySet[Application]:
    """The challenge's submitted applications the user answers for: as lead, or as an
    administrator of the lead organization."""
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    managed = Membership.objects.filter(
        user=user, role__in=(Membership.Role.OWNER, Membership.Role.ADMIN)
    ).values("organization_id")
    return challenge.applications.filter(status=ApplicationStatus.SUBMITTED).filter(
        Q(lead=user) | Q(lead_organization__in=managed)
    )


def has_pledged(user, challenge: Challenge) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return ConfidentialityPledge.objects.filter(challenge=challenge, user=user).exists()
