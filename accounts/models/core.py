from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..validators import validate_credit_code


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class SignupRole(models.TextChoices):
    """What a person said they represent when signing up; it only steers onboarding."""

    UNIVERSITY = "university", _("我代表高等院校")
    INSTITUTE = "institute", _("我代表科研院所")
    ENTERPRISE = "enterprise", _("我代表企业")
    BROKER = "broker", _("我是技术经纪人")


class User(AbstractUser):
    """A person. Email is the login; what they may do comes from memberships and platform roles."""

    username = None
    email = models.EmailField(_("邮箱"), unique=True)
    name = models.CharField(_("姓名"), max_length=60, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    signup_role = models.CharField(
        _("注册身份"), max_length=20, choices=SignupRole.choices, blank=True
    )
    # The language of the user's last page view (accounts.middleware.RememberLanguageMiddleware):
    # notifications e-mailed to them are written in it. Blank: the site's default.
    language = models.CharField(
        _("偏好语言"), max_length=10, choices=settings.LANGUAGES, blank=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name or self.email.split("@")[0]


class Region(models.TextChoices):
    LANSHAN = "lanshan", _("兰山区")
    LUOZHUANG = "luozhuang", _("罗庄区")
    HEDONG = "hedong", _("河东区")
    TANCHENG = "tancheng", _("郯城县")
    LANLING = "lanling", _("兰陵县")
    YISHUI = "yishui", _("沂水县")
    YINAN = "yinan", _("沂南县")
    PINGYI = "pingyi", _("平邑县")
    FEIXIAN = "feixian", _("费县")
    MENGYIN = "mengyin", _("蒙阴县")
    JUNAN = "junan", _("莒南县")
    LINSHU = "linshu", _("临沭县")
    HIGHTECH = "hightech", _("临沂高新区")
    ECONOMIC = "economic", _("临沂经开区")
    LINGANG = "lingang", _("临沂临港区")
    OTHER = "other", _("其他地区")


class Organization(models.Model):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("高等院校")
        INSTITUTE = "institute", _("科研院所")
        ENTERPRISE = "enterprise", _("企业")
        AGENCY = "agency", _("服务机构")
        GOVERNMENT = "government", _("政府部门")
        # Individual inventors own patents too; imports name them "个人发明人（某县）".
        INDIVIDUAL = "individual", _("个人发明人")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("未认证")
        PENDING = "pending", _("审核中")
        VERIFIED = "verified", _("已认证")
        REJECTED = "rejected", _("未通过")

    name = models.CharField(_("机构名称"), max_length=120, unique=True)
    kind = models.CharField(_("机构类型"), max_length=20, choices=Kind.choices)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18位，依据 GB 32100-2015 校验"),
    )
    region = models.CharField(
        _("所在地区"), max_length=20, choices=Region.choices, default=Region.OTHER
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=60, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    logo = models.ImageField(_("标志"), upload_to="org-logos/", blank=True)
    description = models.TextField(_("简介"), blank=True)
    verification_status = models.CharField(
        _("认证状态"), max_length=20, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    rejection_reason = models.TextField(_("未通过原因"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organizations"
    )

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(credit_code=""),
                name="organization_credit_code_unique",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("accounts:org_profile", args=[self.pk])

    @property
    def is_verified(self) -> bool:
        return self.verification_status == self.Verification.VERIFIED

    @property
    def identity_locked(self) -> bool:
        """Name and credit code are what staff checked, so they freeze once submitted."""
        return self.verification_status in (
            self.Verification.PENDING,
            self.Verification.VERIFIED,
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("负责人")
        ADMIN = "admin", _("管理员")
        MEMBER = "member", _("成员")

    # The roles that manage an organization (its people, listings, challenges, engagements):
    # the one definition; query with `role__in=Membership.ADMIN_ROLES`.
    ADMIN_ROLES = (Role.OWNER, Role.ADMIN)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("机构成员")
        verbose_name_plural = _("机构成员")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"
