"""Confidential attachments: who pledged to keep a challenge's materials secret, and who
downloaded them. Both are append-only evidence for the owner and the platform."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.display import local_minute

from .challenge import Challenge


class ConfidentialityPledge(models.Model):
    """保密承诺: an applicant's acceptance, with the text they accepted, when and from where."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("榜单"), on_delete=models.CASCADE, related_name="pledges"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承诺人"),
        on_delete=models.PROTECT,
        related_name="challenge_pledges",
    )
    statement = models.TextField(_("承诺内容"))
    accepted_at = models.DateTimeField(_("承诺时间"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)

    class Meta:
        verbose_name = _("保密承诺")
        verbose_name_plural = _("保密承诺")
        ordering = ["-accepted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="one_pledge_per_user")
        ]

    def __str__(self):
        return f"{self.user} · {self.challenge}"


class AttachmentDownload(models.Model):
    """One download of a challenge's attachment: who, when, from which address."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("榜单"), on_delete=models.CASCADE, related_name="downloads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("下载人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    at = models.DateTimeField(_("下载时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("附件下载记录")
        verbose_name_plural = _("附件下载记录")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.user or '-'} · {self.challenge} · {local_minute(self.at)}"
