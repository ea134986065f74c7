"""Expert review: assignment, conflict-of-interest declaration, and scores against the rubric."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..panel import PanelAssignment
from .application import Application
from .challenge import Challenge, Phase


class ExpertAssignment(PanelAssignment):
    """An expert asked to review one challenge. Scoring opens only after the declaration."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("榜单"), on_delete=models.CASCADE, related_name="assignments"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评审专家"),
        on_delete=models.PROTECT,
        related_name="challenge_assignments",
    )
    conflicted_applications = models.ManyToManyField(
        Application, verbose_name=_("需回避的申报"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("评审指派")
        verbose_name_plural = _("评审指派")
        ordering = ["challenge", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "expert"], name="one_assignment_per_expert"
            )
        ]

    def __str__(self):
        return f"{self.expert} · {self.challenge}"


class Review(models.Model):
    """One expert's scores for one application: {criterion code: 0..100} and a comment."""

    assignment = models.ForeignKey(
        ExpertAssignment, on_delete=models.CASCADE, related_name="reviews"
    )
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    phase = models.CharField(
        _("评审环节"), max_length=20, choices=Phase.choices, default=Phase.APPLICATION
    )
    scores = models.JSONField(_("各项得分"), default=dict)
    weighted_total = models.DecimalField(_("加权得分"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("评审意见"), blank=True)
    submitted_at = models.DateTimeField(_("评分时间"), auto_now=True)

    class Meta:
        verbose_name = _("专家评分")
        verbose_name_plural = _("专家评分")
        ordering = ["application", "assignment"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "application", "phase"],
                name="one_review_per_expert_application_phase",
            )
        ]

    def __str__(self):
        return f"{self.assignment.expert} → {self.application_id}: {self.weighted_total}"
