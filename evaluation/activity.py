"""Readable labels of the evaluation's action types in the activity log (core.activity)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "evaluation.requested": _("申请成果评价"),
    "evaluation.consent": _("同意评价"),
    "evaluation.decline": _("拒绝评价"),
    "evaluation.accept": _("受理"),
    "evaluation.assign_expert": _("指派评审专家"),
    "evaluation.remove_expert": _("撤销专家指派"),
    "evaluation.start_scoring": _("启动评分"),
    "evaluation.open_discussion": _("进入分歧讨论"),
    "evaluation.complete": _("出具报告"),
    "evaluation.cancel": _("取消"),
    "evaluation.badge_shown": _("公开评价标识"),
    "evaluation.badge_hidden": _("隐藏评价标识"),
}
