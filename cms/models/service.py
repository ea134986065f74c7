from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock

from .base import PortalPage


class ServicePage(PortalPage, Page):
    """服务页: one of the center's services (技术经纪、成果评价、中试基地、科技金融)."""

    intro = models.TextField(_("服务简介"), max_length=300)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]
    cover_field = "hero_image"

    class Meta:
        verbose_name = _("服务页")


class StandardPage(PortalPage, Page):
    """通用页: about us, guides, notices that are not news."""

    intro = models.TextField(_("简介"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage", "cms.ServicePage"]
    subpage_types = ["cms.StandardPage", "cms.ServicePage"]

    class Meta:
        verbose_name = _("通用页")

    def service_children(self):
        return ServicePage.objects.child_of(self).live().public()
