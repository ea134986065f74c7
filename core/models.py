from django.db import models
from django.utils.translation import gettext_lazy as _


class Industry(models.Model):
    """Industry taxonomy (产业分类). Codes are part of the import format and never change.

    Every app classifies by it (profiles, listings, challenges, engagements), so it lives on the
    ground floor. It came from marketplace and keeps its table, `marketplace_industry`."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        db_table = "marketplace_industry"
        verbose_name = _("产业")
        verbose_name_plural = _("产业")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name
