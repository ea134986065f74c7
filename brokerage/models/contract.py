"""Technology contracts (技术合同) and broker training records (技术经纪人培训)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .engagement import Engagement

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class TechContract(models.Model):
    class Type(models.TextChoices):
        DEVELOPMENT = "development", _("技术开发")
        TRANSFER = "transfer", _("技术转让")
        LICENSE = "license", _("技术许可")
        CONSULTING = "consulting", _("技术咨询")
        SERVICE = "service", _("技术服务")

    engagement = models.OneToOneField(Engagement, on_delete=models.PROTECT, related_name="contract")
    contract_type = models.CharField(_("合同类型"), max_length=20, choices=Type.choices)
    title = models.CharField(_("合同名称"), max_length=200)
    supply_party = models.CharField(_("卖方（受托方/让与方）"), max_length=120)
    demand_party = models.CharField(_("买方（委托方/受让方）"), max_length=120)
    amount_cny = models.DecimalField(_("合同金额（元）"), **MONEY)
    tech_amount_cny = models.DecimalField(
        _("技术交易额（元）"),
        help_text=_("合同金额中属于技术部分的金额，用于认定登记和佣金计算"),
        **MONEY,
    )
    payment_schedule = models.TextField(
        _("付款安排"), help_text=_("每行一期，如：签约后10日内支付30%")
    )
    signed_on = models.DateField(_("签订日期"))
    term_start = models.DateField(_("履行期限自"))
    term_end = models.DateField(_("履行期限至"))
    registration_number = models.CharField(
        _("认定登记编号"), max_length=40, unique=True, null=True, blank=True
    )
    registered_on = models.DateField(_("认定登记日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("技术合同")
        verbose_name_plural = _("技术合同")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tech_amount_cny__lte=models.F("amount_cny")),
                name="contract_tech_amount_within_amount",
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__gte=models.F("term_start")),
                name="contract_term_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.amount_cny is not None and self.tech_amount_cny is not None:
            if self.tech_amount_cny > self.amount_cny:
                errors["tech_amount_cny"] = _("技术交易额不能高于合同金额")
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = _("履行期限结束日期不能早于开始日期")
        if errors:
            raise ValidationError(errors)

    @property
    def is_registered(self) -> bool:
        return bool(self.registration_number)


class TrainingRecord(models.Model):
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经纪人"),
        on_delete=models.CASCADE,
        related_name="training_records",
    )
    course = models.CharField(_("课程名称"), max_length=200)
    provider = models.CharField(_("培训机构"), max_length=120, blank=True)
    hours = models.DecimalField(
        _("学时"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    completed_on = models.DateField(_("结业日期"))
    certificate_number = models.CharField(_("结业证书编号"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")
        ordering = ["-completed_on", "-id"]

    def __str__(self):
        return f"{self.broker} · {self.course}"
