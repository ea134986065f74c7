from django import template
from django.utils.translation import gettext_lazy as _

from .. import stats
from ..models import Stage

register = template.Library()


@register.filter
def stage_label(code: str) -> str:
    try:
        return str(Stage(code).label)
    except ValueError:
        return code


@register.inclusion_tag("brokerage/includes/listing_funnel.html")
def listing_funnel(listing):
    """For the listing owner's pages: views -> inquiries -> engagements -> contracts."""
    return {"funnel": stats.listing_funnel(listing)}


@register.inclusion_tag("brokerage/includes/broker_training.html")
def broker_training(broker_profile):
    """For the public broker profile: certification status and training record."""
    return {"profile": broker_profile, **stats.training_summary(broker_profile.user)}


EVENT_LABELS = {
    "opened": _("建立项目"),
    "assistant_added": _("增加协办经纪人"),
    "contacts_disclosed": _("双方联系方式公开"),
    "contact_consent": _("一方同意公开联系方式"),
    "party_added": _("添加参与人"),
    "broker_offers_allowed": _("一方授权经纪人代为报价"),
    "broker_offers_revoked": _("一方撤回经纪人代为报价授权"),
    "document": _("上传文件"),
    "commission": _("约定佣金"),
    "contract_recorded": _("录入技术合同"),
}


@register.filter
def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))
