"""Platform roles held by a person (technology broker, review expert) and account requests."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .core import Organization, Region


class BrokerProfile(models.Model):
    """技术经纪人: certified by platform staff; the public profile shows only once certified."""

    class Certification(models.TextChoices):
        DRAFT = "draft", _("未提交")
        PENDING = "pending", _("审核中")
        CERTIFIED = "certified", _("已认证")
        REJECTED = "rejected", _("未通过")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="broker_profile"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("所属服务机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="brokers",
    )
    certificate_number = models.CharField(_("技术经纪人证书编号"), max_length=40)
    # The industries staff certified: inquiries are routed and claimable only in these. A
    # certified broker's further industries wait in `requested_specialties` for staff.
    specialties = models.ManyToManyField(
        "core.Industry", verbose_name=_("擅长产业"), blank=True, related_name="+"
    )
    requested_specialties = models.ManyToManyField(
        "core.Industry",
        verbose_name=_("待认证的擅长产业"),
        blank=True,
        related_name="+",
    )
    service_regions = models.JSONField(_("服务地区"), default=list, blank=True)
    years_of_experience = models.PositiveSmallIntegerField(_("从业年限"), default=0)
    bio = models.TextField(_("个人简介"), blank=True)
    public_phone = models.CharField(_("对外联系电话"), max_length=30, blank=True)
    certification_status = models.CharField(
        _("认证状态"),
        max_length=20,
        choices=Certification.choices,
        default=Certification.DRAFT,
    )
    rejection_reason = models.TextField(_("未通过原因"), blank=True)
    certified_at = models.DateTimeField(_("认证时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("技术经纪人")
        verbose_name_plural = _("技术经纪人")
        ordering = ["-certified_at", "-id"]

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("accounts:broker_profile", args=[self.pk])

    @property
    def is_certified(self) -> bool:
        return self.certification_status == self.Certification.CERTIFIED

    @property
    def awaits_review(self) -> bool:
        """Staff have something to decide: the whole profile, or industries it added."""
        return self.certification_status == self.Certification.PENDING or (
            self.is_certified and self.requested_specialties.exists()
        )

    def get_service_regions_display(self) -> list[str]:
        labels = dict(Region.choices)
        return [str(labels.get(code, code)) for code in self.service_regions]


class ExpertProfile(models.Model):
    """评审专家: appointed by staff; challenge review assigns applications to experts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile"
    )
    title = models.CharField(_("职称"), max_length=60, blank=True)
    affiliation = models.CharField(_("工作单位"), max_length=120, blank=True)
    fields = models.ManyToManyField(
        "core.Industry", verbose_name=_("评审领域"), blank=True, related_name="+"
    )
    expertise = models.CharField(
        _("研究方向"), max_length=200, blank=True, help_text=_("多个方向用顿号分隔")
    )
    is_active = models.BooleanField(_("在库"), default=True)
    created_at = models.DateTimeField(_("入库时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("评审专家")
        verbose_name_plural = _("评审专家")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} · {self.title}" if self.title else str(self.user)


class AccountDeletionRequest(models.Model):
    """A user's request to close their account: after a cooling-off period the scheduled job
    `erase_deleted_accounts` removes or anonymises their personal data (accounts.services.erasure);
    until then the user may withdraw it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("冷静期中")
        DONE = "done", _("已注销")
        WITHDRAWN = "withdrawn", _("已撤回")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="deletion_requests",
    )
    email = models.EmailField(_("账户邮箱"))
    reason = models.TextField(_("注销原因"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    erase_after = models.DateTimeField(_("冷静期至"), null=True, blank=True)
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("注销申请")
        verbose_name_plural = _("注销申请")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_deletion_request_per_user",
            )
        ]

    def __str__(self):
        return self.email
