"""Every page type renders, with every content block, and carries its SEO tags."""

import json

import pytest

from cms.models import PolicyAttachment, PolicyRelation, PolicyStatus

from . import factories

pytestmark = pytest.mark.django_db

BLOCK_MARKERS = [
    "正文段落：技术经纪人全程陪同。",
    'alt="中试车间"',
    "中试车间一角",
    "block--cta",
    'href="/needs/"',
    "服务收费吗？",
    "首次对接免费。",
    "技术经纪服务部",
    'href="tel:053988880001"',
    "mailto:broker@example.cn",
    "在库技术经纪人",
    "集中申报",
]


@pytest.fixture
def image():
    return factories.make_image()


def assert_renders_every_block(response):
    assert response.status_code == 200
    html = response.content.decode()
    for marker in BLOCK_MARKERS:
        assert marker in html, marker


def test_service_page_renders_every_block(client, home_page, image):
    page = factories.service(home_page, body=factories.every_block(image), hero_image=image)
    response = client.get(page.url)
    assert_renders_every_block(response)
    html = response.content.decode()
    assert "<h1>技术经纪服务</h1>" in html
    assert 'property="og:image"' in html


def test_standard_page_renders_every_block_and_lists_its_services(client, home_page, image):
    hub = factories.standard(
        home_page, intro="交易中心的四类服务。", body=factories.every_block(image)
    )
    factories.service(hub, title="成果评价", slug="evaluation")
    response = client.get(hub.url)
    assert_renders_every_block(response)
    assert "成果评价" in response.content.decode()


def test_news_page_renders_its_metadata_cover_tags_and_blocks(client, home_page, image):
    index = factories.news_index(home_page)
    page = factories.news(
        index,
        source="临沂市科学技术局",
        cover=image,
        intro="培训为期五天。",
        body=factories.every_block(image),
        tags=["技术经纪"],
    )
    response = client.get(page.url)
    assert_renders_every_block(response)
    html = response.content.decode()
    assert "来源：临沂市科学技术局" in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="description" content="培训为期五天。">' in html
    assert "?tag=%E6%8A%80%E6%9C%AF%E7%BB%8F%E7%BA%AA" in html


def test_news_index_lists_live_news_newest_first_and_filters_by_tag(client, home_page):
    from datetime import date

    index = factories.news_index(home_page)
    factories.news(index, title="旧闻", slug="old", date=date(2026, 1, 1))
    factories.news(index, title="新闻一则", slug="new", date=date(2026, 6, 1), tags=["对接活动"])
    draft = factories.news(index, title="未发布草稿", slug="draft")
    draft.unpublish()
    html = client.get(index.url).content.decode()
    assert html.index("新闻一则") < html.index("旧闻")
    assert "未发布草稿" not in html
    tagged = client.get(index.url, {"tag": "对接活动"}).content.decode()
    assert "新闻一则" in tagged and "旧闻" not in tagged


def test_policy_page_shows_number_authority_dates_status_attachments_and_related(
    client, home_page, image
):
    index = factories.policy_index(home_page)
    older = factories.policy(
        index,
        title="中试基地认定管理办法",
        slug="pilot-2021",
        document_number="临科发〔2021〕9号",
        status=PolicyStatus.SUPERSEDED,
    )
    page = factories.policy(
        index, intro="平台解读：建设统一的技术市场。", body=factories.every_block(image)
    )
    page.attachments = [PolicyAttachment(document=factories.make_document(), title="附件1")]
    page.related_links = [PolicyRelation(related=older)]
    page.save_revision().publish()
    response = client.get(page.url)
    assert_renders_every_block(response)
    html = response.content.decode()
    for text in ["临政字〔2023〕104号", "临沂市人民政府", "2023年9月12日", "现行有效", "附件1"]:
        assert text in html, text
    assert "政策要点（平台解读，非原文）" in html
    assert "中试基地认定管理办法" in html and "已被替代" in html


def test_challenge_call_page_lists_its_published_challenges_and_window(client, home_page, image):
    from decimal import Decimal

    from tests.challenges.factories import draft_challenge, published_challenge

    challenge = published_challenge(
        title="板材生产线智能视觉缺陷检测",
        bounty_cny=Decimal("3000000"),
        total_budget_cny=Decimal("5000000"),
    )
    draft = draft_challenge(title="尚未发布的榜单项目")
    index = factories.challenge_index(home_page)
    schedule = json.dumps(
        [{"type": "item", "value": {"date": "2027-02-01", "end_date": None, "event": "专家评审"}}]
    )
    page = factories.challenge_call(
        index,
        challenges=[challenge, draft],
        introduction="<p>企业出题、政府立榜。</p>",
        rules=factories.every_block(image),
        schedule=schedule,
    )
    response = client.get(page.url)
    assert_renders_every_block(response)
    html = response.content.decode()
    assert "板材生产线智能视觉缺陷检测" in html
    assert f'href="{challenge.get_absolute_url()}"' in html
    assert "300</strong><small>万元" in html
    assert "揭榜制" in html and challenge.organization.name in html
    assert "尚未发布的榜单项目" not in html
    assert page.challenges() == [challenge]
    assert "征集中" in html and "专家评审" in html
    assert page.opens_on.strftime("%Y年%-m月%-d日") in html
    assert page.closes_on.strftime("%Y年%-m月%-d日") in html
    assert "揭榜窗口" in html

    index_html = client.get(index.url).content.decode()
    assert "2027年第一批揭榜挂帅榜单" in index_html


def test_closed_call_says_so(home_page):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    page = factories.challenge_call(
        factories.challenge_index(home_page),
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=1),
    )
    assert page.window_state == "closed"
    assert page.days_left == 0
