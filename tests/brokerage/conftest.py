"""Fixtures shared by the room's WebSocket and browser tests."""

from functools import partial

import pytest
from channels.layers import channel_layers
from channels.testing.live import make_application
from daphne.testing import DaphneProcess
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.core.cache import cache
from django.db import connections
from django.test import Client

from brokerage.models import Stage

from .factories import EngagementFactory, demand_user, supply_user


@pytest.fixture
def fresh_cache_and_layer():
    # Each test runs its own event loop; the Redis layer's locks belong to one loop.
    channel_layers.backends.clear()
    cache.clear()
    yield
    cache.clear()
    channel_layers.backends.clear()


@pytest.fixture
def deal():
    """An engagement in 洽谈 with one person for each side: (engagement, supplier, buyer)."""
    engagement = EngagementFactory(stage=Stage.NEGOTIATING)
    return engagement, supply_user(engagement), demand_user(engagement)


@pytest.fixture
def daphne_url(transactional_db):
    """live_server speaks WSGI only, so the room is served by Daphne (the ASGI server channels'
    own ChannelsLiveServerTestCase uses), forked with this test run's database settings."""
    connections.close_all()  # the child must not share the parent's socket
    server = DaphneProcess(
        "localhost", partial(make_application, static_wrapper=ASGIStaticFilesHandler)
    )
    server.daemon = True
    server.start()
    if not server.ready.wait(timeout=30):
        pytest.fail(
            f"Daphne did not start: {server.errors.get() if not server.errors.empty() else ''}"
        )
    yield f"http://localhost:{server.port.value}"
    server.terminate()
    server.join(timeout=10)


@pytest.fixture
def signed_in_browser(browser, daphne_url):
    """signed_in_browser(user) -> a browser context signed in as user on the Daphne server;
    every context opened is closed after the test."""
    contexts = []

    def open_for(user):
        client = Client()
        client.force_login(user)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": daphne_url}]
        )
        contexts.append(context)
        return context

    yield open_for
    for context in contexts:
        context.close()
