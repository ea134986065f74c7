"""What Stripe told us (webhook events) and what reconciliation found."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.display import local_minute
from core.money import format_fen


class StripeEvent(models.Model):
    """Each verified webhook event, stored once: a second delivery of the same id is a no-op."""

    event_id = models.CharField(_("事件编号"), max_length=255, unique=True)
    type = models.CharField(_("事件类型"), max_length=100)
    created = models.DateTimeField(_("Stripe 创建时间"))
    payload = models.JSONField(_("内容"))
    outcome = models.CharField(_("处理结果"), max_length=300, blank=True)
    payment = models.ForeignKey(
        "payments.Payment",
        verbose_name=_("支付记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stripe_events",
    )
    received_at = models.DateTimeField(_("接收时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("Stripe 事件")
        verbose_name_plural = _("Stripe 事件")
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return f"{self.event_id} {self.type}"


class ReconciliationRun(models.Model):
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    checked = models.PositiveIntegerField(_("核对笔数"), default=0)
    mismatch_count = models.PositiveIntegerField(_("差异笔数"), default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("执行人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("对账批次")
        verbose_name_plural = _("对账批次")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{local_minute(self.started_at)} ({self.mismatch_count})"


class Mismatch(models.Model):
    class Kind(models.TextChoices):
        STATUS = "status", _("状态不一致")
        AMOUNT = "amount", _("金额不一致")
        CURRENCY = "currency", _("币种不一致")
        MISSING = "missing", _("Stripe 无此对象")
        UNRECORDED = "unrecorded", _("账本无此收款")
        UNREACHABLE = "unreachable", _("无法查询")

    run = models.ForeignKey(
        ReconciliationRun,
        verbose_name=_("对账批次"),
        on_delete=models.CASCADE,
        related_name="mismatches",
    )
    kind = models.CharField(_("差异类型"), max_length=12, choices=Kind.choices)
    payment = models.ForeignKey(
        "payments.Payment",
        verbose_name=_("支付记录"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    refund = models.ForeignKey(
        "payments.Refund",
        verbose_name=_("退款记录"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    stripe_id = models.CharField(_("Stripe 对象"), max_length=255)
    ours = models.CharField(_("本平台账面"), max_length=120)
    theirs = models.CharField(_("Stripe 返回"), max_length=120)
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution_note = models.TextField(_("处理说明"), blank=True)

    class Meta:
        verbose_name = _("对账差异")
        verbose_name_plural = _("对账差异")
        ordering = ["-run__started_at", "id"]

    def __str__(self):
        kind, ours, theirs = self.get_kind_display(), self.ours_display, self.theirs_display
        return f"{kind} {self.stripe_id}: {ours} ≠ {theirs}"

    def _readable(self, value: str) -> str:
        """Amounts are stored as Stripe gives them (fen); people read yuan."""
        if self.kind == self.Kind.AMOUNT and value.isdigit():
            return f"¥{format_fen(int(value))}"
        return value

    @property
    def ours_display(self) -> str:
        return self._readable(self.ours)

    @property
    def theirs_display(self) -> str:
        return self._readable(self.theirs)
