"""Delivery against milestones (里程碑), their acceptance (验收) and the bounty payout schedule."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .application import Application
from .challenge import Challenge


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("进行中")
        DELIVERED = "delivered", _("已提交验收")
        ACCEPTED = "accepted", _("验收通过")
        REJECTED = "rejected", _("验收未通过")
        CANCELLED = "cancelled", _("已终止")

    class Payout(models.TextChoices):
        SCHEDULED = "scheduled", _("待验收")
        PAYABLE = "payable", _("待拨付")
        PAID = "paid", _("已拨付")
        VOID = "void", _("不予拨付")

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="milestones")
    application = models.ForeignKey(
        Application,
        verbose_name=_("承担团队"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    stage = models.PositiveSmallIntegerField(_("阶段"), default=1)
    title = models.CharField(_("里程碑"), max_length=120)
    deliverables = models.TextField(_("交付物"))
    due_date = models.DateField(_("计划完成日期"))
    payout_cny = models.DecimalField(
        _("拨付金额（元）"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    payout_status = models.CharField(
        _("拨付状态"), max_length=20, choices=Payout.choices, default=Payout.SCHEDULED
    )
    delivery_note = models.TextField(_("交付说明"), blank=True)
    delivered_at = models.DateTimeField(_("提交验收时间"), null=True, blank=True)
    acceptance_reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("验收专家"), blank=True, related_name="+"
    )
    acceptance_note = models.TextField(_("验收意见"), blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("验收人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("验收时间"), null=True, blank=True)
    paid_at = models.DateTimeField(_("拨付时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("攻关里程碑")
        verbose_name_plural = _("攻关里程碑")
        ordering = ["stage", "due_date", "id"]

    def __str__(self):
        return self.title
