"""Who may see and do what with evaluations (django-rules predicates)."""

import rules

from accounts.rules import is_org_admin, is_org_member, is_staff

from .models import ExpertAssignment


@rules.predicate
def is_owner_member(user, evaluation) -> bool:
    return evaluation is not None and is_org_member(user, evaluation.achievement)


@rules.predicate
def is_owner_admin(user, evaluation) -> bool:
    return evaluation is not None and is_org_admin(user, evaluation.achievement)


@rules.predicate
def is_requester(user, evaluation) -> bool:
    if evaluation is None or not getattr(user, "is_authenticated", False):
        return False
    if evaluation.requested_by_id == user.pk:
        return True
    org = evaluation.requester_organization
    return org is not None and is_org_member(user, org)


@rules.predicate
def is_panel_expert(user, evaluation) -> bool:
    """Assigned to this evaluation and not stepped back for a conflict."""
    if evaluation is None or not getattr(user, "is_authenticated", False):
        return False
    return ExpertAssignment.objects.filter(
        evaluation=evaluation, expert=user, has_conflict=False
    ).exists()


@rules.predicate
def is_assignment_expert(user, assignment) -> bool:
    return bool(
        assignment is not None
        and getattr(user, "is_authenticated", False)
        and assignment.expert_id == user.pk
    )


# The report (scores, anonymised comments, PDF): owner, requester, staff.
rules.add_perm("evaluation.view_report", is_owner_member | is_requester | is_staff)
rules.add_perm("evaluation.consent", is_owner_admin)
rules.add_perm("evaluation.publish_badge", is_owner_admin)
rules.add_perm("evaluation.score", is_assignment_expert)
rules.add_perm("evaluation.discuss", is_panel_expert | is_staff)
rules.add_perm("evaluation.manage", is_staff)
