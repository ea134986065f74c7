"""The home page shows live marketplace figures, listings, news, policies and role entries."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cms import selectors
from cms.selectors import Figure
from tests.challenges.factories import (
    challenge_from_need,
    draft_challenge,
    pass_deadline,
    published_challenge,
)
from tests.factories import AchievementFactory, NeedFactory

from . import factories

pytestmark = pytest.mark.django_db


def figure(html: str, key: str) -> str:
    match = re.search(rf'data-figure="{key}"><strong>([^<]*)</strong>', html)
    assert match, key
    return match.group(1)


def test_home_page_counts_only_published_listings_and_open_challenges(client, home_page):
    today = timezone.localdate()
    AchievementFactory.create_batch(3)
    AchievementFactory(status="draft")
    NeedFactory.create_batch(2)
    NeedFactory(status="pending")
    published_challenge()
    published_challenge(deadline=timezone.now() + timedelta(days=10))
    pass_deadline(published_challenge())  # applications closed
    draft_challenge()  # not published
    # A need that stands as its 揭榜挂帅榜单 (closed now): counted neither as a need nor open.
    pass_deadline(challenge_from_need(NeedFactory(deadline=today + timedelta(days=10))))

    html = client.get("/").content.decode()
    assert figure(html, "achievements") == "3"
    assert figure(html, "needs") == "2"
    assert figure(html, "open_challenges") == "2"


def test_home_page_figures_follow_new_listings(client, home_page):
    before = figure(client.get("/").content.decode(), "achievements")
    AchievementFactory()
    after = figure(client.get("/").content.decode(), "achievements")
    assert int(after) == int(before) + 1


def test_a_new_figure_source_appears_on_the_home_page(client, home_page, monkeypatch):
    def trained_brokers():
        return [Figure("trained_brokers", 1234, "培训技术经纪人", "人")]

    monkeypatch.setattr(selectors, "FIGURE_SOURCES", [*selectors.FIGURE_SOURCES, trained_brokers])
    html = client.get("/").content.decode()
    assert figure(html, "trained_brokers").replace(",", "") == "1234"
    assert "培训技术经纪人" in html


def test_home_page_shows_latest_listings_news_policies_and_role_entries(client, home_page):
    AchievementFactory(title="大豆蛋白基无醛胶黏剂")
    NeedFactory(title="多层板无醛添加")
    challenge = published_challenge(
        title="智能视觉缺陷检测", bounty_cny=3_000_000, total_budget_cny=5_000_000
    )
    factories.news(factories.news_index(home_page), title="技术经纪人培训班开班")
    factories.policy(factories.policy_index(home_page), highlight=True)
    broker = factories.service(home_page)
    home_page.broker_page = broker
    home_page.save_revision().publish()

    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "让每一项科技成果找到用武之地",
        "大豆蛋白基无醛胶黏剂",
        "多层板无醛添加",
        "智能视觉缺陷检测",
        "300</strong> 万元榜额",
        "技术经纪人培训班开班",
        "临政字〔2023〕104号",
        "我是高校院所",
        "我是企业",
        "我是经纪人",
    ]:
        assert text in html, text
    assert f'href="{broker.url}"' in html
    assert f'href="{challenge.get_absolute_url()}"' in html  # the challenge's own page
    assert 'role="search"' in html


def test_home_page_without_content_still_renders_empty_states(client, home_page):
    html = client.get("/").content.decode()
    assert "暂无已发布的科技成果" in html
    assert "暂无新闻" in html


def test_home_page_counts_signed_contracts_and_their_value(client, home_page):
    from decimal import Decimal

    from brokerage.models import TechContract
    from tests.brokerage.factories import EngagementFactory, contract_fields

    for amount in (Decimal("600000"), Decimal("1400000")):
        TechContract.objects.create(
            engagement=EngagementFactory(),
            **contract_fields(amount_cny=amount, tech_amount_cny=amount),
        )
    html = client.get("/").content.decode()
    assert figure(html, "contracts") == "2"
    assert figure(html, "contract_value") == "200"
    assert "技术合同成交额" in html
