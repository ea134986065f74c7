"""Paid services (付费服务) that staff price in the Wagtail admin, e.g. 成果评价."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


class Product(ClusterableModel):
    name = models.CharField(_("服务名称"), max_length=80)
    slug = models.SlugField(_("网址标识"), max_length=60, unique=True)
    summary = models.CharField(_("一句话介绍"), max_length=160)
    description = models.TextField(_("服务说明"), blank=True)
    delivery = models.CharField(
        _("交付周期"), max_length=60, blank=True, help_text=_("例如：受理后15个工作日")
    )
    active = models.BooleanField(_("上架"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("delivery"),
        FieldPanel("active"),
        FieldPanel("order"),
        InlinePanel("prices", label=_("价格"), min_num=1),
    ]

    class Meta:
        verbose_name = _("付费服务")
        verbose_name_plural = _("付费服务")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class Price(Orderable):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="prices")
    label = models.CharField(_("规格"), max_length=60, help_text=_("例如：标准版、加急版"))
    amount_fen = models.PositiveIntegerField(
        _("价格（分）"), validators=[MinValueValidator(1)], help_text=_("以分计：100 分 = 1 元")
    )
    currency = models.CharField(_("币种"), max_length=3, default="cny", editable=False)
    active = models.BooleanField(_("可购买"), default=True)

    panels = [FieldPanel("label"), FieldPanel("amount_fen"), FieldPanel("active")]

    class Meta(Orderable.Meta):
        verbose_name = _("价格")
        verbose_name_plural = _("价格")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_fen__gt=0), name="price_amount_positive"
            )
        ]

    def __str__(self):
        return f"{self.product} · {self.label}"
