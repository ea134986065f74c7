"""What belongs to an organization besides its members: verification papers and invitations."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import RandomName, keep_upload_name, private_storage

from .core import Membership, Organization

INVITATION_LIFETIME = timedelta(days=14)


def verification_upload_to(instance, filename: str) -> str:
    # Only the first migrations name it; documents now get random names in private storage.
    return f"verification/{instance.organization_id}/{secrets.token_hex(8)}/{filename}"


class VerificationDocument(models.Model):
    class Kind(models.TextChoices):
        BUSINESS_LICENSE = "business_license", _("营业执照 / 法人登记证书")
        AUTHORIZATION = "authorization", _("机构授权书")
        ID_CARD = "id_card", _("经办人身份证明")
        OTHER = "other", _("其他材料")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="verification_documents"
    )
    kind = models.CharField(_("材料类型"), max_length=20, choices=Kind.choices)
    file = models.FileField(
        _("文件"), upload_to=RandomName("verification"), storage=private_storage
    )
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("认证材料")
        verbose_name_plural = _("认证材料")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.organization} · {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        keep_upload_name(self, "file", "filename", kwargs)
        super().save(*args, **kwargs)


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


def invitation_expiry():
    return timezone.now() + INVITATION_LIFETIME


class Invitation(models.Model):
    """An org admin's invitation for an email address to join with a role."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("受邀邮箱"))
    role = models.CharField(
        _("角色"),
        max_length=10,
        choices=[(Membership.Role.ADMIN, _("管理员")), (Membership.Role.MEMBER, _("成员"))],
        default=Membership.Role.MEMBER,
    )
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("邀请时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("接受时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("成员邀请")
        verbose_name_plural = _("成员邀请")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
