"""The broker's working material on an engagement: notes, tasks, documents, meetings."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import RandomName, private_storage

from .engagement import Engagement


class Note(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("跟进记录")
        verbose_name_plural = _("跟进记录")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.body[:40]


class Task(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("待办事项"), max_length=200)
    due_on = models.DateField(_("截止日期"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("负责人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="brokerage_tasks",
    )
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("待办")
        verbose_name_plural = _("待办")
        ordering = ["done_at", "due_on", "id"]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()


class Document(models.Model):
    class Kind(models.TextChoices):
        NDA = "nda", _("保密协议")
        TERM_SHEET = "term_sheet", _("合作意向书")
        DRAFT_CONTRACT = "draft_contract", _("合同草案")
        OTHER = "other", _("其他材料")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文件类型"), max_length=20, choices=Kind.choices)
    file = models.FileField(
        _("文件"), upload_to=RandomName("engagement-docs"), storage=private_storage
    )
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("项目文件")
        verbose_name_plural = _("项目文件")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.original_name


class Meeting(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("会议主题"), max_length=200)
    starts_at = models.DateTimeField(_("时间"))
    location = models.CharField(_("地点/方式"), max_length=200, blank=True)
    summary = models.TextField(_("纪要"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("会谈")
        verbose_name_plural = _("会谈")
        ordering = ["starts_at", "id"]

    def __str__(self):
        return self.title
