"""RSS feeds, sitemap.xml and robots.txt are valid and list the live pages."""

import xml.etree.ElementTree as ET

import pytest

from tests.challenges.factories import published_challenge

from . import factories

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title")
    return channel.findall("item")


def test_news_feed_lists_live_news_with_links_dates_and_categories(client, home_page):
    index = factories.news_index(home_page)
    factories.news(index, title="技术经纪人培训班开班", tags=["技术经纪"])
    factories.news(index, title="草稿", slug="draft").unpublish()
    items = rss_items(client, "/feeds/news.xml")
    assert [i.findtext("title") for i in items] == ["技术经纪人培训班开班"]
    item = items[0]
    assert item.findtext("link").endswith("/news/broker-class/")
    assert item.findtext("pubDate")
    assert item.findtext("category") == "技术经纪"


def test_policy_feed_describes_document_number_and_authority(client, home_page):
    factories.policy(factories.policy_index(home_page))
    items = rss_items(client, "/feeds/policies.xml")
    assert len(items) == 1
    assert "临政字〔2023〕104号" in items[0].findtext("description")


def test_challenge_call_feed_gives_the_application_window(client, home_page):
    challenge = published_challenge(title="预制菜低温杀菌装备")
    call = factories.challenge_call(factories.challenge_index(home_page), challenges=[challenge])
    items = rss_items(client, "/feeds/challenge-calls.xml")
    assert items[0].findtext("title") == call.title
    description = items[0].findtext("description")
    assert call.opens_on.isoformat() in description
    assert call.closes_on.isoformat() in description
    assert "预制菜低温杀菌装备" in description


def test_sitemap_lists_live_pages_only(client, home_page):
    index = factories.news_index(home_page)
    live = factories.news(index)
    factories.news(index, title="草稿", slug="draft").unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    locations = [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    assert any(loc.endswith(live.url) for loc in locations)
    assert any(loc.endswith("/news/") for loc in locations)
    assert not any(loc.endswith("/news/draft/") for loc in locations)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_pages_advertise_the_feeds(client, home_page):
    html = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/feeds/policies.xml"' in html
