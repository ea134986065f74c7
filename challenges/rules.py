"""Who may do what with challenges, applications and reviews (django-rules predicates)."""

import rules

from accounts.rules import is_expert, is_org_admin, is_org_member, is_staff

from . import selectors
from .models import Application, Confidentiality, ExpertAssignment


@rules.predicate
def is_application_lead(user, application) -> bool:
    return bool(
        application is not None
        and getattr(user, "is_authenticated", False)
        and application.lead_id == user.pk
    )


@rules.predicate
def is_lead_org_admin(user, application) -> bool:
    if application is None or application.lead_organization_id is None:
        return False
    return is_org_admin(user, application.lead_organization)


@rules.predicate
def is_assigned_expert(user, application) -> bool:
    """An expert of the challenge who has not declared a conflict with this application."""
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    assignment = ExpertAssignment.objects.filter(
        challenge_id=application.challenge_id, expert=user
    ).first()
    if assignment is None or not application.is_submitted:
        return False
    return not assignment.conflicted_applications.filter(pk=application.pk).exists()


@rules.predicate
def is_challenge_manager(user, challenge) -> bool:
    return bool(challenge is not None and (is_staff(user) or is_org_admin(user, challenge)))


@rules.predicate
def is_challenge_owner_member(user, challenge) -> bool:
    return bool(challenge is not None and is_org_member(user, challenge))


@rules.predicate
def read_attachment(user, challenge) -> bool:
    """Who may download a challenge's attachment. Staff and the owner's members always; once the
    challenge is public: anyone for a public attachment; otherwise its assigned experts, and
    applicants who have *submitted* (a draft is not enough), for 涉密 only after accepting the
    confidentiality pledge (保密承诺)."""
    if challenge is None:
        return False
    if is_staff(user) or is_challenge_owner_member(user, challenge):
        return True
    if challenge.status not in selectors.PUBLIC_STATUSES:
        return False
    if challenge.confidentiality == Confidentiality.PUBLIC:
        return True
    if selectors.is_expert_of(user, challenge):
        return True
    if not selectors.submitted_applications_of(user, challenge).exists():
        return False
    return challenge.confidentiality != Confidentiality.CONFIDENTIAL or selectors.has_pledged(
        user, challenge
    )


@rules.predicate
def may_pledge(user, challenge) -> bool:
    """A submitted applicant of a 涉密 challenge who has not pledged yet."""
    return bool(
        challenge is not None
        and challenge.confidentiality == Confidentiality.CONFIDENTIAL
        and selectors.submitted_applications_of(user, challenge).exists()
        and not selectors.has_pledged(user, challenge)
    )


@rules.predicate
def is_chief_scientist(user, challenge) -> bool:
    """The live chief scientist (领衔专家) of a 组阁制 challenge: nominated, accepted, approved."""
    if challenge is None or not getattr(user, "is_authenticated", False):
        return False
    appointment = selectors.live_appointment(challenge)
    return appointment is not None and appointment.chief_id == user.pk


@rules.predicate
def is_appointed_chief(user, appointment) -> bool:
    return bool(
        appointment is not None
        and getattr(user, "is_authenticated", False)
        and appointment.chief_id == user.pk
    )


@rules.predicate
def read_stage_result(user, result) -> bool:
    """A 赛马制 stage result file: its team's side, the owner, staff, and the challenge's experts
    who have not declared a conflict with that team (the ones who score it)."""
    if result is None:
        return False
    application = result.milestone.application
    challenge = result.milestone.challenge
    if is_staff(user) or is_challenge_manager(user, challenge):
        return True
    if is_application_lead(user, application) or is_lead_org_admin(user, application):
        return True
    return is_assigned_expert(user, application)


@rules.predicate
def leads_the_milestones_team(user, milestone) -> bool:
    """Hands in a 赛马制 stage result: the lead of the milestone's team (views ask the predicate
    itself, so no superuser writes in a team's name)."""
    return milestone is not None and is_application_lead(user, milestone.application)


def can_view_application(user, application: Application) -> bool:
    return bool(
        is_application_lead(user, application)
        or is_lead_org_admin(user, application)
        or is_staff(user)
    )


rules.add_perm("challenges.manage_challenge", is_challenge_manager)
# 转为榜单: a need becomes a draft 榜单 by its organization's administrators (or staff).
rules.add_perm("challenges.promote_need", is_org_admin | is_staff)
rules.add_perm("challenges.view_application", is_application_lead | is_lead_org_admin | is_staff)
rules.add_perm("challenges.change_application", is_application_lead)
rules.add_perm("challenges.review_application", is_assigned_expert)
# The proposal PDF: the team's side and the experts who review it.
rules.add_perm(
    "challenges.read_proposal",
    is_application_lead | is_lead_org_admin | is_staff | is_assigned_expert,
)
rules.add_perm("challenges.review", is_expert | is_staff)
rules.add_perm("challenges.run_workflow", is_staff)
rules.add_perm("challenges.read_attachment", read_attachment)
# 组阁制: the page of the chief scientist and the team, for the owner, staff and the chief.
rules.add_perm("challenges.view_cabinet", is_challenge_manager | is_chief_scientist)
rules.add_perm("challenges.lead_cabinet", is_appointed_chief)
# 赛马制 stage gate: the side-by-side comparison for the owner and staff; the results' files.
rules.add_perm("challenges.view_stage_gate", is_challenge_manager)
rules.add_perm("challenges.decide_stage_gate", is_staff)
rules.add_perm("challenges.read_stage_result", read_stage_result)
