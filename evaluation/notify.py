"""Evaluation events for the notifications app."""

from django.utils.translation import gettext_lazy as _

EVENTS: dict[str, tuple[str, bool]] = {
    "evaluation_requested": (_("有新的成果评价申请"), False),
    "evaluation_consent_needed": (_("成果评价需要您同意"), True),
    "evaluation_consent_decided": (_("成果方对评价申请的答复"), True),
    "evaluation_accepted": (_("成果评价已受理"), True),
    "evaluation_expert_assigned": (_("成果评价评审任务"), True),
    "evaluation_disagreement": (_("成果评价专家意见分歧"), True),
    "evaluation_completed": (_("成果评价报告已出具"), True),
}
