"""The public pages stay within ten SQL queries each on the uncached path, with data like the
demo's: listings of several organizations and industries, open challenges, news and policies."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organization
from challenges.models import Challenge
from marketplace.models import Achievement, Need, Status
from tests.challenges.factories import challenge_from_need, published_challenge
from tests.cms import factories as pages
from tests.factories import AchievementFactory, NeedFactory, OrganizationFactory, industry

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10
INDUSTRIES = ["wood_furniture", "food", "machinery", "logistics"]


@pytest.fixture
def demo(home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure the work behind a cache miss
    for n in range(6):
        org = OrganizationFactory(kind=Organization.Kind.UNIVERSITY, region="lanshan")
        firm = OrganizationFactory(kind=Organization.Kind.ENTERPRISE, region="hedong")
        code = INDUSTRIES[n % len(INDUSTRIES)]
        AchievementFactory.create_batch(3, organization=org, industry=industry(code))
        NeedFactory.create_batch(2, organization=firm, industry=industry(code))
    challenge_from_need(NeedFactory())  # a need whose 揭榜挂帅榜单 stands for it
    published_challenge()
    published_challenge(title="冷链物流路径规划", deadline=timezone.now() + timedelta(days=9))
    news = pages.news_index(home_page)
    for n in range(3):
        pages.news(news, title=f"新闻{n}", slug=f"news-{n}")
    policies = pages.policy_index(home_page)
    pages.policy(policies)
    calls = pages.challenge_index(home_page)
    pages.challenge_call(calls)


def published(model):
    return model.objects.filter(status=Status.PUBLISHED).order_by("pk").first()


def get_within_budget(client, django_assert_max_num_queries, url):
    client.get(url)  # the first request of a process fills Wagtail's and Django's own caches
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_home_page_runs_at_most_ten_queries(demo, client, settings, django_assert_max_num_queries):
    """Its figures and lists are shared between renders until something changes (memoize); the
    page itself is rendered afresh here (a pending message keeps the page cache out)."""
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    client.cookies["messages"] = "pending"
    get_within_budget(client, django_assert_max_num_queries, "/")


def test_the_home_pages_sections_are_read_afresh_after_a_change(
    demo, client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    client.cookies["messages"] = "pending"
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        AchievementFactory(title="首页上的新成果")
    assert "首页上的新成果" in client.get("/").content.decode()


@pytest.mark.parametrize("name", ["marketplace:achievement_list", "marketplace:need_list"])
def test_listing_lists_run_at_most_ten_queries(demo, client, django_assert_max_num_queries, name):
    get_within_budget(client, django_assert_max_num_queries, reverse(name))


def test_a_filtered_achievement_list_runs_at_most_ten_queries(
    demo, client, django_assert_max_num_queries
):
    url = reverse("marketplace:achievement_list") + "?industry=wood_furniture&page=1"
    get_within_budget(client, django_assert_max_num_queries, url)


def test_achievement_detail_runs_at_most_ten_queries(demo, client, django_assert_max_num_queries):
    pk = published(Achievement).pk
    url = reverse("marketplace:achievement_detail", args=[pk])
    get_within_budget(client, django_assert_max_num_queries, url)


def test_need_detail_runs_at_most_ten_queries(demo, client, django_assert_max_num_queries):
    url = reverse("marketplace:need_detail", args=[published(Need).pk])
    get_within_budget(client, django_assert_max_num_queries, url)


def test_challenge_list_runs_at_most_ten_queries(demo, client, django_assert_max_num_queries):
    get_within_budget(client, django_assert_max_num_queries, reverse("challenges:list"))


def test_challenge_detail_runs_at_most_ten_queries(demo, client, django_assert_max_num_queries):
    challenge = Challenge.objects.exclude(published_at=None).order_by("pk").first()
    url = reverse("challenges:detail", args=[challenge.pk])
    get_within_budget(client, django_assert_max_num_queries, url)
