"""Challenge events for the notifications app."""

from django.utils.translation import gettext_lazy as _

EVENTS: dict[str, tuple[str, bool]] = {
    "challenge_submitted": (_("有新的揭榜挂帅榜单待审核"), False),
    "challenge_published": (_("揭榜挂帅榜单已发布"), True),
    "challenge_returned": (_("揭榜挂帅榜单被退回修改"), True),
    "challenge_closed": (_("揭榜挂帅申报已截止"), True),
    "challenge_cancelled": (_("揭榜挂帅榜单已取消"), True),
    "challenge_failed": (_("揭榜挂帅榜单流榜"), True),
    "challenge_announced": (_("揭榜挂帅结果公示"), True),
    "challenge_awarded": (_("揭榜挂帅结果确定"), True),
    "challenge_application_submitted": (_("收到揭榜申报"), False),
    "challenge_expert_assigned": (_("揭榜挂帅评审任务"), True),
    "challenge_objection": (_("揭榜挂帅公示异议"), True),
    "challenge_milestone": (_("揭榜挂帅里程碑验收"), True),
}
