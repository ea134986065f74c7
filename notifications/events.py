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
    "annex_requested": (_("保密附件申请"), True),
    "annex_decided": (_("保密附件申请结果"), True),
    "import_finished": (_("批量导入完成"), False),
}


def label(event: str) -> str:
    return str(EVENTS.get(event, (event, False))[0])


def emails_by_default(event: str) -> bool:
    return EVENTS.get(event, ("", False))[1]
