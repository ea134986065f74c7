"""Security audit log: append-only, read by staff in the Wagtail admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("登录")
        LOGIN_FAILED = "login_failed", _("登录失败")
        LOGOUT = "logout", _("退出")
        MFA_ACTIVATED = "mfa_activated", _("启用两步验证")
        MFA_DEACTIVATED = "mfa_deactivated", _("停用两步验证")
        ORG_CREATED = "org_created", _("创建机构")
        MEMBER_INVITED = "member_invited", _("邀请成员")
        MEMBER_JOINED = "member_joined", _("成员加入")
        MEMBER_REMOVED = "member_removed", _("移除成员")
        ROLE_CHANGED = "role_changed", _("角色变更")
        OWNERSHIP_TRANSFERRED = "ownership_transferred", _("转让负责人")
        VERIFICATION_SUBMITTED = "verification_submitted", _("提交机构认证")
        VERIFICATION_APPROVED = "verification_approved", _("机构认证通过")
        VERIFICATION_REJECTED = "verification_rejected", _("机构认证驳回")
        BROKER_SUBMITTED = "broker_submitted", _("提交经纪人认证")
        BROKER_CERTIFIED = "broker_certified", _("经纪人认证通过")
        BROKER_REJECTED = "broker_rejected", _("经纪人认证驳回")
        DELETION_REQUESTED = "deletion_requested", _("申请注销账户")
        DELETION_WITHDRAWN = "deletion_withdrawn", _("撤回注销申请")
        ACCOUNT_ERASED = "account_erased", _("账户已注销，个人信息已删除")
        OFFLINE_PAYMENT = "offline_payment", _("登记对公转账")
        PERMISSION_DENIED = "permission_denied", _("越权访问被拒绝")

    kind = models.CharField(_("事件"), max_length=30, choices=Kind.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_email = models.CharField(_("操作人邮箱"), max_length=254, blank=True)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("涉及用户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("涉及机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    path = models.CharField(_("访问路径"), max_length=300, blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("安全审计日志")
        verbose_name_plural = _("安全审计日志")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.actor_email or '-'}"
