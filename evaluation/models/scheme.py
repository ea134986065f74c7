"""The evaluation scheme staff maintain in the Wagtail admin: five dimensions (五元), their
indicators, the weight of each dimension per category (分类评价) and the disagreement threshold."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class Dimension(models.TextChoices):
    SCIENCE = "science", _("科学价值")
    TECHNOLOGY = "technology", _("技术价值")
    ECONOMY = "economy", _("经济价值")
    SOCIETY = "society", _("社会价值")
    CULTURE = "culture", _("文化价值")


class Category(models.TextChoices):
    BASIC = "basic", _("基础研究类")
    APPLIED = "applied", _("应用技术类")
    TRANSFER = "transfer", _("成果转化类")


class CategoryScheme(models.Model):
    """How much each dimension counts for one category; weights are relative (any sum > 0)."""

    category = models.CharField(_("成果类别"), max_length=20, choices=Category.choices, unique=True)
    description = models.CharField(_("适用范围"), max_length=200, blank=True)
    weight_science = models.PositiveSmallIntegerField(_("科学价值权重"), default=20)
    weight_technology = models.PositiveSmallIntegerField(_("技术价值权重"), default=20)
    weight_economy = models.PositiveSmallIntegerField(_("经济价值权重"), default=20)
    weight_society = models.PositiveSmallIntegerField(_("社会价值权重"), default=20)
    weight_culture = models.PositiveSmallIntegerField(_("文化价值权重"), default=20)

    panels = [
        FieldPanel("category"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel(f"weight_{d}") for d in Dimension.values],
            heading=_("五元权重（相对值，合计大于零）"),
        ),
    ]

    class Meta:
        verbose_name = _("分类权重")
        verbose_name_plural = _("分类权重")
        ordering = ["category"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight_science__gt=0)
                | models.Q(weight_technology__gt=0)
                | models.Q(weight_economy__gt=0)
                | models.Q(weight_society__gt=0)
                | models.Q(weight_culture__gt=0),
                name="evaluation_scheme_weights_not_all_zero",
            )
        ]

    def __str__(self):
        return str(self.get_category_display())

    @property
    def weights(self) -> dict[str, int]:
        return {d: getattr(self, f"weight_{d}") for d in Dimension.values}

    @property
    def total_weight(self) -> int:
        return sum(self.weights.values())


class Indicator(models.Model):
    """One thing experts score within a dimension, e.g. 技术价值 · 成熟度（TRL）."""

    dimension = models.CharField(_("维度"), max_length=20, choices=Dimension.choices)
    name = models.CharField(_("指标"), max_length=60)
    guidance = models.CharField(_("评分要点"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("维度内权重"), default=1, validators=[MinValueValidator(1)]
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(
        _("启用"), default=True, help_text=_("停用后不影响已开始评分的评价")
    )

    panels = [
        FieldPanel("dimension"),
        FieldPanel("name"),
        FieldPanel("guidance"),
        FieldPanel("weight"),
        FieldPanel("order"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("评价指标")
        verbose_name_plural = _("评价指标")
        ordering = ["dimension", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="indicator_weight_gt_0")
        ]

    def __str__(self):
        return f"{self.get_dimension_display()} · {self.name}"


@register_setting(icon="cog")
class EvaluationSettings(BaseGenericSetting):
    disagreement_threshold = models.DecimalField(
        _("分歧阈值（分）"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("20"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("任一维度专家最高分与最低分之差超过该值时，进入分歧讨论"),
    )
    min_experts = models.PositiveSmallIntegerField(
        _("最少评审专家数"), default=3, validators=[MinValueValidator(3)]
    )

    panels = [FieldPanel("disagreement_threshold"), FieldPanel("min_experts")]

    class Meta:
        verbose_name = _("成果评价设置")
