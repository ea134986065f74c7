"""Which page types an editor may create where."""

import pytest
from wagtail.models import Page

from cms.models import (
    ChallengeCallIndexPage,
    ChallengeCallPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PolicyIndexPage,
    PolicyPage,
    ServicePage,
    StandardPage,
)

from . import factories

pytestmark = pytest.mark.django_db


def test_home_page_offers_sections_and_content_pages_only(home_page):
    assert set(HomePage.allowed_subpage_models()) == {
        NewsIndexPage,
        PolicyIndexPage,
        ChallengeCallIndexPage,
        ServicePage,
        StandardPage,
    }


def test_there_is_only_one_home_page(home_page):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)


@pytest.mark.parametrize(
    ("child", "index"),
    [
        (NewsPage, NewsIndexPage),
        (PolicyPage, PolicyIndexPage),
        (ChallengeCallPage, ChallengeCallIndexPage),
    ],
)
def test_articles_live_only_in_their_own_section(child, index):
    assert child.allowed_parent_page_models() == [index]
    assert index.allowed_subpage_models() == [child]


def test_news_cannot_be_created_directly_under_the_home_page(home_page):
    assert not NewsPage.can_create_at(home_page)
    news_index = factories.news_index(home_page)
    assert NewsPage.can_create_at(news_index)
    assert not PolicyPage.can_create_at(news_index)


def test_articles_have_no_children(home_page):
    news = factories.news(factories.news_index(home_page))
    assert NewsPage.allowed_subpage_models() == []
    assert not StandardPage.can_create_at(news)


def test_service_pages_can_be_grouped_under_a_standard_page(home_page):
    hub = factories.standard(home_page)
    assert ServicePage.can_create_at(hub)
    assert ServicePage.can_create_at(home_page)
    assert not ServicePage.can_create_at(factories.policy_index(home_page))
