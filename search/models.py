"""Search app tables: the indexing outbox, match feedback and saved searches."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexTask(models.Model):
    """索引任务: one row per change of a listing, written in the same transaction as the change.

    Rows carry no payload: the drainer reads the listing's current state, so replaying a row twice
    gives the same index document (idempotent) and the order of rows does not matter.
    """

    class Kind(models.TextChoices):
        ACHIEVEMENT = "achievement", _("科技成果")
        NEED = "need", _("技术需求")
        CHALLENGE = "challenge", _("揭榜挂帅榜单")

    kind = models.CharField(_("对象类型"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), default=timezone.now)
    last_error = models.TextField(_("最近错误"), blank=True)

    class Meta:
        verbose_name = _("索引任务")
        verbose_name_plural = _("索引任务")
        ordering = ["id"]
        indexes = [models.Index(fields=["next_attempt_at", "id"])]

    def __str__(self):
        return f"{self.kind}#{self.object_id}"


class MatchFeedback(models.Model):
    """匹配反馈: a viewer's verdict on one (need, achievement) pair."""

    class Verdict(models.TextChoices):
        RELEVANT = "relevant", _("相关")
        NOT_RELEVANT = "not_relevant", _("不相关")

    class Reason(models.TextChoices):
        WRONG_FIELD = "wrong_field", _("领域不对")
        TOO_EARLY = "too_early", _("成熟度太低")
        TOO_EXPENSIVE = "too_expensive", _("价格太高")
        ALREADY_SOLVED = "already_solved", _("已经解决")
        OTHER = "other", _("其他")

    need = models.ForeignKey(
        "marketplace.Need", verbose_name=_("技术需求"), on_delete=models.CASCADE, related_name="+"
    )
    achievement = models.ForeignKey(
        "marketplace.Achievement",
        verbose_name=_("科技成果"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("反馈机构"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("反馈人"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    verdict = models.CharField(_("结论"), max_length=20, choices=Verdict.choices)
    reason = models.CharField(_("原因"), max_length=20, choices=Reason.choices, blank=True)
    note = models.TextField(_("补充说明"), blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("匹配反馈")
        verbose_name_plural = _("匹配反馈")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "achievement", "user"], name="match_feedback_once_per_user"
            )
        ]

    def __str__(self):
        return f"{self.need_id}↔{self.achievement_id}: {self.verdict}"


class SavedSearch(models.Model):
    """保存的检索 (我的订阅): a query plus filters; new hits are emailed as a digest."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("每天")
        WEEKLY = "weekly", _("每周")
        PAUSED = "paused", _("暂停推送")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField(_("名称"), max_length=80)
    query = models.CharField(_("关键词"), max_length=200, blank=True)
    filters = models.JSONField(_("筛选条件"), default=dict, blank=True)
    frequency = models.CharField(
        _("推送频率"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_notified_at = models.DateTimeField(_("上次推送"), null=True, blank=True)

    class Meta:
        verbose_name = _("保存的检索")
        verbose_name_plural = _("保存的检索")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    @property
    def querystring(self) -> str:
        """The search page's query string that runs this search again."""
        from urllib.parse import urlencode

        params = [("q", self.query)] if self.query else []
        for name, values in sorted((self.filters or {}).items()):
            values = [values] if isinstance(values, str) else values
            params += [(name, v) for v in values]
        return urlencode(params)
