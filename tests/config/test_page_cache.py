"""Anonymous public pages come from Redis, and a committed change shows on the very next request.

The cache is the real Redis of this test run (REDIS_URL); each test starts with it empty."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from cms.models import HomePage
from marketplace import services
from marketplace.models import Achievement, Status
from tests.marketplace.factories import good_achievement, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    assert "RedisCache" in settings.CACHES["default"]["BACKEND"], "these tests need REDIS_URL"
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def owner_and_org():
    return member()


@pytest.fixture
def listing(owner_and_org):
    owner, org = owner_and_org
    return good_achievement(org, created_by=owner, title="无醛胶黏剂中试成果")


def detail_url(listing):
    return reverse("marketplace:achievement_detail", args=[listing.pk])


def cached(response) -> bool:
    return response.get("X-Page-Cache") == "hit"


def test_the_second_anonymous_request_is_served_from_the_cache(client, listing):
    first = client.get("/achievements/")
    second = Client().get("/achievements/")
    assert not cached(first) and cached(second)
    assert second.status_code == 200
    assert listing.title in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"] and "Accept-Language" in second["Vary"]


def test_english_and_chinese_pages_are_cached_apart(client, listing):
    client.get("/achievements/")
    english = client.get("/en/achievements/")
    assert not cached(english)
    assert 'lang="en"' in english.content.decode()


def test_an_edited_listing_shows_on_the_next_anonymous_request(
    client, listing, owner_and_org, django_capture_on_commit_callbacks
):
    owner, _org = owner_and_org
    client.get(detail_url(listing))
    client.get("/achievements/")
    with django_capture_on_commit_callbacks(execute=True):
        listing.title = "无醛胶黏剂中试成果（第二版）"
        services.save_listing(listing=listing, by=owner)
    detail = client.get(detail_url(listing))
    browse = client.get("/achievements/")
    assert not cached(detail) and "（第二版）" in detail.content.decode()
    assert not cached(browse) and "（第二版）" in browse.content.decode()


def test_a_withdrawn_listing_is_gone_for_anonymous_visitors_at_once(
    client, listing, owner_and_org, django_capture_on_commit_callbacks
):
    owner, _org = owner_and_org
    assert client.get(detail_url(listing)).status_code == 200
    assert cached(client.get(detail_url(listing)))
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_listing(listing=listing, by=owner)
    assert (
        client.get(detail_url(listing)).status_code == 404
    )  # its existence is not for outsiders (authorize: 404)
    assert listing.title not in client.get("/achievements/").content.decode()


def test_a_newly_published_listing_is_listed_at_once(
    client, owner_and_org, django_capture_on_commit_callbacks
):
    owner, org = owner_and_org
    client.get("/achievements/")
    with django_capture_on_commit_callbacks(execute=True):
        fresh = good_achievement(org, created_by=owner, title="激光熔覆修复新成果")
    assert fresh.title in client.get("/achievements/").content.decode()


def test_a_published_wagtail_page_shows_on_the_next_request(
    client, home_page, django_capture_on_commit_callbacks
):
    client.get("/")
    assert cached(client.get("/"))
    home = HomePage.objects.get(pk=home_page.pk)
    home.hero_title = "新的首屏标题"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    response = client.get("/")
    assert not cached(response) and "新的首屏标题" in response.content.decode()


def test_a_signed_in_user_never_gets_a_cached_page(client, listing, owner_and_org):
    owner, _org = owner_and_org
    Client().get(detail_url(listing))
    assert cached(Client().get(detail_url(listing)))
    client.force_login(owner)
    response = client.get(detail_url(listing))
    assert not cached(response)
    assert reverse("marketplace:achievement_edit", args=[listing.pk]) in response.content.decode()
    # ... and what the signed-in user saw is not handed to the next anonymous visitor.
    anonymous = Client().get(detail_url(listing)).content.decode()
    assert reverse("marketplace:achievement_edit", args=[listing.pk]) not in anonymous


def test_a_pending_listing_is_never_served_from_the_cache_to_anonymous(client, owner_and_org):
    owner, org = owner_and_org
    pending = good_achievement(
        org, created_by=owner, status=Status.PENDING, published_at=None, title="待审成果"
    )
    owner_client = Client()
    owner_client.force_login(owner)
    assert owner_client.get(detail_url(pending)).status_code == 200
    for _ in range(2):
        response = client.get(detail_url(pending))
        assert response.status_code == 404 and not cached(response)
        assert "待审成果" not in response.content.decode()


def test_a_visitor_with_messages_waiting_gets_a_fresh_page(client, listing):
    Client().get("/achievements/")
    client.cookies["messages"] = "pending"
    assert not cached(client.get("/achievements/"))


def test_an_htmx_fragment_is_neither_served_from_nor_stored_in_the_cache(client, listing):
    client.get("/achievements/", headers={"HX-Request": "true"})
    assert not cached(client.get("/achievements/", headers={"HX-Request": "true"}))


def test_anonymous_public_pages_carry_no_token_and_set_no_cookie(client, listing, home_page):
    """Nothing of one visitor's own may sit in a page that the next visitor is given."""
    for url in ("/", "/achievements/", detail_url(listing), "/en/achievements/", "/search/?q=胶"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "csrfmiddlewaretoken" not in response.content.decode(), url
        assert cached(Client().get(url)), url


def test_the_proxy_may_keep_cached_pages_for_the_edge_seconds_only(client, listing, settings):
    settings.EDGE_CACHE_SECONDS = 3
    assert client.get("/achievements/")["X-Accel-Expires"] == "3"  # stored
    assert Client().get("/achievements/")["X-Accel-Expires"] == "3"  # served from Redis
    settings.EDGE_CACHE_SECONDS = 0
    assert "X-Accel-Expires" not in Client().get("/achievements/")


def test_signed_in_pages_and_forms_are_never_given_to_the_proxy(client, listing, settings):
    settings.EDGE_CACHE_SECONDS = 3
    owner = listing.created_by
    client.force_login(owner)
    assert "X-Accel-Expires" not in client.get("/achievements/")
    assert "X-Accel-Expires" not in client.get(detail_url(listing))
    assert "X-Accel-Expires" not in Client().get(reverse("account_login"))


def test_a_view_reported_from_a_cached_page_is_counted(client, listing):
    client.get(detail_url(listing))
    page = Client().get(detail_url(listing))
    assert cached(page)
    beacon = re.search(r'data-view-beacon="([^"]+)"', page.content.decode())[1]
    assert Client(REMOTE_ADDR="10.1.1.1").post(beacon).status_code == 204
    assert Achievement.objects.get(pk=listing.pk).view_count == 1


def test_anonymous_search_results_are_cached_until_a_listing_changes(
    client, listing, owner_and_org, django_capture_on_commit_callbacks
):
    owner, _org = owner_and_org
    assert not cached(client.get("/search/?q=胶黏剂"))
    assert cached(Client().get("/search/?q=胶黏剂"))
    with django_capture_on_commit_callbacks(execute=True):
        listing.title = "无醛胶黏剂中试成果（第二版）"
        services.save_listing(listing=listing, by=owner)
    assert not cached(client.get("/search/?q=胶黏剂"))


def test_signed_in_searches_are_never_cached(client, listing, owner_and_org):
    client.force_login(owner_and_org[0])
    client.get("/search/?q=胶黏剂")
    assert not cached(client.get("/search/?q=胶黏剂"))
