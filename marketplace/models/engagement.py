"""What visitors do with a listing: attachments, inquiries, favourites, annex access."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.display import local_minute
from core.files import RandomName, private_storage

from .listings import Achievement, Need

ONE_LISTING = models.Q(achievement__isnull=False, need__isnull=True) | models.Q(
    achievement__isnull=True, need__isnull=False
)


class ListingLinkMixin(models.Model):
    """Points at exactly one achievement or need (a check constraint enforces it)."""

    achievement = models.ForeignKey(
        Achievement, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def listing(self):
        return self.achievement or self.need


class Attachment(ListingLinkMixin):
    class Kind(models.TextChoices):
        IMAGE = "image", _("图片")
        PDF = "pdf", _("PDF文档")

    # Served by marketplace:attachment, which follows the listing's visibility.
    file = models.FileField(
        _("文件"), upload_to=RandomName("listing-files"), storage=private_storage
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["uploaded_at", "id"]
        constraints = [models.CheckConstraint(condition=ONE_LISTING, name="attachment_one_listing")]

    def __str__(self):
        return self.original_name


class Inquiry(ListingLinkMixin):
    """意向咨询: a visitor's "express interest" on a listing; brokers may pick it up later."""

    class Status(models.TextChoices):
        NEW = "new", _("待处理")
        CONTACTED = "contacted", _("已联系")
        CLOSED = "closed", _("已关闭")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("咨询人"),
        on_delete=models.CASCADE,
        related_name="inquiries",
    )
    # The organization the inquirer speaks for: its owners and admins become the party of any
    # engagement opened from this inquiry (null: an individual, or an inquiry made before).
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("咨询机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("留言"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("意向咨询")
        verbose_name_plural = _("意向咨询")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=ONE_LISTING, name="inquiry_one_listing")]

    def __str__(self):
        return f"{self.user} → {self.listing}"


class InquiryReply(models.Model):
    """One message of an inquiry's conversation after the inquiry itself: the listing's owner
    answers, the inquirer writes back. Stored as written; shown through the contact-consent rule
    (contact details masked for readers who may not see the writer's contacts)."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # True: written for the listing's organization; False: by the inquirer.
    from_owner = models.BooleanField(_("发布方回复"))
    body = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("意向回复")
        verbose_name_plural = _("意向回复")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.inquiry} #{self.pk}"


class Favourite(ListingLinkMixin):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    created_at = models.DateTimeField(_("收藏时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("收藏")
        verbose_name_plural = _("收藏")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=ONE_LISTING, name="favourite_one_listing"),
            models.UniqueConstraint(
                fields=["user", "achievement"],
                condition=models.Q(achievement__isnull=False),
                name="favourite_unique_achievement",
            ),
            models.UniqueConstraint(
                fields=["user", "need"],
                condition=models.Q(need__isnull=False),
                name="favourite_unique_need",
            ),
        ]

    def __str__(self):
        return f"{self.user} ♥ {self.listing}"


class AnnexAccessRequest(models.Model):
    """A user accepted the owner's NDA terms (which version, when) to obtain the annex."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待批准")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("已拒绝")

    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, related_name="annex_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="annex_requests"
    )
    terms_version = models.PositiveSmallIntegerField(_("协议版本"))
    terms_text = models.TextField(_("接受的协议条款"))
    accepted_at = models.DateTimeField(_("接受时间"), auto_now_add=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("保密附件申请")
        verbose_name_plural = _("保密附件申请")
        ordering = ["-accepted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["achievement", "user", "terms_version"], name="annex_request_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.achievement} (v{self.terms_version})"


class AnnexDownload(models.Model):
    achievement = models.ForeignKey(
        Achievement, on_delete=models.CASCADE, related_name="annex_downloads"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    request = models.ForeignKey(AnnexAccessRequest, null=True, on_delete=models.SET_NULL)
    ip_address = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    at = models.DateTimeField(_("下载时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("保密附件下载记录")
        verbose_name_plural = _("保密附件下载记录")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.user} ↓ {self.achievement} {local_minute(self.at)}"
