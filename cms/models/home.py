from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import BodyBlock

from .base import PortalPage


class HomePage(PortalPage, Page):
    """The portal's front page: search, live figures, the newest listings, news and policies."""

    hero_title = models.CharField(
        _("主标题"), max_length=80, default="让每一项科技成果找到用武之地"
    )
    hero_subtitle = models.CharField(
        _("副标题"),
        max_length=200,
        blank=True,
        default="临沂市技术成果交易中心 · 成果发布、需求对接、揭榜挂帅、技术经纪一站办理",
    )
    hot_terms = models.CharField(
        _("热门检索词"),
        max_length=200,
        blank=True,
        default="无醛胶黏剂,预制菜杀菌,激光熔覆,智能配载",
        help_text=_("显示在检索框下方，以逗号分隔"),
    )
    university_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("“我是高校院所”入口"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enterprise_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("“我是企业”入口"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    broker_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("“我是经纪人”入口"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("底部内容"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_subtitle"), FieldPanel("hot_terms")],
            heading=_("首屏"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("university_page"),
                FieldPanel("enterprise_page"),
                FieldPanel("broker_page"),
            ],
            heading=_("角色入口"),
        ),
        FieldPanel("body"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.NewsIndexPage",
        "cms.PolicyIndexPage",
        "cms.ChallengeCallIndexPage",
        "cms.ServicePage",
        "cms.StandardPage",
    ]
    summary_field = "hero_subtitle"

    class Meta:
        verbose_name = _("首页")

    @property
    def hot_term_list(self) -> list[str]:
        return [t.strip() for t in self.hot_terms.replace("，", ",").split(",") if t.strip()]

    def get_context(self, request, *args, **kwargs):
        from cms import selectors
        from core.pagecache import memoize

        context = super().get_context(request, *args, **kwargs)
        context.update(memoize(f"home-sections:{self.pk}", lambda: selectors.home_sections(self)))
        return context
