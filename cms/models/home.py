from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The portal's front page: search, live figures and the newest listings."""

    hero_title = models.CharField(
        _("主标题"), max_length=80, default="让每一项科技成果找到用武之地"
    )
    hero_subtitle = models.CharField(
        _("副标题"),
        max_length=200,
        blank=True,
        default="临沂市技术成果交易中心 · 成果发布、需求对接、揭榜挂帅、技术经纪一站办理",
    )

    content_panels = Page.content_panels + [FieldPanel("hero_title"), FieldPanel("hero_subtitle")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        from marketplace import selectors

        context = super().get_context(request, *args, **kwargs)
        context["figures"] = selectors.market_figures()
        context["latest_achievements"] = selectors.published_achievements()[:6]
        context["latest_needs"] = selectors.published_needs()[:6]
        return context
