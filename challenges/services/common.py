"""What every challenge service shares: refusals in Chinese, the audit trail, actor checks."""

from django.utils.translation import gettext as _

from accounts.rules import is_org_admin, is_staff
from core.transitions import apply_transition, lock
from search.outbox import record_change

from ..errors import ChallengeError
from ..models import Challenge

__all__ = ["lock", "move", "record", "require_manager", "require_reason", "require_staff"]


def record(*, challenge: Challenge, action: str, by=None, note: str = "", before: str = ""):
    """The challenge's entry "challenge.<action>" in the activity log, with its status then."""
    data = {"field": "status", "from": before or challenge.status, "to": challenge.status}
    return challenge.log_action(f"challenge.{action}", by=by, data={**data, "note": note})


def move(challenge: Challenge, method: str, *, by, action_label: str, note: str = "", **kwargs):
    """Run one FSM transition (core.transitions), refusing in the challenge's words."""
    apply_transition(
        challenge,
        method,
        by=by,
        label=action_label,
        error=ChallengeError,
        refusal=_("榜单当前状态为「%(status)s」，不能%(action)s。"),
        note=note,
        arguments=kwargs,
    )
    record_change(challenge)  # the search index follows every state change, in this transaction
    if challenge.source_need_id:  # a public 榜单 stands for its need in the index (and back)
        record_change(challenge.source_need)


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
