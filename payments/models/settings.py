from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="doc-full")
class BankTransferSettings(BaseGenericSetting):
    """The center's account for 对公转账, shown on every pay page (the only way when Stripe is not
    configured, next to the online button when it is)."""

    account_name = models.CharField(_("收款户名"), max_length=100, default="临沂市技术成果交易中心")
    bank_name = models.CharField(
        _("开户银行"), max_length=100, default="中国工商银行临沂分行营业部"
    )
    account_number = models.CharField(
        _("收款账号"), max_length=40, default="1610 0012 0902 4888 888"
    )
    instructions = models.TextField(
        _("转账说明"),
        blank=True,
        default=_(
            "请在转账附言中填写下方的付款识别码；财务核对到账后登记，一般 1 个工作日内生效。"
        ),
    )

    class Meta:
        verbose_name = _("对公转账账户")
