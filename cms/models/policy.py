from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock
from core.parsing import parse_year

from .base import PortalPage


class PolicyStatus(models.TextChoices):
    IN_FORCE = "in_force", _("现行有效")
    SUPERSEDED = "superseded", _("已被替代")
    EXPIRED = "expired", _("已失效")


class PolicyTopic(models.TextChoices):
    TECH_MARKET = "tech_market", _("技术市场")
    TRANSFORMATION = "transformation", _("成果转化")
    TALENT = "talent", _("人才与经纪")
    FINANCE = "finance", _("科技金融")
    IP = "ip", _("知识产权")
    ENTERPRISE = "enterprise", _("企业创新")


class PolicyIndexPage(PortalPage, Page):
    intro = RichTextField(_("导语"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.PolicyPage"]
    page_size = 15

    class Meta:
        verbose_name = _("政策栏目")

    def policies(self):
        return PolicyPage.objects.child_of(self).live().public().order_by("-issued_on", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        all_policies = self.policies()
        chosen = {
            "authority": request.GET.get("authority", "").strip(),
            "year": request.GET.get("year", "").strip(),
            "topic": request.GET.get("topic", "").strip(),
        }
        items = all_policies
        if chosen["authority"]:
            items = items.filter(authority=chosen["authority"])
        if parse_year(chosen["year"]):
            items = items.filter(issued_on__year=parse_year(chosen["year"]))
        if chosen["topic"] in PolicyTopic.values:
            items = items.filter(topic=chosen["topic"])
        context.update(
            chosen=chosen,
            filtered=any(chosen.values()),
            authorities=sorted(set(all_policies.values_list("authority", flat=True))),
            years=sorted({d.year for d in all_policies.values_list("issued_on", flat=True)})[::-1],
            topics=PolicyTopic.choices,
            items=Paginator(items, self.page_size).get_page(request.GET.get("page")),
        )
        return context


class PolicyPage(PortalPage, Page):
    """政策文件: a government document with its 文号, issuer, dates and status."""

    document_number = models.CharField(
        _("文号"), max_length=60, blank=True, help_text=_("如：临政字〔2023〕104号")
    )
    authority = models.CharField(_("发文机关"), max_length=80)
    issued_on = models.DateField(_("发布日期"))
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    status = models.CharField(
        _("效力状态"), max_length=20, choices=PolicyStatus.choices, default=PolicyStatus.IN_FORCE
    )
    topic = models.CharField(
        _("主题"), max_length=20, choices=PolicyTopic.choices, default=PolicyTopic.TECH_MARKET
    )
    highlight = models.BooleanField(_("首页推荐"), default=False)
    intro = models.TextField(
        _("政策要点"), blank=True, help_text=_("平台编写的解读摘要，显示在正文之前，并非原文")
    )
    body = StreamField(BodyBlock(), verbose_name=_("全文"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("document_number"),
                FieldPanel("authority"),
                FieldRowPanel([FieldPanel("issued_on"), FieldPanel("effective_on")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("topic")]),
                FieldPanel("highlight"),
            ],
            heading=_("文件信息"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
        InlinePanel("related_links", label=_("相关政策")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("document_number", boost=2),
        index.SearchField("authority"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("topic"),
        index.FilterField("issued_on"),
    ]
    parent_page_types = ["cms.PolicyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def related_policies(self):
        """The linked policies in this page's language (a translation links the same
        documents as its source, and shows their translations where they exist)."""
        ids = [link.related_id for link in self.related_links.all() if link.related_id]
        keys = dict(PolicyPage.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        live = PolicyPage.objects.live().public()
        found = {
            page.translation_key: page
            for page in live.filter(translation_key__in=keys.values(), locale_id=self.locale_id)
        }
        found |= {
            k: p
            for k, p in ((p.translation_key, p) for p in live.filter(pk__in=ids))
            if k not in found
        }
        return [found[keys[i]] for i in ids if i in keys and keys[i] in found]


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=120, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")

    @property
    def label(self) -> str:
        return self.title or self.document.title


class PolicyRelation(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        "cms.PolicyPage", verbose_name=_("相关政策"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("相关政策")
