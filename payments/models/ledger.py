"""The ledger. Amounts are integers in fen (分); these rows, not Stripe, are the source of truth."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from accounts.models import Organization
from core.files import RandomName, private_storage
from core.money import format_fen


class Purpose(models.TextChoices):
    DEPOSIT = "deposit", _("揭榜保证金")
    SERVICE_FEE = "service_fee", _("平台服务费")
    PRODUCT = "product", _("付费服务")


class Channel(models.TextChoices):
    STRIPE = "stripe", _("在线支付")
    OFFLINE = "offline", _("对公转账")


class RelatedObject(models.Model):
    """What a money movement is about (a challenge, a contract...), through a generic relation."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("关联类型"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("关联编号"), null=True, blank=True)
    related = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True


class Payment(RelatedObject):
    class Status(models.TextChoices):
        CREATED = "created", _("待支付")
        PENDING = "pending", _("支付中")
        SUCCEEDED = "succeeded", _("已支付")
        FAILED = "failed", _("支付失败")
        EXPIRED = "expired", _("已过期")
        PARTIALLY_REFUNDED = "partially_refunded", _("部分退款")
        REFUNDED = "refunded", _("已退款")

    PAID_STATUSES = (Status.SUCCEEDED, Status.PARTIALLY_REFUNDED, Status.REFUNDED)
    OPEN_STATUSES = (Status.CREATED, Status.PENDING)

    number = models.CharField(_("支付单号"), max_length=32, unique=True)
    purpose = models.CharField(_("用途"), max_length=20, choices=Purpose.choices)
    description = models.CharField(_("摘要"), max_length=200)
    price = models.ForeignKey(
        "payments.Price",
        verbose_name=_("价格"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    amount_fen = models.PositiveBigIntegerField(_("金额（分）"))
    amount_refunded_fen = models.PositiveBigIntegerField(_("已退金额（分）"), default=0)
    currency = models.CharField(_("币种"), max_length=3, default="cny")
    channel = models.CharField(
        _("支付渠道"), max_length=10, choices=Channel.choices, default=Channel.STRIPE
    )
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("付款人"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    payer_organization = models.ForeignKey(
        Organization,
        verbose_name=_("付款机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    status = FSMField(_("状态"), default=Status.CREATED, choices=Status.choices, protected=False)
    failure_message = models.CharField(_("失败原因"), max_length=300, blank=True)
    stripe_checkout_session_id = models.CharField(
        _("Stripe 结账会话"), max_length=255, unique=True, null=True, blank=True
    )
    stripe_payment_intent_id = models.CharField(
        _("Stripe 支付意向"), max_length=255, blank=True, db_index=True
    )
    checkout_url = models.URLField(_("收银台地址"), max_length=2000, blank=True)
    offline_reference = models.CharField(_("转账流水号"), max_length=64, blank=True)
    offline_payer_name = models.CharField(_("付款户名"), max_length=100, blank=True)
    offline_paid_on = models.DateField(_("到账日期"), null=True, blank=True)
    offline_receipt = models.FileField(
        _("银行回单"), storage=private_storage, upload_to=RandomName("payment-receipts"), blank=True
    )
    offline_receipt_name = models.CharField(_("回单文件名"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    paid_at = models.DateTimeField(_("支付时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("支付记录")
        verbose_name_plural = _("支付记录")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "purpose"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_fen__gt=0), name="payment_amount_gt_0"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_refunded_fen__lte=models.F("amount_fen")),
                name="payment_refund_within_amount",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.description}"

    @property
    def is_paid(self) -> bool:
        return self.status in self.PAID_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    # Stripe's events drive these; a transition the graph forbids (a late "completed" after a
    # refund, a "failed" after success) is simply not applied.
    @transition(field=status, source=Status.CREATED, target=Status.PENDING)
    def await_payment(self):
        pass

    @transition(
        field=status,
        source=[Status.CREATED, Status.PENDING, Status.FAILED, Status.EXPIRED],
        target=Status.SUCCEEDED,
    )
    def succeed(self, at):
        self.paid_at = at
        self.failure_message = ""

    @transition(field=status, source=[Status.CREATED, Status.PENDING], target=Status.FAILED)
    def fail(self, message: str):
        self.failure_message = message[:300]

    @transition(
        field=status, source=[Status.CREATED, Status.PENDING, Status.FAILED], target=Status.EXPIRED
    )
    def expire(self):
        pass

    @transition(
        field=status,
        source=[Status.SUCCEEDED, Status.PARTIALLY_REFUNDED],
        target=Status.PARTIALLY_REFUNDED,
    )
    def refund_partly(self, amount_refunded_fen: int):
        self.amount_refunded_fen = amount_refunded_fen

    @transition(
        field=status,
        source=[Status.SUCCEEDED, Status.PARTIALLY_REFUNDED],
        target=Status.REFUNDED,
    )
    def refund_fully(self):
        self.amount_refunded_fen = self.amount_fen


class Refund(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("退款中")
        SUCCEEDED = "succeeded", _("已退款")
        FAILED = "failed", _("退款失败")
        CANCELED = "canceled", _("已取消")

    # Money that is on its way back or already back; failed and canceled refunds free it again.
    HOLDING_STATUSES = (Status.PENDING, Status.SUCCEEDED)

    payment = models.ForeignKey(
        Payment, verbose_name=_("原支付"), on_delete=models.PROTECT, related_name="refunds"
    )
    amount_fen = models.PositiveBigIntegerField(_("退款金额（分）"))
    reason = models.CharField(_("退款原因"), max_length=300)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    stripe_refund_id = models.CharField(
        _("Stripe 退款"), max_length=255, unique=True, null=True, blank=True
    )
    failure_message = models.CharField(_("失败原因"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    succeeded_at = models.DateTimeField(_("到账时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("退款记录")
        verbose_name_plural = _("退款记录")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_fen__gt=0), name="refund_amount_gt_0")
        ]

    def __str__(self):
        return f"{self.payment.number} −¥{format_fen(self.amount_fen)}"


class Payout(RelatedObject):
    """A milestone payment of a bounty to the winning team (the milestone is `related`).

    Money held as deposit is paid out first (source ESCROW, `payment` is that deposit); what the
    deposit does not cover is transferred by the challenge's organization itself and recorded here
    too (source DIRECT, no `payment`), so the ledger shows every yuan of the bounty.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待拨付")
        PAID = "paid", _("已拨付")
        CANCELED = "canceled", _("已取消")

    class Source(models.TextChoices):
        ESCROW = "escrow", _("平台托管保证金")
        DIRECT = "direct", _("发榜单位直接支付")

    HOLDING_STATUSES = (Status.PENDING, Status.PAID)

    source = models.CharField(
        _("资金来源"), max_length=10, choices=Source.choices, default=Source.ESCROW
    )
    payment = models.ForeignKey(
        Payment,
        verbose_name=_("来源保证金"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payouts",
    )
    payee = models.ForeignKey(
        Organization,
        verbose_name=_("收款机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payouts",
    )
    payee_name = models.CharField(_("收款方"), max_length=200, blank=True)
    milestone = models.CharField(_("里程碑"), max_length=120)
    amount_fen = models.PositiveBigIntegerField(_("拨付金额（分）"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    bank_reference = models.CharField(_("银行流水号"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    paid_at = models.DateTimeField(_("拨付时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("拨付记录")
        verbose_name_plural = _("拨付记录")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_fen__gt=0), name="payout_amount_gt_0"),
            models.CheckConstraint(
                condition=models.Q(source="direct", payment__isnull=True)
                | models.Q(source="escrow", payment__isnull=False),
                name="payout_escrow_has_deposit",
            ),
        ]

    def __str__(self):
        return f"{self.payee_name or self.payee} · {self.milestone}"
