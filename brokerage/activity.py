"""Readable labels of the brokerage's action types in the activity log (core.activity)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "engagement.opened": _("建立项目"),
    "engagement.assistant_added": _("增加协办经纪人"),
    "engagement.contact": _("对接"),
    "engagement.negotiate": _("洽谈"),
    "engagement.agree": _("签约"),
    "engagement.register_contract": _("技术合同登记"),
    "engagement.win": _("成交"),
    "engagement.lose": _("未成交"),
    "engagement.contacts_disclosed": _("双方联系方式公开"),
    "engagement.contact_consent": _("一方同意公开联系方式"),
    "engagement.party_added": _("添加参与人"),
    "engagement.broker_offers_allowed": _("一方授权经纪人代为报价"),
    "engagement.broker_offers_revoked": _("一方撤回经纪人代为报价授权"),
    "engagement.document": _("上传文件"),
    "engagement.commission": _("约定佣金"),
    "engagement.contract_recorded": _("录入技术合同"),
}
