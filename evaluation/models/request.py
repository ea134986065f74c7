"""One evaluation of one achievement: the request, its experts, their scores and the report."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from accounts.models import Organization
from challenges.panel import PanelAssignment
from core.display import local_minute
from core.models import LoggedModel

from .scheme import Category


class Status(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", _("待成果方同意")
    AWAITING_PAYMENT = "awaiting_payment", _("待支付")
    ACCEPTED = "accepted", _("已受理")
    SCORING = "scoring", _("专家评分中")
    DISCUSSION = "discussion", _("分歧讨论中")
    COMPLETED = "completed", _("已出具报告")
    DECLINED = "declined", _("成果方未同意")
    CANCELLED = "cancelled", _("已取消")


S = Status
OPEN_STATUSES = (S.AWAITING_CONSENT, S.AWAITING_PAYMENT, S.ACCEPTED, S.SCORING, S.DISCUSSION)


class EvaluationRequest(LoggedModel):
    activity_prefix = "evaluation"

    achievement = models.ForeignKey(
        "marketplace.Achievement",
        verbose_name=_("科技成果"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    category = models.CharField(_("成果类别"), max_length=20, choices=Category.choices)
    status = FSMField(_("状态"), default=S.AWAITING_CONSENT, choices=S.choices, protected=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.PROTECT,
        related_name="evaluation_requests",
    )
    requester_organization = models.ForeignKey(
        Organization,
        verbose_name=_("申请机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose = models.CharField(_("评价用途"), max_length=200, blank=True)
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consented_at = models.DateTimeField(_("成果方同意时间"), null=True, blank=True)
    price = models.ForeignKey(
        "payments.Price",
        verbose_name=_("服务规格"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    fee_waived = models.BooleanField(_("中心资助免费"), default=False)
    waiver_reason = models.CharField(_("免费原因"), max_length=200, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    # Frozen when scoring starts, so staff editing the scheme never changes a running evaluation.
    scheme = models.JSONField(_("评价方案快照"), default=dict, blank=True)
    dimension_scores = models.JSONField(_("各维度得分"), default=dict, blank=True)
    spreads = models.JSONField(_("专家分差"), default=dict, blank=True)
    overall_score = models.DecimalField(
        _("综合得分"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    has_disagreement = models.BooleanField(_("存在分歧"), default=False)
    moderation_note = models.TextField(_("分歧讨论结论"), blank=True)
    summary = models.TextField(_("评价结论"), blank=True)
    verification_code = models.CharField(
        _("报告验证码"), max_length=24, unique=True, null=True, blank=True
    )
    issued_at = models.DateTimeField(_("报告出具时间"), null=True, blank=True)
    badge_public = models.BooleanField(_("公开评价标识"), default=False)
    closing_reason = models.CharField(_("关闭原因"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("成果评价")
        verbose_name_plural = _("成果评价")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="completed")
                | (
                    models.Q(verification_code__isnull=False)
                    & models.Q(overall_score__isnull=False)
                ),
                name="completed_evaluation_has_code_and_score",
            ),
            models.CheckConstraint(
                condition=models.Q(badge_public=False) | models.Q(status="completed"),
                name="badge_only_on_completed_evaluation",
            ),
        ]

    def __str__(self):
        return f"{self.achievement} · {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_completed(self) -> bool:
        return self.status == S.COMPLETED

    @property
    def refuses_payments(self) -> bool:
        """A fee arriving now is refunded (payments reads this of what it is paid for)."""
        return self.status in (S.CANCELLED, S.DECLINED)

    @property
    def overall_rounded(self) -> int | None:
        return self.round_overall(self.overall_score)

    @staticmethod
    def round_overall(score: Decimal | None) -> int | None:
        if score is None:
            return None
        return int(score.quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @property
    def requested_by_owner(self) -> bool:
        return self.requester_organization_id in (None, self.achievement.organization_id)

    # The graph; services check who may move it and record the side effects.
    @transition(field=status, source=S.AWAITING_CONSENT, target=S.AWAITING_PAYMENT)
    def consent(self, *, by, at):
        self.consented_by, self.consented_at = by, at

    @transition(field=status, source=S.AWAITING_CONSENT, target=S.DECLINED)
    def decline(self, *, reason: str):
        self.closing_reason = reason

    @transition(field=status, source=S.AWAITING_PAYMENT, target=S.ACCEPTED)
    def accept(self, *, at):
        self.accepted_at = at

    @transition(field=status, source=S.ACCEPTED, target=S.SCORING)
    def start_scoring(self, *, scheme: dict):
        self.scheme = scheme

    @transition(field=status, source=S.SCORING, target=S.DISCUSSION)
    def open_discussion(self):
        pass

    @transition(field=status, source=[S.SCORING, S.DISCUSSION], target=S.COMPLETED)
    def complete(self, *, summary: str, code: str, at):
        self.summary, self.verification_code, self.issued_at = summary, code, at

    @transition(
        field=status,
        source=[S.AWAITING_CONSENT, S.AWAITING_PAYMENT, S.ACCEPTED],
        target=S.CANCELLED,
    )
    def cancel(self, *, reason: str):
        self.closing_reason = reason


class ExpertAssignment(PanelAssignment):
    """An expert asked to evaluate; scoring opens only after the conflict declaration."""

    evaluation = models.ForeignKey(
        EvaluationRequest,
        verbose_name=_("成果评价"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评审专家"),
        on_delete=models.PROTECT,
        related_name="evaluation_assignments",
    )
    has_conflict = models.BooleanField(_("存在利益冲突（回避）"), default=False)
    comment = models.TextField(_("专家意见"), blank=True)
    submitted_at = models.DateTimeField(_("提交评分时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评价专家指派")
        verbose_name_plural = _("评价专家指派")
        ordering = ["evaluation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "expert"], name="one_evaluation_assignment_per_expert"
            )
        ]

    def __str__(self):
        return f"{self.expert} · {self.evaluation}"

    @property
    def can_score(self) -> bool:
        return self.has_declared and not self.has_conflict

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class IndicatorScore(models.Model):
    """One expert's score on one indicator, with the evidence it rests on (required)."""

    assignment = models.ForeignKey(
        ExpertAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(
        "evaluation.Indicator", verbose_name=_("指标"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(
        _("得分"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    evidence = models.TextField(_("评分依据"))
    updated_at = models.DateTimeField(_("评分时间"), auto_now=True)

    class Meta:
        verbose_name = _("指标评分")
        verbose_name_plural = _("指标评分")
        ordering = ["assignment", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "indicator"], name="one_score_per_assignment_indicator"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=100),
                name="indicator_score_0_100",
            ),
            models.CheckConstraint(
                condition=~models.Q(evidence=""), name="indicator_score_has_evidence"
            ),
        ]

    def __str__(self):
        return f"{self.assignment_id} · {self.indicator_id}: {self.score}"


class DiscussionMessage(models.Model):
    """分歧讨论: staff moderate, experts speak under their anonymous label."""

    evaluation = models.ForeignKey(
        EvaluationRequest, on_delete=models.CASCADE, related_name="discussion"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("发言"))
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("分歧讨论发言")
        verbose_name_plural = _("分歧讨论发言")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.author} @ {local_minute(self.created_at)}"
