"""What every evaluation service shares: refusals in Chinese, transitions, actor checks."""

from django.utils.translation import gettext as _
from django_fsm import can_proceed

from accounts.rules import is_staff
from accounts.selectors import organization_admins

from ..errors import EvaluationError
from ..models import EvaluationRequest, Status


def status_label(value: str) -> str:
    return str(dict(Status.choices).get(value, value))


def move(evaluation: EvaluationRequest, method: str, *, action_label: str, **kwargs) -> None:
    """Run one FSM transition, refusing with a Chinese message when the graph forbids it."""
    bound = getattr(evaluation, method)
    if not can_proceed(bound):
        raise EvaluationError(
            _("评价当前状态为「%(status)s」，不能%(action)s。")
            % {"status": status_label(evaluation.status), "action": action_label}
        )
    bound(**kwargs)
    evaluation.save()


def lock(evaluation: EvaluationRequest) -> EvaluationRequest:
    """Re-read the row under a lock so two clicks cannot both pass the same transition."""
    EvaluationRequest.objects.select_for_update().filter(pk=evaluation.pk).values_list("pk").first()
    evaluation.refresh_from_db()
    return evaluation


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
