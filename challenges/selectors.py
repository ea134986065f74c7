"""Shared reads for challenges: lists by tab, what a user may see, expert suggestions."""

from decimal import Decimal

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ExpertProfile, Membership, Organization
from accounts.selectors import Ties, ties_of
from core.models import ActivityEntry

from . import scoring
from .models import (
    Application,
    ApplicationStatus,
    Award,
    Challenge,
    ChallengeStatus,
    ChiefAppointment,
    ConfidentialityPledge,
    ExpertAssignment,
    Mechanism,
    Milestone,
    Objection,
    Phase,
    Review,
    RubricCriterion,
    TeamMember,
)
from .models.mechanisms import LIVE

S = ChallengeStatus
PUBLIC_STATUSES = Challenge.PUBLIC_STATUSES
TABS = {
    "open": [S.PUBLISHED],
    "review": [S.CLOSED, S.UNDER_REVIEW],
    "announced": [S.ANNOUNCED, S.AWARDED, S.IN_PROGRESS],
    "completed": [S.COMPLETED],
}


def rubric_of(challenge: Challenge, phase: str = Phase.APPLICATION) -> QuerySet[RubricCriterion]:
    """The rubric lines of one review phase (applications, or the 赛马制 stage gate)."""
    return challenge.rubric.filter(phase=phase)


def may_lead_cabinet(user) -> bool:
    """A chief scientist (组阁制领衔专家): an expert of the pool, or a researcher, i.e. a member
    of a university or research institute on the platform."""
    if user is None or not getattr(user, "pk", None):
        return False
    if ExpertProfile.objects.filter(user=user, is_active=True).exists():
        return True
    research = (Organization.Kind.UNIVERSITY, Organization.Kind.INSTITUTE)
    return Membership.objects.filter(user=user, organization__kind__in=research).exists()


def affiliation_of(user) -> str:
    """The unit a person works for, as a team list names it."""
    membership = Membership.objects.filter(user=user).select_related("organization").first()
    if membership is not None:
        return membership.organization.name
    profile = ExpertProfile.objects.filter(user=user).first()
    return (profile.affiliation if profile else "") or "—"


def cabinet_url(challenge: Challenge) -> str:
    from django.urls import reverse

    return reverse("challenges:cabinet", args=[challenge.pk])


def live_appointment(challenge: Challenge) -> ChiefAppointment | None:
    """The chief scientist nominated, accepted or approved for a 组阁制 challenge, if any."""
    return challenge.chiefs.filter(status__in=LIVE).select_related("chief", "plan").first()


CABINET_ACTIONS = (
    "chief_nominated",
    "chief_accepted",
    "chief_declined",
    "cabinet_team_set",
    "cabinet_plan_approved",
    "cabinet_route_change",
    "cabinet_budget_change",
    "cabinet_member_change",
)


def cabinet_trail(challenge: Challenge) -> QuerySet[ActivityEntry]:
    """The 组阁制 part of the challenge's activity trail, newest first, for the owner's page."""
    actions = [f"challenge.{action}" for action in CABINET_ACTIONS]
    return challenge.activity.filter(action__in=actions).select_related("actor")


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


def needs_not_standing_as_challenges(needs: QuerySet) -> QuerySet:
    """The needs without a public 榜单 made from them: such a 榜单 stands for its need (one
    problem, one listing), as in search (search.PromotedNeeds)."""
    return needs.exclude(promoted_challenge__status__in=PUBLIC_STATUSES)


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
    managed = Membership.objects.filter(user=user, role__in=Membership.ADMIN_ROLES).values(
        "organization_id"
    )
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
    managed = Membership.objects.filter(user=user, role__in=Membership.ADMIN_ROLES).values(
        "organization_id"
    )
    return challenge.applications.filter(status=ApplicationStatus.SUBMITTED).filter(
        Q(lead=user) | Q(lead_organization__in=managed)
    )


def has_pledged(user, challenge: Challenge) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return ConfidentialityPledge.objects.filter(challenge=challenge, user=user).exists()


# ---------------------------------------------------------------- 赛马制 stage gate


def stage_one_results(application: Application) -> QuerySet:
    return application.milestones.filter(stage=1).select_related("result").order_by("due_date")


def results_complete(application: Application) -> bool:
    """Every stage-one milestone of the team has a result uploaded."""
    milestones = application.milestones.filter(stage=1).exclude(status="cancelled")
    return milestones.exists() and not milestones.filter(result__isnull=True).exists()


def stage_gate_teams(challenge: Challenge) -> QuerySet[Application]:
    return challenge.applications.filter(
        award__in=[Award.STAGE_ONE, Award.STAGE_TWO, Award.STAGE_TWO_OUT]
    ).select_related("lead_organization", "lead")


def stage_gate_board(challenge: Challenge) -> dict:
    """The side-by-side comparison: teams as columns, criteria as rows (the experts' mean per
    criterion), each team's total (the same aggregate as application review) and its rank."""
    criteria = list(rubric_of(challenge, Phase.STAGE_GATE))
    teams = list(stage_gate_teams(challenge).order_by("pk"))
    reviews = Review.objects.filter(application__in=teams, phase=Phase.STAGE_GATE)
    by_team: dict[int, list[Review]] = {team.pk: [] for team in teams}
    for review in reviews:
        by_team[review.application_id].append(review)
    totals = {
        pk: scoring.aggregate([r.weighted_total for r in items]) for pk, items in by_team.items()
    }
    ranks = {pk: position for pk, _score, position in scoring.rank(totals)}
    columns = []
    for team in teams:
        items = by_team[team.pk]
        means = []
        for criterion in criteria:
            values = [
                Decimal(r.scores[criterion.code]) for r in items if criterion.code in r.scores
            ]
            means.append(scoring.aggregate(values))
        columns.append(
            {
                "team": team,
                "means": means,
                "total": totals[team.pk],
                "rank": ranks.get(team.pk),
                "experts": len(items),
                "results": list(stage_one_results(team)),
            }
        )
    columns.sort(key=lambda c: (c["rank"] is None, c["rank"] or 0, c["team"].pk))
    rows = [
        (criterion, [column["means"][i] for column in columns])
        for i, criterion in enumerate(criteria)
    ]
    return {"criteria": criteria, "columns": columns, "rows": rows}


# --- Work queue (core.work) ---------------------------------------------------------------------


def _reviews_waiting(user) -> QuerySet[ExpertAssignment]:
    """Assignments of the expert on challenges under review with something left to do: the
    conflict declaration, or a submitted application (not declared conflicted) not yet scored."""
    conflicted = ExpertAssignment.conflicted_applications.through.objects.filter(
        expertassignment_id=OuterRef(OuterRef("pk")), application_id=OuterRef("pk")
    )
    unscored = (
        Application.objects.filter(
            challenge_id=OuterRef("challenge_id"), status=ApplicationStatus.SUBMITTED
        )
        .exclude(Exists(conflicted))
        .exclude(
            Exists(
                Review.objects.filter(
                    assignment_id=OuterRef(OuterRef("pk")),
                    application_id=OuterRef("pk"),
                    phase=Phase.APPLICATION,
                )
            )
        )
    )
    return ExpertAssignment.objects.filter(expert=user, challenge__status=S.UNDER_REVIEW).filter(
        Q(declared_at__isnull=True) | Exists(unscored)
    )


def _stage_teams_waiting(user) -> QuerySet[Application]:
    """赛马制 teams whose stage-one results are in and that the expert has not scored yet."""
    mine = ExpertAssignment.objects.filter(
        expert=user,
        declared_at__isnull=False,
        challenge__status=S.IN_PROGRESS,
        challenge__mechanism=Mechanism.HORSE_RACE,
    )
    return (
        Application.objects.filter(award=Award.STAGE_ONE, challenge__assignments__in=mine)
        .filter(Exists(Milestone.objects.filter(application=OuterRef("pk"), stage=1)))
        .exclude(
            Exists(
                Milestone.objects.filter(
                    application=OuterRef("pk"), stage=1, result__isnull=True
                ).exclude(status="cancelled")
            )
        )
        .exclude(
            Exists(
                Review.objects.filter(
                    application=OuterRef("pk"), phase=Phase.STAGE_GATE, assignment__expert=user
                )
            )
        )
        .exclude(
            Exists(
                ExpertAssignment.conflicted_applications.through.objects.filter(
                    expertassignment__expert=user, application_id=OuterRef("pk")
                )
            )
        )
        .distinct()
    )


def work_for(user) -> list:
    """What waits for the user in 揭榜挂帅: expert reviews and stage-gate scoring; for an
    organization's administrators, where to post a 榜单, drafts to submit, their applications
    and milestones to accept; for staff, 榜单 to publish, deposits to record, objections.
    The 榜单 lines are one aggregate, asked only of administrators and staff."""
    from django.urls import reverse

    from accounts.selectors import work_roles
    from core.work import Smallest, WorkItem, counted, tally

    roles = work_roles(user)
    managed = roles.admin_orgs
    reviews = _reviews_waiting(user)
    queries = {
        "reviews": reviews,
        "first_review": Smallest(reviews),
        "stage_teams": _stage_teams_waiting(user),
        "unsent": Application.objects.filter(
            Q(lead=user) | Q(lead_organization__in=managed),
            status=ApplicationStatus.DRAFT,
            challenge__status=S.PUBLISHED,
        ),
    }
    if managed:
        delivered = Milestone.objects.filter(
            challenge__organization__in=managed, status=Milestone.Status.DELIVERED
        )
        queries.update(
            delivered=delivered,
            delivered_boards=delivered.values("challenge_id").distinct(),
            first_board=Smallest(delivered, "challenge_id"),
        )
    if roles.staff:
        queries["objections"] = Objection.objects.filter(answered_at__isnull=True)
    n = tally(**queries)
    board = _board_counts(managed=managed, staff=roles.staff)

    review_list = reverse("challenges:review")
    url = _one_or_list(n["reviews"], n["first_review"], "challenges:assignment", review_list)
    items = counted(_("待评审的揭榜挂帅榜单"), url, n["reviews"], urgent=True)
    items += counted(_("待打分的赛马阶段成果"), review_list, n["stage_teams"])
    if managed:
        url = _one_or_list(board["drafts"], board["first_draft"], "challenges:edit")
        items += counted(_("待提交审核的榜单草稿"), url, board["drafts"])
    mine = reverse("challenges:mine")
    items += counted(_("未提交的揭榜申报"), mine, n["unsent"], urgent=True)
    if managed:
        url = _one_or_list(n["delivered_boards"], n["first_board"], "challenges:detail")
        items += counted(_("待验收的攻关里程碑"), url, n["delivered"], urgent=True)
        items.append(WorkItem(label=_("发布揭榜挂帅榜单"), url=reverse("challenges:create")))
    if roles.staff:
        items += _staff_work(board, objections=n["objections"])
    return items


def _board_counts(*, managed, staff: bool) -> dict:
    """One aggregate over 榜单: the administrator's drafts (and the first one's id); for staff,
    the submitted ones and those among them whose deposit is not paid."""
    from django.contrib.contenttypes.models import ContentType

    from payments.models import Payment, Purpose

    wanted = {}
    if managed:
        drafts = Q(organization__in=managed, status=S.DRAFT)
        wanted.update(drafts=Count("pk", filter=drafts), first_draft=Min("pk", filter=drafts))
    if staff:
        paid = Payment.objects.filter(
            content_type=ContentType.objects.get_for_model(Challenge),
            object_id=OuterRef("pk"),
            purpose=Purpose.DEPOSIT,
            status__in=Payment.PAID_STATUSES,
        )
        submitted = Q(status=S.SUBMITTED)
        wanted.update(
            submitted=Count("pk", filter=submitted),
            unpaid=Count("pk", filter=submitted & Q(bounty_cny__gt=0) & ~Q(Exists(paid))),
        )
    return Challenge.objects.aggregate(**wanted) if wanted else {}


def _one_or_list(count: int, first: int | None, url_name: str, many: str = "") -> str:
    """The one object's page when there is one, else `many` (the challenge list)."""
    from django.urls import reverse

    if count == 1:
        return reverse(url_name, args=[first])
    return many or reverse("challenges:list")


def _staff_work(board: dict, *, objections: int) -> list:
    from django.urls import reverse

    from core.work import counted

    admin_index = reverse("challenges_admin:index")
    return [
        *counted(_("待发布的榜单"), admin_index, board["submitted"], urgent=True),
        *counted(
            _("待确认的揭榜保证金"), reverse("payments_admin_record_transfer"), board["unpaid"]
        ),
        *counted(
            _("待答复的公示异议"),
            admin_index,
            objections,
            urgent=True,
        ),
    ]
