"""Applications (揭榜申报): one per team per challenge, the team being its lead (负责人/技术总师).

A team is identified by its lead person: a person leads at most one application per challenge,
and an organization is the lead unit (牵头单位) of at most one. Members from other
organizations join as team members, never as a second application.
"""

import string
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from wagtail.fields import RichTextField

from accounts.models import Organization
from core.files import RandomName, keep_upload_name, private_storage

from ..validators import validate_pdf
from .challenge import Challenge, Indicator


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    WITHDRAWN = "withdrawn", _("已撤回")


class Award(models.TextChoices):
    NONE = "", _("未入选")
    WINNER = "winner", _("揭榜成功")
    STAGE_ONE = "stage_one", _("赛马第一阶段入围")
    STAGE_TWO = "stage_two", _("赛马第二阶段胜出")
    STAGE_TWO_OUT = "stage_two_out", _("赛马第二阶段未入选")


def proposal_upload_to(instance, filename: str) -> str:
    # Only the first migrations name it; proposals now get random names in private storage.
    return f"challenge-proposals/{instance.challenge_id}/{filename}"


class Application(models.Model):
    challenge = models.ForeignKey(
        Challenge, verbose_name=_("榜单"), on_delete=models.CASCADE, related_name="applications"
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("负责人（技术总师）"),
        on_delete=models.PROTECT,
        related_name="challenge_applications",
    )
    lead_organization = models.ForeignKey(
        Organization,
        verbose_name=_("牵头单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    team_name = models.CharField(_("团队名称"), max_length=100)
    lead_title = models.CharField(_("负责人职称"), max_length=60, blank=True)
    proposal = RichTextField(_("技术方案"), blank=True)
    proposal_pdf = models.FileField(
        _("技术方案 PDF"),
        upload_to=RandomName("challenge-proposals"),
        storage=private_storage,
        blank=True,
        validators=[validate_pdf],
    )
    proposal_pdf_name = models.CharField(_("技术方案文件名"), max_length=200, blank=True)
    budget_plan = models.TextField(_("经费预算方案"), blank=True)
    requested_amount_cny = models.DecimalField(
        _("申请经费（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    milestone_plan = models.TextField(_("进度与里程碑计划"), blank=True)
    declares_ip = models.BooleanField(_("知识产权声明"), default=False)
    declares_no_conflict = models.BooleanField(_("无利益冲突声明"), default=False)
    declares_truthful = models.BooleanField(_("材料真实性承诺"), default=False)
    status = FSMField(
        _("状态"),
        default=ApplicationStatus.DRAFT,
        choices=ApplicationStatus.choices,
        protected=False,
    )
    blind_code = models.CharField(_("匿名编号"), max_length=4, blank=True)
    total_score = models.DecimalField(
        _("综合得分"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveSmallIntegerField(_("排名"), null=True, blank=True)
    award = models.CharField(
        _("揭榜结果"), max_length=20, choices=Award.choices, default=Award.NONE, blank=True
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("揭榜申报")
        verbose_name_plural = _("揭榜申报")
        ordering = ["rank", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "lead"], name="one_application_per_lead_per_challenge"
            ),
            models.UniqueConstraint(
                fields=["challenge", "lead_organization"],
                condition=models.Q(lead_organization__isnull=False),
                name="one_application_per_lead_org_per_challenge",
            ),
        ]

    def __str__(self):
        return f"{self.team_name} · {self.challenge}"

    def save(self, *args, **kwargs):
        keep_upload_name(self, "proposal_pdf", "proposal_pdf_name", kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("challenges:application", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.status == ApplicationStatus.SUBMITTED

    @property
    def declarations_complete(self) -> bool:
        return self.declares_ip and self.declares_no_conflict and self.declares_truthful

    @property
    def is_awarded(self) -> bool:
        return self.award in (Award.WINNER, Award.STAGE_ONE, Award.STAGE_TWO)

    def display_name(self, *, blind: bool) -> str:
        """The team as an expert may see it: its blind code when the review is anonymous."""
        if blind:
            return _("申报团队 %(code)s") % {"code": self.blind_code or "?"}
        org = f"（{self.lead_organization}）" if self.lead_organization_id else ""
        return f"{self.team_name}{org}"

    @transition(
        field=status,
        source=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN],
        target=ApplicationStatus.SUBMITTED,
    )
    def submit(self, at):
        self.submitted_at = at

    @transition(
        field=status, source=ApplicationStatus.SUBMITTED, target=ApplicationStatus.WITHDRAWN
    )
    def withdraw(self):
        pass


def blind_codes(count: int) -> list[str]:
    """A, B, ... Z, AA, AB ...: stable anonymous labels in submission order."""
    letters = string.ascii_uppercase
    codes = []
    for i in range(count):
        code = ""
        n = i
        while True:
            code = letters[n % 26] + code
            n = n // 26 - 1
            if n < 0:
                break
        codes.append(code)
    return codes


class TeamMember(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("姓名"), max_length=60)
    organization_name = models.CharField(_("所在单位"), max_length=120)
    title = models.CharField(_("职称/职务"), max_length=60, blank=True)
    role = models.CharField(_("分工"), max_length=100, blank=True)
    # 组阁制 only: the chief scientist's budget split, and the account of an invited member.
    budget_cny = models.DecimalField(
        _("分配经费（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("团队成员")
        verbose_name_plural = _("团队成员")
        ordering = ["id"]

    def __str__(self):
        return f"{self.name}（{self.organization_name}）"


class IndicatorResponse(models.Model):
    """How the team will meet one technical indicator (指标响应)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="indicator_responses"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    promised_value = models.CharField(_("承诺值"), max_length=60, blank=True)
    approach = models.TextField(_("实现途径"), blank=True)

    class Meta:
        verbose_name = _("指标响应")
        verbose_name_plural = _("指标响应")
        ordering = ["indicator__order", "indicator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "indicator"], name="one_response_per_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator.name}: {self.promised_value}"
