from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from wagtail.fields import RichTextField

from accounts.models import Organization
from core.files import RandomName, keep_upload_name, private_storage
from core.models import Industry, LoggedModel

from .. import richtext
from ..validators import validate_ipc, validate_patent_number


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已发布")
    REJECTED = "rejected", _("已驳回")
    WITHDRAWN = "withdrawn", _("已撤回")
    EXPIRED = "expired", _("已过期")
    ARCHIVED = "archived", _("已归档")


class TransferMode(models.TextChoices):
    TRANSFER = "transfer", _("转让")
    LICENSE = "license", _("许可")
    EQUITY = "equity", _("作价入股")
    JOINT_DEVELOPMENT = "joint_development", _("合作开发")


class Listing(LoggedModel):
    """Fields and lifecycle shared by achievements and needs."""

    activity_prefix = "listing"  # achievements and needs share one set of action types

    external_id = models.CharField(
        _("外部编号"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("导入时的唯一键；再次导入同一编号会更新该记录"),
    )
    title = models.CharField(_("标题"), max_length=200)
    keywords = models.JSONField(_("关键词"), default=list, blank=True)
    industry = models.ForeignKey(
        Industry, verbose_name=_("产业"), on_delete=models.PROTECT, related_name="+"
    )
    technical_field = models.CharField(_("技术领域"), max_length=100, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="+"
    )
    contact_name = models.CharField(_("联系人"), max_length=60, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    status = FSMField(_("状态"), default=Status.DRAFT, choices=Status.choices)
    rejection_reason = models.TextField(_("驳回原因"), blank=True)
    quality_score = models.PositiveSmallIntegerField(_("质量评分"), default=0)
    quality_issues = models.JSONField(_("质量问题"), default=list, blank=True)
    quality_override_note = models.TextField(
        _("低分提交说明"), blank=True, help_text=_("质量评分偏低时提交审核须说明理由")
    )
    view_count = models.PositiveIntegerField(_("浏览量"), default=0)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    # Transitions: django-fsm guards the graph; services record who/when/why and side effects.
    @transition(
        field=status,
        source=[Status.DRAFT, Status.REJECTED, Status.WITHDRAWN],
        target=Status.PENDING,
    )
    def submit(self):
        self.rejection_reason = ""

    @transition(field=status, source=Status.PENDING, target=Status.PUBLISHED)
    def approve(self):
        pass

    @transition(field=status, source=Status.PENDING, target=Status.REJECTED)
    def reject(self, reason: str):
        self.rejection_reason = reason

    @transition(field=status, source=Status.PUBLISHED, target=Status.WITHDRAWN)
    def withdraw(self):
        pass

    @transition(field=status, source=Status.PUBLISHED, target=Status.EXPIRED)
    def expire(self):
        pass

    @transition(
        field=status,
        source=[Status.PUBLISHED, Status.WITHDRAWN, Status.EXPIRED],
        target=Status.ARCHIVED,
    )
    def archive(self):
        pass


class Achievement(Listing):
    """科技成果: a patent, know-how or software offered by a university, institute or firm."""

    class PatentType(models.TextChoices):
        INVENTION = "invention", _("发明专利")
        UTILITY_MODEL = "utility_model", _("实用新型")
        DESIGN = "design", _("外观设计")
        SOFTWARE = "software", _("软件著作权")
        NONE = "none", _("无")

    class Maturity(models.TextChoices):
        LAB = "lab", _("实验室阶段")
        PILOT = "pilot", _("中试阶段")
        SMALL_BATCH = "small_batch", _("小批量生产")
        INDUSTRIALIZED = "industrialized", _("产业化")

    # TRL range that each maturity stage corresponds to (shown beside the stage).
    MATURITY_TRL = {"lab": (1, 4), "pilot": (5, 6), "small_batch": (7, 8), "industrialized": (9, 9)}

    summary = models.TextField(_("成果简介"))
    description = RichTextField(
        _("详细介绍"),
        blank=True,
        features=richtext.FEATURES,
        help_text=_("可用小标题、加粗、列表和链接组织内容"),
    )
    patent_type = models.CharField(
        _("专利类型"), max_length=20, choices=PatentType.choices, default=PatentType.NONE
    )
    patent_number = models.CharField(
        _("专利号/申请号"),
        max_length=32,
        blank=True,
        validators=[validate_patent_number],
        help_text=_("如 ZL202310456781.4，校验位自动核对"),
    )
    ipc = models.CharField(
        _("IPC分类号"),
        max_length=80,
        blank=True,
        validators=[validate_ipc],
        help_text=_("如 C09J 189/00，多个用分号分隔"),
    )
    legal_status = models.CharField(_("法律状态"), max_length=40, blank=True)
    maturity = models.CharField(
        _("成熟度"), max_length=20, choices=Maturity.choices, default=Maturity.LAB
    )
    transfer_modes = models.JSONField(_("转化方式"), default=list, blank=True)
    asking_price_cny = models.DecimalField(
        _("报价（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("留空表示面议"),
    )
    reserve_price_cny = models.DecimalField(
        _("底价（元，保密）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("仅本机构与平台工作人员可见"),
    )
    inventors = models.CharField(_("发明人/团队"), max_length=200, blank=True)
    funded_by_government = models.BooleanField(_("财政资金支持"), default=False)
    funding_programme = models.CharField(_("资助项目"), max_length=200, blank=True)
    ip_declaration = models.TextField(_("知识产权声明"), blank=True)
    annex = models.FileField(
        _("保密附件"),
        upload_to=RandomName("annexes"),
        storage=private_storage,
        blank=True,
        help_text=_("技术细节、检测报告等；签署保密协议后方可下载"),
    )
    annex_name = models.CharField(_("保密附件文件名"), max_length=200, blank=True)
    annex_terms = models.TextField(_("保密协议条款"), blank=True)
    annex_terms_version = models.PositiveSmallIntegerField(_("保密协议版本"), default=1)
    annex_requires_approval = models.BooleanField(_("下载须经本机构批准"), default=True)

    class Meta(Listing.Meta):
        verbose_name = _("科技成果")
        verbose_name_plural = _("科技成果")

    def save(self, *args, **kwargs):
        # The stored name is random; keep what the owner called the file.
        keep_upload_name(self, "annex", "annex_name", kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("marketplace:achievement_detail", args=[self.pk])

    def clean(self):
        super().clean()
        # Every way in (form, admin, import, API) ends here: store only the allowed markup.
        self.description = richtext.clean_html(self.description)
        errors = {}
        if self.funded_by_government and not self.funding_programme:
            errors["funding_programme"] = _("财政资金支持的成果须填写资助项目名称")
        if self.funded_by_government and not self.ip_declaration:
            errors["ip_declaration"] = _("财政资金支持的成果须填写知识产权声明")
        if (
            self.reserve_price_cny is not None
            and self.asking_price_cny is not None
            and self.reserve_price_cny > self.asking_price_cny
        ):
            errors["reserve_price_cny"] = _("底价不能高于报价")
        if errors:
            raise ValidationError(errors)

    @property
    def description_text(self) -> str:
        """The detailed description without markup (search, matching, quality check)."""
        return richtext.html_to_text(self.description)

    @property
    def trl_range(self) -> tuple[int, int]:
        return self.MATURITY_TRL[self.maturity]

    @property
    def price_negotiable(self) -> bool:
        return self.asking_price_cny is None


class Need(Listing):
    """技术需求: a problem an enterprise wants solved. A 揭榜挂帅 with a bounty is the challenges
    app's 榜单, which may name the need it came from (Challenge.source_need)."""

    description = models.TextField(_("需求描述"))
    budget_min_cny = models.DecimalField(
        _("预算下限（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    budget_max_cny = models.DecimalField(
        _("预算上限（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("上下限都留空表示面议"),
    )
    cooperation_modes = models.JSONField(_("期望合作方式"), default=list, blank=True)
    deadline = models.DateField(_("截止日期"), null=True, blank=True)

    class Meta(Listing.Meta):
        verbose_name = _("技术需求")
        verbose_name_plural = _("技术需求")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_min_cny__isnull=True)
                | models.Q(budget_max_cny__isnull=True)
                | models.Q(budget_min_cny__lte=models.F("budget_max_cny")),
                name="need_budget_range_ordered",
            )
        ]

    def get_absolute_url(self):
        return reverse("marketplace:need_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if (
            self.budget_min_cny is not None
            and self.budget_max_cny is not None
            and self.budget_min_cny > self.budget_max_cny
        ):
            raise ValidationError({"budget_max_cny": _("预算上限不能低于下限")})

    @property
    def description_text(self) -> str:
        """Plain text already; named like Achievement.description_text so readers need not care."""
        return self.description

    @property
    def budget_negotiable(self) -> bool:
        return self.budget_min_cny is None and self.budget_max_cny is None
