"""The challenge (揭榜挂帅榜单) itself: what is asked, on what terms, and where it stands."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from accounts.models import Organization
from core.files import RandomName, keep_upload_name, private_storage
from core.models import LoggedModel

from ..validators import validate_attachment


class Mechanism(models.TextChoices):
    OPEN_CALL = "open_call", _("揭榜制")
    HORSE_RACE = "horse_race", _("赛马制")
    CHIEF_SCIENTIST = "chief_scientist", _("组阁制")


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("公开")
    INTERNAL = "internal", _("仅申报方可见附件")
    CONFIDENTIAL = "confidential", _("涉密（签署保密承诺后获取详情）")


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("征集中")
    CLOSED = "closed", _("已截止")
    UNDER_REVIEW = "under_review", _("评审中")
    ANNOUNCED = "announced", _("公示中")
    AWARDED = "awarded", _("已揭榜")
    IN_PROGRESS = "in_progress", _("攻关中")
    COMPLETED = "completed", _("已完成")
    CANCELLED = "cancelled", _("已取消")
    FAILED = "failed", _("已流榜")


S = ChallengeStatus
CANCELLABLE = [S.DRAFT, S.SUBMITTED, S.PUBLISHED, S.CLOSED, S.UNDER_REVIEW, S.ANNOUNCED]
FAILABLE = [S.CLOSED, S.UNDER_REVIEW, S.ANNOUNCED, S.AWARDED, S.IN_PROGRESS]
# Seen by the public: from publication on, whatever the outcome.
PUBLIC_STATUSES = [
    S.PUBLISHED,
    S.CLOSED,
    S.UNDER_REVIEW,
    S.ANNOUNCED,
    S.AWARDED,
    S.IN_PROGRESS,
    S.COMPLETED,
    S.FAILED,
]

# 技术方案 40, 团队 25, 预算 15, 可行性 20: the centre's standard rubric, editable per challenge.
DEFAULT_RUBRIC = [
    ("technical", _("技术方案"), 40),
    ("team", _("团队实力"), 25),
    ("budget", _("经费预算"), 15),
    ("feasibility", _("可行性"), 20),
]


class Challenge(LoggedModel):
    """揭榜挂帅榜单: a key technical problem posted with a bounty by an enterprise or government."""

    activity_prefix = "challenge"

    # For pages that reach 榜单 through a relation without importing this app (the CMS's
    # challenge calls): which are public, and which an editor may put on a call.
    PUBLIC_STATUSES = PUBLIC_STATUSES
    CALL_STATUSES = [S.SUBMITTED, *PUBLIC_STATUSES]
    # For payments (below this app): the deposit is paid or topped up only before going live.
    DEPOSIT_STATUSES = (S.DRAFT, S.SUBMITTED)

    organization = models.ForeignKey(
        Organization, verbose_name=_("发榜单位"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("榜单名称"), max_length=200)
    problem_statement = models.TextField(_("攻关任务与问题描述"))
    industry = models.ForeignKey(
        "core.Industry", verbose_name=_("产业"), on_delete=models.PROTECT, related_name="+"
    )
    mechanism = models.CharField(
        _("揭榜方式"), max_length=20, choices=Mechanism.choices, default=Mechanism.OPEN_CALL
    )
    bounty_cny = models.DecimalField(
        _("榜额（元）"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("揭榜成功后支付给揭榜团队的奖励金额"),
    )
    total_budget_cny = models.DecimalField(
        _("项目总投入（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    deadline = models.DateTimeField(_("申报截止时间"), help_text=_("北京时间"))
    delivery_months = models.PositiveSmallIntegerField(
        _("攻关周期（月）"), default=12, validators=[MinValueValidator(1)]
    )
    eligibility = models.TextField(_("揭榜条件"), blank=True)
    ip_terms = models.TextField(_("知识产权归属"), blank=True)
    confidentiality = models.CharField(
        _("保密等级"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.PUBLIC,
    )
    attachment = models.FileField(
        _("附件"),
        upload_to=RandomName("challenge-attachments"),
        storage=private_storage,
        blank=True,
        validators=[validate_attachment],
    )
    attachment_name = models.CharField(_("附件文件名"), max_length=200, blank=True)
    blind_review = models.BooleanField(
        _("匿名评审"), default=False, help_text=_("评审专家看不到申报团队及其单位名称")
    )
    stage_one_slots = models.PositiveSmallIntegerField(
        _("赛马制第一阶段入围数"),
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(10)],
        help_text=_("仅赛马制：第一阶段并行支持的团队数上限"),
    )
    announcement_working_days = models.PositiveSmallIntegerField(
        _("公示期（工作日）"), default=5, validators=[MinValueValidator(1)]
    )
    source_need = models.OneToOneField(
        "marketplace.Need",
        verbose_name=_("来源需求"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promoted_challenge",
    )
    status = FSMField(_("状态"), default=S.DRAFT, choices=S.choices, protected=False)
    status_note = models.TextField(_("状态说明"), blank=True, help_text=_("退回、取消或流榜原因"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("截止处理时间"), null=True, blank=True)
    announced_at = models.DateTimeField(_("公示开始"), null=True, blank=True)
    announcement_ends_at = models.DateTimeField(_("公示结束"), null=True, blank=True)
    announcement_note = models.TextField(_("公示说明"), blank=True)
    awarded_at = models.DateTimeField(_("揭榜时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("揭榜挂帅榜单")
        verbose_name_plural = _("揭榜挂帅榜单")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_budget_cny__isnull=True)
                | models.Q(total_budget_cny__gte=models.F("bounty_cny")),
                name="challenge_budget_covers_bounty",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        keep_upload_name(self, "attachment", "attachment_name", kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("challenges:detail", args=[self.pk])

    def clean(self):
        super().clean()
        if (
            self.total_budget_cny is not None
            and self.bounty_cny is not None
            and self.total_budget_cny < self.bounty_cny
        ):
            raise ValidationError({"total_budget_cny": _("项目总投入不能低于榜额")})

    @property
    def is_open(self) -> bool:
        return self.status == S.PUBLISHED and timezone.now() < self.deadline

    @property
    def is_horse_race(self) -> bool:
        return self.mechanism == Mechanism.HORSE_RACE

    @property
    def accepts_deposit(self) -> bool:
        """The owner may pay or top up the deposit (payments reads this, as refuses_payments)."""
        return self.status in self.DEPOSIT_STATUSES

    @property
    def refuses_payments(self) -> bool:
        """A deposit arriving now is refunded (payments reads this of what it is paid for)."""
        return self.status in (S.CANCELLED, S.FAILED)

    @property
    def objections_open(self) -> bool:
        return (
            self.status == S.ANNOUNCED
            and self.announcement_ends_at is not None
            and timezone.now() < self.announcement_ends_at
        )

    # The graph only; services check permissions and preconditions and write the audit trail.
    @transition(field=status, source=S.DRAFT, target=S.SUBMITTED)
    def submit(self):
        self.status_note = ""

    @transition(field=status, source=S.SUBMITTED, target=S.DRAFT)
    def return_to_draft(self, reason: str):
        self.status_note = reason

    @transition(field=status, source=S.SUBMITTED, target=S.PUBLISHED)
    def publish(self):
        self.published_at = timezone.now()

    @transition(field=status, source=S.PUBLISHED, target=S.CLOSED)
    def close(self):
        self.closed_at = timezone.now()

    @transition(field=status, source=S.CLOSED, target=S.UNDER_REVIEW)
    def start_review(self):
        pass

    @transition(field=status, source=S.UNDER_REVIEW, target=S.ANNOUNCED)
    def announce(self, ends_at, text: str):
        self.announced_at = timezone.now()
        self.announcement_ends_at = ends_at
        self.announcement_note = text

    @transition(field=status, source=S.ANNOUNCED, target=S.UNDER_REVIEW)
    def reopen_review(self, reason: str):
        self.status_note = reason
        self.announced_at = None
        self.announcement_ends_at = None

    @transition(field=status, source=S.ANNOUNCED, target=S.AWARDED)
    def award(self):
        self.awarded_at = timezone.now()

    @transition(field=status, source=S.AWARDED, target=S.IN_PROGRESS)
    def start_delivery(self):
        pass

    @transition(field=status, source=S.IN_PROGRESS, target=S.COMPLETED)
    def complete(self):
        self.completed_at = timezone.now()

    @transition(field=status, source=CANCELLABLE, target=S.CANCELLED)
    def cancel(self, reason: str):
        self.status_note = reason

    @transition(field=status, source=FAILABLE, target=S.FAILED)
    def fail(self, reason: str):
        self.status_note = reason


class Indicator(models.Model):
    """A measurable technical target (技术指标) with its unit, e.g. 漏检率 ≤ 0.5 %."""

    class Comparator(models.TextChoices):
        AT_LEAST = "gte", "≥"
        AT_MOST = "lte", "≤"
        EQUAL = "eq", "="

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("指标名称"), max_length=100)
    comparator = models.CharField(
        _("比较"), max_length=3, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    target_value = models.DecimalField(_("目标值"), max_digits=14, decimal_places=4)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("技术指标")
        verbose_name_plural = _("技术指标")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.name} {self.get_comparator_display()} {self.target_display}"

    @property
    def target_display(self) -> str:
        value = self.target_value.normalize() if self.target_value is not None else ""
        return f"{value:f}{self.unit}" if value != "" else ""


class Phase(models.TextChoices):
    """What a rubric line or an expert's score is for: the applications, or (赛马制) the
    stage-one results at the stage gate. One rubric machinery, two uses."""

    APPLICATION = "application", _("申报评审")
    STAGE_GATE = "stage_gate", _("赛马阶段评审")


# 指标完成度 40, 技术成熟度 25, 成本与推广 20, 进度与经费执行 15: the stage gate's default.
DEFAULT_STAGE_GATE_RUBRIC = [
    ("indicators", _("指标完成度"), 40),
    ("maturity", _("技术成熟度"), 25),
    ("cost", _("成本与推广前景"), 20),
    ("execution", _("进度与经费执行"), 15),
]


class RubricCriterion(models.Model):
    """One line of a challenge's scoring rubric; the weights of a challenge add up to 100."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="rubric")
    phase = models.CharField(
        _("评审环节"), max_length=20, choices=Phase.choices, default=Phase.APPLICATION
    )
    code = models.SlugField(_("代码"), max_length=30)
    name = models.CharField(_("评分项"), max_length=60)
    weight = models.PositiveSmallIntegerField(
        _("权重（%）"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("评分细则")
        verbose_name_plural = _("评分细则")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "phase", "code"], name="rubric_code_unique_per_phase"
            )
        ]

    def __str__(self):
        return f"{self.name}（{self.weight}%）"

    @property
    def label(self) -> str:
        """The name in the reader's language: the standard criteria (DEFAULT_RUBRIC and the
        stage gate's) are stored by their source text, which the catalogue translates; a
        name an owner wrote stays as written."""
        return gettext(self.name) if self.name else ""


class Objection(models.Model):
    """An objection (异议) filed during the public notice period, and the answer to it."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="objections")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("异议人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content = models.TextField(_("异议内容"))
    filed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["filed_at", "id"]

    def __str__(self):
        return self.content[:40]

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
