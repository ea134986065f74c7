"""Pages load nothing from outside the portal: no CDN, web font, Gravatar or Wagtail update check.

A real browser opens the public pages (over the demo content) and the main admin pages as
staff, and every request it makes must go to the portal's own host."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from tests.accounts.factories import staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def foreign_requests(page, paths: list[str]) -> list[str]:
    """Opens each path and returns every request that left the portal's host."""
    own_host = urlsplit(page.base_url).netloc
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    for path in paths:
        response = page.goto(page.base_url + path, wait_until="networkidle")
        assert response is not None and response.status < 400, (path, response and response.status)
    return [
        url
        for url in seen
        if urlsplit(url).scheme in ("http", "https", "ws", "wss")
        and urlsplit(url).netloc != own_host
    ]


@pytest.fixture
def demo(home_page, es):
    call_command("load_demo", verbosity=0)


def test_public_pages_load_nothing_from_outside(page, demo):
    from cms.models import NewsPage, PolicyIndexPage, PolicyPage
    from marketplace.models import Achievement

    achievement = Achievement.objects.filter(status="published").first()
    paths = [
        "/",
        "/achievements/",
        f"/achievements/{achievement.pk}/",
        "/needs/",
        "/challenges/",
        NewsPage.objects.live().first().url,
        PolicyIndexPage.objects.live().first().url,
        PolicyPage.objects.live().first().url,
        "/accounts/login/",
        "/en/",
    ]
    assert foreign_requests(page, paths) == []


def test_admin_pages_load_nothing_from_outside(page, demo):
    from cms.models import HomePage

    client = Client()
    client.force_login(staff_user())  # staff with an authenticator app, as MFA requires
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}]
    )
    home = HomePage.objects.first()
    paths = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
    ]
    assert foreign_requests(page, paths) == []
