"""Who may do what with challenges, applications and reviews (django-rules predicates)."""

import rules

from accounts.rules import is_expert, is_org_admin, is_org_member, is_staff

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
def can_read_attachment(user, challenge) -> bool:
    """Who gets the challenge's attachment (the detail page is visible to them already):
    everyone when it is public; otherwise the owner's managers, staff and the applying teams."""
    if challenge is None:
        return False
    if challenge.confidentiality == Confidentiality.PUBLIC:
        return True
    if is_challenge_manager(user, challenge):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and challenge.applications.filter(lead=user).exists()
    )


def can_view_application(user, application: Application) -> bool:
    return bool(
        is_application_lead(user, application)
        or is_lead_org_admin(user, application)
        or is_staff(user)
    )


rules.add_perm("challenges.manage_challenge", is_challenge_manager)
rules.add_perm("challenges.view_application", is_application_lead | is_lead_org_admin | is_staff)
rules.add_perm("challenges.change_application", is_application_lead)
rules.add_perm("challenges.review_application", is_assigned_expert)
rules.add_perm("challenges.read_attachment", can_read_attachment)
# The proposal PDF: the team's side and the experts who review it.
rules.add_perm(
    "challenges.read_proposal",
    is_application_lead | is_lead_org_admin | is_staff | is_assigned_expert,
)
rules.add_perm("challenges.review", is_expert | is_staff)
rules.add_perm("challenges.run_workflow", is_staff)
