"""The events that produce notifications, and whether each goes by email unless the user opts out.

Later features (matching, challenges, brokers, payments) add their events here.
"""

from django.utils.translation import gettext_lazy as _

EVENTS: dict[str, tuple[str, bool]] = {
    # code: (label shown in preferences, email by default)
    "listing_approved": (_("发布审核通过"), True),
    "listing_rejected": (_("发布审核未通过"), True),
    "listing_submitted": (_("有新的待审核发布"), False),
    "inquiry_received": (_("收到意向咨询"), True),
    "inquiry_answered": (_("发布方处理了我的意向咨询"), False),
    "inquiry_reply": (_("意向对话有新回复"), True),
    "annex_requested": (_("保密附件申请"), True),
    "annex_decided": (_("保密附件申请结果"), True),
    "import_finished": (_("批量导入完成"), False),
    "match_found": (_("发现高匹配度的成果或需求"), True),
    "engagement_assigned": (_("技术经纪项目分配"), True),
    "inquiry_taken": (_("技术经纪人承接了我的意向咨询"), True),
    "engagement_agreed": (_("技术经纪项目达成签约"), True),
    "engagement_overdue": (_("技术经纪项目超期提醒"), True),
    "inquiry_for_brokers": (_("有新的待认领意向咨询"), True),
}


def label(event: str) -> str:
    return str(EVENTS.get(event, (event, False))[0])


def emails_by_default(event: str) -> bool:
    return EVENTS.get(event, ("", False))[1]
