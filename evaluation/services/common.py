"""What every evaluation service shares: refusals in Chinese, transitions, actor checks."""

from django.utils.translation import gettext as _

from accounts.rules import is_staff
from accounts.selectors import organization_admins
from core.transitions import apply_transition, lock

from ..errors import EvaluationError
from ..models import EvaluationRequest

__all__ = ["lock", "move", "owner_admins", "require_staff", "requesters"]


def move(
    evaluation: EvaluationRequest,
    method: str,
    *,
    action_label: str,
    actor=None,
    note: str = "",
    **kwargs,
) -> None:
    """Run one FSM transition (core.transitions), refusing in the evaluation's words; `actor`
    (None: the system) is who the activity log names, `kwargs` go to the transition."""
    apply_transition(
        evaluation,
        method,
        by=actor,
        label=action_label,
        error=EvaluationError,
        refusal=_("评价当前状态为「%(status)s」，不能%(action)s。"),
        note=note,
        arguments=kwargs,
    )


def require_staff(by) -> None:
    if not is_staff(by):
        raise EvaluationError(_("只有平台工作人员可以执行此操作。"))


def owner_admins(evaluation: EvaluationRequest):
    """Owners and admins of the achievement's organization: they consent and publish the badge."""
    return organization_admins(evaluation.achievement.organization_id)


def requesters(evaluation: EvaluationRequest):
    users = [evaluation.requested_by]
    if evaluation.requester_organization_id:
        users += organization_admins(evaluation.requester_organization_id)
    return users
