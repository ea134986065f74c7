"""What every challenge service shares: refusals in Chinese, the audit trail, actor checks."""

from django.utils.translation import gettext as _
from django_fsm import can_proceed

from accounts.rules import is_org_admin, is_staff
from search.outbox import record_change

from ..errors import ChallengeError
from ..models import Challenge, ChallengeEvent, ChallengeStatus


def status_label(value: str) -> str:
    return str(dict(ChallengeStatus.choices).get(value, value))


def record(*, challenge: Challenge, action: str, by=None, note: str = "", before: str = "") -> None:
    ChallengeEvent.objects.create(
        challenge=challenge,
        action=action,
        from_status=before or challenge.status,
        to_status=challenge.status,
        by=by if getattr(by, "is_authenticated", False) else None,
        note=note,
    )


def move(challenge: Challenge, method: str, *, by, action_label: str, note: str = "", **kwargs):
    """Run one FSM transition, refusing with a Chinese message when the graph forbids it."""
    bound = getattr(challenge, method)
    if not can_proceed(bound):
        raise ChallengeError(
            _("榜单当前状态为「%(status)s」，不能%(action)s。")
            % {"status": status_label(challenge.status), "action": action_label}
        )
    before = challenge.status
    bound(**kwargs)
    challenge.save()
    record_change(challenge)  # the search index follows every state change, in this transaction
    if challenge.source_need_id:  # a public 榜单 stands for its need in the index (and back)
        record_change(challenge.source_need)
    record(challenge=challenge, action=method, by=by, note=note, before=before)


def require_staff(by) -> None:
    if not is_staff(by):
        raise ChallengeError(_("只有平台工作人员可以执行此操作。"))


def require_manager(challenge: Challenge, by) -> None:
    if not (is_staff(by) or is_org_admin(by, challenge)):
        raise ChallengeError(_("只有发榜单位管理员或平台工作人员可以执行此操作。"))


def require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ChallengeError(_("请填写原因。"))
    return reason


def lock(challenge: Challenge) -> Challenge:
    """Re-read the row under a lock so two clicks cannot both pass the same transition.

    The caller's instance is refreshed in place, so it reflects the new state afterwards."""
    Challenge.objects.select_for_update().filter(pk=challenge.pk).values_list("pk").first()
    challenge.refresh_from_db()
    return challenge
