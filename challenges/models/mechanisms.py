"""The two mechanisms with their own flow: 组阁制 (a chief scientist appointed first, who then
assembles the team) and the 赛马制 stage gate (stage-one results, scored side by side)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from core.files import RandomName, keep_upload_name, private_storage

from .application import Application
from .challenge import Challenge
from .delivery import Milestone


class ChiefStatus(models.TextChoices):
    NOMINATED = "nominated", _("待领衔专家确认")
    DECLINED = "declined", _("领衔专家已谢绝")
    ACCEPTED = "accepted", _("组阁中")
    SUBMITTED = "submitted", _("组阁方案评审中")
    APPROVED = "approved", _("组阁方案已批准")


C = ChiefStatus
# A challenge has at most one appointment that is not declined: the live one.
LIVE = [C.NOMINATED, C.ACCEPTED, C.SUBMITTED, C.APPROVED]


class ChiefAppointment(models.Model):
    """组阁制: the owner nominates a chief scientist (领衔专家), who accepts, then builds the team.

    The team's plan is an ordinary Application led by the chief scientist, so expert review,
    conflicts of interest, the rubric, the notice period and milestones all work unchanged.
    """

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("榜单"), on_delete=models.CASCADE, related_name="chiefs"
    )
    chief = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("领衔专家"),
        on_delete=models.PROTECT,
        related_name="chief_appointments",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    nomination_note = models.TextField(_("提名说明"), blank=True)
    status = FSMField(_("状态"), default=C.NOMINATED, choices=C.choices, protected=False)
    plan = models.OneToOneField(
        Application,
        verbose_name=_("组阁方案"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chief_appointment",
    )
    technical_route = models.TextField(_("当前技术路线"), blank=True)
    response_note = models.TextField(_("答复说明"), blank=True)
    nominated_at = models.DateTimeField(_("提名时间"), auto_now_add=True)
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("领衔专家（组阁制）")
        verbose_name_plural = _("领衔专家（组阁制）")
        ordering = ["-nominated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge"],
                condition=models.Q(status__in=LIVE),
                name="one_live_chief_per_challenge",
            )
        ]

    def __str__(self):
        return f"{self.chief} · {self.challenge}"

    @transition(field=status, source=C.NOMINATED, target=C.ACCEPTED)
    def accept(self, at, note: str = ""):
        self.responded_at, self.response_note = at, note

    @transition(field=status, source=C.NOMINATED, target=C.DECLINED)
    def decline(self, at, note: str = ""):
        self.responded_at, self.response_note = at, note

    @transition(field=status, source=C.ACCEPTED, target=C.SUBMITTED)
    def submit_plan(self):
        pass

    @transition(field=status, source=C.SUBMITTED, target=C.APPROVED)
    def approve(self):
        pass


class StageResult(models.Model):
    """赛马制: one team's result for one stage-one milestone, with its report file."""

    milestone = models.OneToOneField(
        Milestone, verbose_name=_("里程碑"), on_delete=models.CASCADE, related_name="result"
    )
    summary = models.TextField(_("成果说明"))
    file = models.FileField(
        _("成果报告"), upload_to=RandomName("challenge-stage-results"), storage=private_storage
    )
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"), auto_now=True)

    class Meta:
        verbose_name = _("赛马阶段成果")
        verbose_name_plural = _("赛马阶段成果")
        ordering = ["milestone__application", "milestone__due_date", "id"]

    def __str__(self):
        return f"{self.milestone.application.team_name} · {self.milestone.title}"

    def save(self, *args, **kwargs):
        keep_upload_name(self, "file", "file_name", kwargs)
        super().save(*args, **kwargs)

    @property
    def application(self) -> Application:
        return self.milestone.application
