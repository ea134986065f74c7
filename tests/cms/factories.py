"""Builders for portal pages: each returns a published page under the given parent."""

import json
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from cms.models import (
    ChallengeCallIndexPage,
    ChallengeCallItem,
    ChallengeCallPage,
    NewsIndexPage,
    NewsPage,
    PolicyIndexPage,
    PolicyPage,
    ServicePage,
    StandardPage,
)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def root_collection() -> Collection:
    """Migrations create it, but transactional tests flush the tables."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def make_image(title="测试图片", size=(1600, 900)) -> Image:
    return Image.objects.create(
        title=title,
        file=get_test_image_file(colour="#0b5d63", size=size),
        collection=root_collection(),
    )


def make_document(title="实施细则.pdf") -> Document:
    document = Document(title=title, collection=root_collection())
    document.file.save("rules.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


def every_block(image: Image, link_page=None) -> str:
    """A StreamField value with one of each block of cms.blocks.BodyBlock."""
    blocks = [
        {"type": "rich_text", "value": "<h2>服务内容</h2><p>正文段落：技术经纪人全程陪同。</p>"},
        {
            "type": "image",
            "value": {"image": image.pk, "alt": "中试车间", "caption": "中试车间一角"},
        },
        {
            "type": "call_to_action",
            "value": {
                "title": "马上发布需求",
                "text": "一个工作日内响应。",
                "button_label": "发布需求",
                "page": link_page.pk if link_page else None,
                "url": "/needs/",
            },
        },
        {
            "type": "faq",
            "value": {
                "heading": "常见问题",
                "items": [{"question": "服务收费吗？", "answer": "<p>首次对接免费。</p>"}],
            },
        },
        {
            "type": "contact_card",
            "value": {
                "name": "技术经纪服务部",
                "role": "需求受理",
                "phone": "0539-8888 0001",
                "email": "broker@example.cn",
                "address": "兰山区科技创新大厦",
                "hours": "工作日 9:00–17:30",
            },
        },
        {
            "type": "figures",
            "value": {
                "heading": "服务成效",
                "items": [{"value": "136", "unit": "名", "label": "在库技术经纪人"}],
            },
        },
        {
            "type": "schedule",
            "value": {
                "heading": "工作安排",
                "items": [{"date": "2027-03-01", "end_date": "2027-03-31", "event": "集中申报"}],
            },
        },
    ]
    return json.dumps(blocks, ensure_ascii=False)


def news_index(home, **fields):
    return publish(home, NewsIndexPage(title="新闻动态", slug="news", **fields))


def news(parent, *, title="技术经纪人培训班开班", slug="broker-class", **fields):
    fields.setdefault("date", timezone.localdate())
    fields.setdefault("body", json.dumps([{"type": "rich_text", "value": "<p>正文。</p>"}]))
    tags = fields.pop("tags", [])
    page = NewsPage(title=title, slug=slug, **fields)
    page.tags.set(tags)
    return publish(parent, page)


def policy_index(home):
    return publish(home, PolicyIndexPage(title="政策文件", slug="policies"))


def policy(parent, *, title="关于推动科技创新高质量发展的实施意见", slug="opinions-2023", **fields):
    fields.setdefault("document_number", "临政字〔2023〕104号")
    fields.setdefault("authority", "临沂市人民政府")
    fields.setdefault("issued_on", date(2023, 9, 12))
    return publish(parent, PolicyPage(title=title, slug=slug, **fields))


def challenge_index(home):
    return publish(home, ChallengeCallIndexPage(title="揭榜挂帅榜单", slug="challenge-calls"))


def challenge_call(
    parent, *, challenges=(), title="2027年第一批揭榜挂帅榜单", slug="2027-1", **fields
):
    today = timezone.localdate()
    fields.setdefault("opens_on", today - timedelta(days=1))
    fields.setdefault("closes_on", today + timedelta(days=30))
    fields.setdefault("intro", "首批榜单聚焦木业与食品产业链。")
    page = ChallengeCallPage(title=title, slug=slug, **fields)
    page.challenge_items = [ChallengeCallItem(challenge=challenge) for challenge in challenges]
    return publish(parent, page)


def service(parent, *, title="技术经纪服务", slug="broker-services", **fields):
    fields.setdefault("intro", "持证技术经纪人一对一服务。")
    return publish(parent, ServicePage(title=title, slug=slug, **fields))


def standard(parent, *, title="中心服务", slug="services", **fields):
    return publish(parent, StandardPage(title=title, slug=slug, **fields))
