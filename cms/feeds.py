"""RSS 2.0 feeds of news, policies and challenge calls (Django syndication)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from cms.models import ChallengeCallPage, NewsPage, PolicyPage
from cms.selectors import in_reader_language


class _PageFeed(Feed):
    feed_type = Rss201rev2Feed
    limit = 30
    model = None
    order_by: tuple[str, ...] = ("-first_published_at",)
    link = "/"

    def items(self):
        # Language-neutral addresses: the feeds carry the default (Chinese) pages.
        pages = in_reader_language(self.model.objects.live().public(), default=True)
        return pages.order_by(*self.order_by)[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary_text

    def item_link(self, item):
        return item.get_url() or "/"

    def item_guid(self, item):
        return f"{self.model._meta.model_name}-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        day = self.item_date(item)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))

    def item_date(self, item):
        return timezone.localdate(item.first_published_at or timezone.now())

    def item_updateddate(self, item):
        return item.last_published_at


class NewsFeed(_PageFeed):
    model = NewsPage
    title = _("临沂技术成果交易平台 · 新闻动态")
    description = _("临沂市技术成果交易中心的最新新闻。")
    order_by = ("-date", "-pk")

    def item_date(self, item):
        return item.date

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class PolicyFeed(_PageFeed):
    model = PolicyPage
    title = _("临沂技术成果交易平台 · 政策文件")
    description = _("科技成果转化与技术市场相关政策。")
    order_by = ("-issued_on", "-pk")

    def item_date(self, item):
        return item.issued_on

    def item_description(self, item):
        prefix = f"{item.document_number} · " if item.document_number else ""
        return f"{prefix}{item.authority}。{item.summary_text}"


class ChallengeCallFeed(_PageFeed):
    model = ChallengeCallPage
    title = _("临沂技术成果交易平台 · 揭榜挂帅榜单")
    description = _("市科技局发布的揭榜挂帅榜单与揭榜窗口。")
    order_by = ("-opens_on", "-pk")

    def item_date(self, item):
        return item.opens_on

    def item_description(self, item):
        window = _("揭榜时间：%(start)s 至 %(end)s") % {
            "start": item.opens_on.isoformat(),
            "end": item.closes_on.isoformat(),
        }
        titles = "、".join(challenge.title for challenge in item.challenges())
        listed = _("榜单项目：%(titles)s。") % {"titles": titles} if titles else ""
        return f"{window}。{listed}{item.summary_text}"
