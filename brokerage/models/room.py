"""The negotiation room (洽谈室): persisted chat messages, files, offers and read positions."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from core.files import RandomName, private_storage
from marketplace.models import TransferMode

from .engagement import Engagement, Side


class RoomFile(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="room_files")
    file = models.FileField(_("文件"), upload_to=RandomName("room-files"), storage=private_storage)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("洽谈文件")
        verbose_name_plural = _("洽谈文件")

    def __str__(self):
        return self.original_name


class Offer(models.Model):
    """A structured offer (报价): price, payment terms, transfer mode; the other side answers."""

    class Status(models.TextChoices):
        OPEN = "open", _("待答复")
        ACCEPTED = "accepted", _("已接受")
        COUNTERED = "countered", _("已还价")
        DECLINED = "declined", _("已拒绝")
        SUPERSEDED = "superseded", _("已被新报价取代")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="offers")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    side = models.CharField(_("报价方"), max_length=10, choices=Side.choices)
    # Tabled by a broker in the side's name (BrokerOfferConsent); made_by is then the broker.
    by_broker = models.BooleanField(_("经纪人代为报价"), default=False)
    price_cny = models.DecimalField(
        _("价格（元）"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    payment_terms = models.CharField(_("付款方式"), max_length=300)
    transfer_mode = models.CharField(_("转化方式"), max_length=20, choices=TransferMode.choices)
    counter_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="counters"
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OPEN)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("报价时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("报价")
        verbose_name_plural = _("报价")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_side_display()} ¥{self.price_cny}"


class Message(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("文字")
        FILE = "file", _("文件")
        OFFER = "offer", _("报价")
        SYSTEM = "system", _("系统消息")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="messages")
    # The room's own counter, 1, 2, 3… (see next_seq); clients order by it.
    seq = models.PositiveIntegerField(_("序号"), editable=False)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    body = models.TextField(_("内容"), blank=True)
    # System lines keep their source message and parameters too, so each reader gets them in
    # their own language (notifications.messages); body holds the Chinese text.
    body_key = models.CharField(_("消息模板"), max_length=200, blank=True)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    file = models.ForeignKey(RoomFile, null=True, blank=True, on_delete=models.PROTECT)
    offer = models.ForeignKey(Offer, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("洽谈消息")
        verbose_name_plural = _("洽谈消息")
        ordering = ["id"]
        indexes = [models.Index(fields=["engagement", "id"])]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "seq"], name="room_message_seq_once")
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.seq is None:
            with transaction.atomic():
                self.seq = next_seq(self.engagement_id)
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)


def next_seq(engagement_id: int) -> int:
    """The room's next seq, under a lock on the engagement row held until commit: so each
    room's seq (and id) grows in commit order, without holes, and a client that sees seq n+2
    right after n knows it missed one."""
    Engagement.objects.select_for_update().filter(pk=engagement_id).values_list("pk").get()
    last = Message.objects.filter(engagement_id=engagement_id).aggregate(last=models.Max("seq"))
    return (last["last"] or 0) + 1


class BrokerOfferConsent(models.Model):
    """One side allowing the engagement's brokers to put offers on the table in its name.

    Brokers may table an offer only while both sides allow it; a side revokes by deleting its row.
    """

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="broker_offer_consents"
    )
    side = models.CharField(_("一方"), max_length=10, choices=Side.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("同意时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("经纪人代为报价授权")
        verbose_name_plural = _("经纪人代为报价授权")
        constraints = [
            models.UniqueConstraint(fields=["engagement", "side"], name="broker_offer_consent_once")
        ]

    def __str__(self):
        return f"{self.engagement} · {self.get_side_display()}"


class ReadPosition(models.Model):
    """Read receipts: the last message each member has seen."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_id = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["engagement", "user"], name="read_position_unique")
        ]

    def __str__(self):
        return f"{self.user} · {self.last_read_id}"
