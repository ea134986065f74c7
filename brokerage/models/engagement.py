"""Engagements (技术经纪项目): a broker's deal from first contact to a registered contract."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from accounts.models import Organization
from core.models import Industry, LoggedModel
from marketplace.models import Achievement, Inquiry, Need, TransferMode


class Stage(models.TextChoices):
    LEAD = "lead", _("线索")
    CONTACTED = "contacted", _("对接")
    NEGOTIATING = "negotiating", _("洽谈")
    AGREED = "agreed", _("签约")
    CONTRACT_REGISTERED = "contract_registered", _("技术合同登记")
    CLOSED_WON = "closed_won", _("成交")
    CLOSED_LOST = "closed_lost", _("未成交")


OPEN_STAGES = [
    Stage.LEAD,
    Stage.CONTACTED,
    Stage.NEGOTIATING,
    Stage.AGREED,
    Stage.CONTRACT_REGISTERED,
]
PIPELINE = [*OPEN_STAGES, Stage.CLOSED_WON]

# How long an engagement should sit in each open stage before the broker and staff hear about it.
STAGE_TARGET_DAYS = {
    Stage.LEAD: 3,
    Stage.CONTACTED: 14,
    Stage.NEGOTIATING: 45,
    Stage.AGREED: 30,
    Stage.CONTRACT_REGISTERED: 30,
}


class LostReason(models.TextChoices):
    PRICE_GAP = "price_gap", _("价格差距")
    MATURITY = "maturity", _("技术成熟度不足")
    IP_ISSUE = "ip_issue", _("知识产权问题")
    NO_RESPONSE = "no_response", _("对方无回应")
    COMPETITOR = "competitor", _("选择了其他方案")
    OTHER = "other", _("其他")


class Side(models.TextChoices):
    SUPPLY = "supply", _("供给方")
    DEMAND = "demand", _("需求方")


class Engagement(FSMModelMixin, LoggedModel):
    """Who brokers what between whom; the stage machine below is driven only by services."""

    activity_prefix = "engagement"

    title = models.CharField(_("项目名称"), max_length=200)
    lead_broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("主办经纪人"),
        on_delete=models.PROTECT,
        related_name="led_engagements",
    )
    assistants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("协办经纪人"),
        blank=True,
        related_name="assisted_engagements",
    )
    industry = models.ForeignKey(
        Industry, verbose_name=_("产业"), on_delete=models.PROTECT, related_name="+"
    )
    transfer_mode = models.CharField(
        _("转化方式"), max_length=20, choices=TransferMode.choices, blank=True
    )
    # Supply side (供给方): usually an achievement and the organization that owns it.
    achievement = models.ForeignKey(
        Achievement,
        verbose_name=_("科技成果"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
    )
    supply_organization = models.ForeignKey(
        Organization,
        verbose_name=_("供给方机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supply_engagements",
    )
    supply_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("供给方联系人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Demand side (需求方): a need (揭榜挂帅 needs included) or simply an interested enterprise.
    need = models.ForeignKey(
        Need,
        verbose_name=_("技术需求"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
    )
    demand_organization = models.ForeignKey(
        Organization,
        verbose_name=_("需求方机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demand_engagements",
    )
    demand_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("需求方联系人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    inquiries = models.ManyToManyField(
        Inquiry, verbose_name=_("来源咨询"), blank=True, related_name="engagements"
    )
    stage = FSMField(_("阶段"), default=Stage.LEAD, choices=Stage.choices, protected=True)
    stage_entered_at = models.DateTimeField(_("进入当前阶段时间"), default=timezone.now)
    lost_reason = models.CharField(
        _("未成交原因"), max_length=20, choices=LostReason.choices, blank=True
    )
    lost_note = models.TextField(_("未成交说明"), blank=True)
    contacts_disclosed_at = models.DateTimeField(_("联系方式公开时间"), null=True, blank=True)
    commission_rate = models.DecimalField(
        _("佣金比例"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.3"))],
        help_text=_("按技术交易额计算，如 0.03 表示 3%"),
    )
    commission_fixed_cny = models.DecimalField(
        _("固定佣金（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    overdue_notified_at = models.DateTimeField(_("超期提醒时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("经纪项目")
        verbose_name_plural = _("经纪项目")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(commission_rate__isnull=True)
                | models.Q(commission_fixed_cny__isnull=True),
                name="engagement_one_commission_basis",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("brokerage:engagement", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    @property
    def contacts_disclosed(self) -> bool:
        return self.contacts_disclosed_at is not None

    @property
    def due_at(self):
        days = STAGE_TARGET_DAYS.get(self.stage)
        return self.stage_entered_at + timedelta(days=days) if days is not None else None

    @property
    def is_overdue(self) -> bool:
        return self.due_at is not None and self.due_at < timezone.now()

    # The graph only; services record who/when/why and the side effects.
    @transition(field=stage, source=Stage.LEAD, target=Stage.CONTACTED)
    def contact(self):
        pass

    @transition(field=stage, source=Stage.CONTACTED, target=Stage.NEGOTIATING)
    def negotiate(self):
        pass

    @transition(field=stage, source=Stage.NEGOTIATING, target=Stage.AGREED)
    def agree(self):
        pass

    @transition(field=stage, source=Stage.AGREED, target=Stage.CONTRACT_REGISTERED)
    def register_contract(self):
        pass

    @transition(field=stage, source=Stage.CONTRACT_REGISTERED, target=Stage.CLOSED_WON)
    def win(self):
        pass

    @transition(field=stage, source=OPEN_STAGES, target=Stage.CLOSED_LOST)
    def lose(self, reason: str, detail: str):
        self.lost_reason, self.lost_note = reason, detail


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("introduction ledger is append-only")

    def delete(self):
        raise PermissionError("introduction ledger is append-only")


class Introduction(models.Model):
    """引荐记录: the broker's first introduction of a party; never edited, never deleted.

    It is the evidence for the broker's commission if the parties later deal around the broker.
    A PostgreSQL trigger (migration 0002) refuses UPDATE and DELETE as well.
    """

    engagement = models.ForeignKey(
        Engagement, on_delete=models.PROTECT, related_name="introductions"
    )
    side = models.CharField(_("引荐对象"), max_length=10, choices=Side.choices)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="introductions_made"
    )
    introduced_at = models.DateTimeField(_("引荐时间"), auto_now_add=True)
    note = models.TextField(_("说明"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("引荐记录")
        verbose_name_plural = _("引荐记录")
        ordering = ["introduced_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "side"], name="introduction_once_a_side")
        ]

    def __str__(self):
        return f"{self.engagement} · {self.get_side_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("introduction ledger is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("introduction ledger is append-only")


class ContactConsent(models.Model):
    """One party agreeing to reveal its direct contact details to the other side."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="consents")
    side = models.CharField(_("一方"), max_length=10, choices=Side.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("同意时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("联系方式公开同意")
        verbose_name_plural = _("联系方式公开同意")
        constraints = [
            models.UniqueConstraint(fields=["engagement", "side"], name="contact_consent_once")
        ]

    def __str__(self):
        return f"{self.engagement} · {self.get_side_display()}"


class EngagementParty(models.Model):
    """A member an organization's owner or admin added to its side of the engagement.

    Without such a row only the side's contact person and its organization's owners and admins
    speak for the side (see selectors.side_of).
    """

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="parties")
    side = models.CharField(_("一方"), max_length=10, choices=Side.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("项目参与人")
        verbose_name_plural = _("项目参与人")
        constraints = [
            models.UniqueConstraint(fields=["engagement", "user"], name="engagement_party_once")
        ]

    def __str__(self):
        return f"{self.engagement} · {self.get_side_display()} · {self.user}"
