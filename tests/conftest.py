"""Fixtures shared by the whole suite. Services are real: a missing one fails loudly."""

import os

import pytest
from django.conf import settings


def pytest_collection_modifyitems(items):
    """Transactional tests (browser, WebSocket) end with a flush that would also wipe the rows
    migrations seed (industries, the Wagtail tree, groups). Serialized rollback restores them
    before each such test, so test order never matters."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


def log_in_with_both_factors(client, user, backend=None, *, login=None):
    """Sign `user` in on `client` as after the password and, for staff, brokers and editors,
    allauth's TOTP step (accounts.middleware refuses sessions without it)."""
    from allauth.account.internal.flows.login import record_authentication
    from django.http import HttpRequest

    (login or client.force_login)(user, backend)
    request = HttpRequest()
    request.session = client.session
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_both_factors(monkeypatch):
    """`client.force_login(user)` stands for a finished sign-in: password and second factor.
    Tests of the second factor itself sign in through the real login pages instead."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        log_in_with_both_factors(self, user, backend, login=lambda u, b: original(self, u, b))

    monkeypatch.setattr(Client, "force_login", force_login)


def refresh_content_type_cache() -> None:
    """Make ContentType's process-wide cache exactly the table's rows.

    A flush and serialized rollback (or a rolled-back test that created a content type) can leave
    the cache pointing at ids the table no longer has: Wagtail's reference index then fails its
    foreign key, here and in a Daphne process forked later. The cache must also stay complete:
    the next rollback builds Wagtail tasks whose constructor looks their content type up, and a
    miss there would insert a duplicate before the table is restored."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import DEFAULT_DB_ALIAS

    ContentType.objects.clear_cache()
    for content_type in ContentType.objects.all():
        ContentType.objects._add_to_cache(DEFAULT_DB_ALIAS, content_type)


@pytest.fixture(autouse=True)
def industries(request):
    """Every database test finds the rows data migrations seed (see ensure_seeded)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transactional = marker.kwargs.get("transaction")
    request.getfixturevalue("transactional_db" if transactional else "db")
    if transactional:
        refresh_content_type_cache()
    from tests.factories import ensure_seeded

    ensure_seeded()


@pytest.fixture
def es():
    """The real Elasticsearch client; fails (not skips) when the server is down."""
    from search.client import get_client

    client = get_client()
    try:
        client.cluster.health(wait_for_status="yellow", timeout="5s")
    except Exception as exc:  # noqa: BLE001
        pytest.fail(
            f"Elasticsearch is not reachable at {settings.ELASTICSEARCH_URL}: {exc}. "
            "Start it with `scripts/elasticsearch start` (make test does)."
        )
    return client


@pytest.fixture
def stripe_mock():
    """The base URL of the real stripe-mock; fails (not skips) when it is down."""
    import requests

    base = settings.STRIPE_API_BASE
    try:
        response = requests.get(
            f"{base}/v1/customers", auth=(settings.STRIPE_SECRET_KEY, ""), timeout=5
        )
        response.raise_for_status()
    except requests.RequestException as exc:
        pytest.fail(
            f"stripe-mock is not reachable at {base}: {exc}. "
            "Start it with `scripts/stripe-mock start` (make test does)."
        )
    return base


@pytest.fixture
def clean_indices(es):
    """Delete this test run's indices (by prefix) before and after a test."""
    pattern = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*"
    es.options(ignore_status=404).indices.delete(index=pattern, expand_wildcards="all")
    yield es
    es.options(ignore_status=404).indices.delete(index=pattern, expand_wildcards="all")


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (it cannot download its own browsers here)."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `scripts/chromium ensure` (make test does)"
        )
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page (own cookies) in Chinese, with live_server running."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def home_page(db):
    """The site's HomePage. Migrations create it, but transactional tests flush the tables."""
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code="zh-hans")
        root = Page.get_first_root_node() or Page.add_root(title="根目录", slug="root")
        home = root.add_child(instance=HomePage(title="首页", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home
