from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .messages import render


class Notification(models.Model):
    """One in-site message to one user (站内消息).

    `title_key`/`body_key` hold the untranslated source strings (gettext msgids) and `params`
    their %-placeholders' values, so each reader sees the message in their own language
    (`display_title`, `display_body`). `title`/`body` keep the message in the source language
    (Chinese), for the admin and for rows written before keys existed (their keys are blank).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(_("事件"), max_length=40)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    title_key = models.CharField(_("标题原文"), max_length=300, blank=True)
    body_key = models.TextField(_("内容原文"), blank=True)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.title

    @property
    def display_title(self) -> str:
        """The title in the active language."""
        return render(self.title_key, self.params) if self.title_key else self.title

    @property
    def display_body(self) -> str:
        return render(self.body_key, self.params) if self.body_key else self.body

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailPreference(models.Model):
    """Whether one event also goes to the user by email; absent rows mean the event's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    event = models.CharField(_("事件"), max_length=40)
    email = models.BooleanField(_("发送邮件"))

    class Meta:
        verbose_name = _("邮件通知设置")
        verbose_name_plural = _("邮件通知设置")
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="email_preference_unique")
        ]

    def __str__(self):
        return f"{self.user} {self.event}: {self.email}"
