from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock, ScheduleItemBlock

from .base import PortalPage


def _challenge_model():
    """challenges.Challenge, reached through the relation: the CMS does not import domain apps
    (tests/test_layers.py) and reads what the model states (PUBLIC_STATUSES, CALL_STATUSES)."""
    return ChallengeCallItem._meta.get_field("challenge").related_model


def call_item_choices() -> Q:
    """The 榜单 an editor may put on a call: awaiting review or public."""
    return Q(status__in=_challenge_model().CALL_STATUSES)


class ChallengeCallIndexPage(PortalPage, Page):
    intro = RichTextField(_("导语"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ChallengeCallPage"]

    class Meta:
        verbose_name = _("揭榜挂帅栏目")

    def calls(self):
        return ChallengeCallPage.objects.child_of(self).live().public().order_by("-opens_on", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.calls()
        return context


class ChallengeCallPage(PortalPage, Page):
    """榜单: one batch of 揭榜挂帅 challenges with its rules, schedule and application window."""

    organizer = models.CharField(_("发榜单位"), max_length=80, default="临沂市科学技术局")
    opens_on = models.DateField(_("揭榜开始日期"))
    closes_on = models.DateField(_("揭榜截止日期"))
    intro = models.TextField(_("榜单简介"), max_length=500)
    introduction = RichTextField(
        _("榜单说明"), blank=True, features=["h3", "bold", "italic", "ol", "ul", "link"]
    )
    rules = StreamField(BodyBlock(), verbose_name=_("揭榜规则"), blank=True)
    schedule = StreamField([("item", ScheduleItemBlock())], verbose_name=_("日程安排"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("organizer"),
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
            ],
            heading=_("揭榜窗口"),
        ),
        FieldPanel("intro"),
        FieldPanel("introduction"),
        FieldPanel("rules"),
        FieldPanel("schedule"),
        InlinePanel("challenge_items", label=_("榜单项目")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("introduction"),
        index.SearchField("rules"),
        index.SearchField("organizer"),
        index.FilterField("closes_on"),
    ]
    parent_page_types = ["cms.ChallengeCallIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("揭榜挂帅榜单")
        verbose_name_plural = _("揭榜挂帅榜单")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["challenges"] = self.challenges()
        return context

    @property
    def window_state(self) -> str:
        """'upcoming', 'open' or 'closed' in the center's time zone."""
        today = timezone.localdate()
        if today < self.opens_on:
            return "upcoming"
        return "open" if today <= self.closes_on else "closed"

    @property
    def days_left(self) -> int:
        return max((self.closes_on - timezone.localdate()).days, 0)

    def challenges(self):
        """The public challenges (challenges.Challenge) of this call, in the editor's order.

        Drafts, challenges awaiting review and cancelled ones stay off the public page even when
        an editor already put them on the call.
        """
        model = _challenge_model()
        ids = [item.challenge_id for item in self.challenge_items.all()]
        public = model.objects.filter(status__in=model.PUBLIC_STATUSES, pk__in=ids)
        found = public.select_related("organization", "industry").in_bulk()
        return [found[i] for i in ids if i in found]


class ChallengeCallItem(Orderable):
    """One 揭榜挂帅 challenge (challenges.Challenge) on a call."""

    page = ParentalKey(ChallengeCallPage, on_delete=models.CASCADE, related_name="challenge_items")
    challenge = models.ForeignKey(
        "challenges.Challenge",
        verbose_name=_("揭榜项目"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=call_item_choices,
        help_text=_("只列出已提交审核或已发布的揭榜挂帅榜单；未发布的项目不会显示在页面上。"),
    )

    panels = [FieldPanel("challenge")]

    class Meta(Orderable.Meta):
        verbose_name = _("榜单项目")
