from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from core.validators import is_safe_link, validate_link


@register_setting(icon="cog")
class PortalSettings(ClusterableModel, BaseSiteSetting):
    """站点设置: contact details, filing numbers and the menus of the header and footer."""

    organization = models.CharField(_("运营单位"), max_length=80, default="临沂市技术成果交易中心")
    hotline = models.CharField(_("服务热线"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("地址"), max_length=120, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=80, blank=True)
    icp_number = models.CharField(
        _("ICP备案号"), max_length=60, blank=True, help_text=_("如：鲁ICP备2023000000号-1")
    )
    police_number = models.CharField(_("公安备案号"), max_length=60, blank=True)
    footer_note = models.CharField(_("页脚说明"), max_length=200, blank=True)
    # The English site (/en/) shows these instead, when filled in.
    organization_en = models.CharField(_("运营单位（英文）"), max_length=120, blank=True)
    address_en = models.CharField(_("地址（英文）"), max_length=200, blank=True)
    office_hours_en = models.CharField(_("办公时间（英文）"), max_length=120, blank=True)
    footer_note_en = models.CharField(_("页脚说明（英文）"), max_length=200, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organization"),
                FieldPanel("hotline"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("office_hours"),
            ],
            heading=_("联系方式"),
        ),
        MultiFieldPanel(
            [FieldPanel("icp_number"), FieldPanel("police_number"), FieldPanel("footer_note")],
            heading=_("页脚"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organization_en"),
                FieldPanel("address_en"),
                FieldPanel("office_hours_en"),
                FieldPanel("footer_note_en"),
            ],
            heading=_("英文站"),
        ),
        InlinePanel("menu_items", label=_("导航菜单")),
    ]

    class Meta:
        verbose_name = _("站点设置")

    def in_language(self, name: str) -> str:
        """The field for the active language: `<name>_en` on the English site when filled in."""
        if get_language() == "en":
            return getattr(self, f"{name}_en", "") or getattr(self, name)
        return getattr(self, name)

    @property
    def organization_text(self) -> str:
        return self.in_language("organization")

    @property
    def address_text(self) -> str:
        return self.in_language("address")

    @property
    def office_hours_text(self) -> str:
        return self.in_language("office_hours")

    @property
    def footer_note_text(self) -> str:
        return self.in_language("footer_note")

    def menu(self, location: str) -> list["MenuItem"]:
        return [item for item in self._menu_items if item.location == location]

    @cached_property
    def _menu_items(self) -> list["MenuItem"]:
        """One query for the header and the footer, with the linked pages."""
        return list(self.menu_items.select_related("page"))

    @property
    def header_menu(self) -> list["MenuItem"]:
        return self.menu(MenuItem.Location.HEADER)

    @property
    def footer_menu(self) -> list["MenuItem"]:
        return self.menu(MenuItem.Location.FOOTER)


class MenuItem(Orderable):
    class Location(models.TextChoices):
        HEADER = "header", _("页头主导航")
        FOOTER = "footer", _("页脚链接")

    settings = ParentalKey(PortalSettings, on_delete=models.CASCADE, related_name="menu_items")
    location = models.CharField(
        _("位置"), max_length=10, choices=Location.choices, default=Location.HEADER
    )
    label = models.CharField(_("名称"), max_length=20, blank=True, help_text=_("留空使用页面标题"))
    label_en = models.CharField(
        _("英文名称"), max_length=40, blank=True, help_text=_("英文站显示；留空使用英文页面的标题")
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(_("链接地址"), max_length=200, blank=True, validators=[validate_link])

    panels = [
        FieldPanel("location"),
        FieldPanel("label"),
        FieldPanel("label_en"),
        FieldPanel("page"),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("菜单项")

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        label = self.label_en if get_language() == "en" else self.label
        return label or (self.page.localized.title if self.page_id else self.url)

    @property
    def href(self) -> str:
        # The page in the visitor's language (its translation when there is one).
        if self.page_id:
            return self.page.localized.url or ""
        return self.url if is_safe_link(self.url) else ""
