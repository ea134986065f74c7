"""Two people in two browsers chat in the negotiation room and close on an offer.

live_server speaks WSGI only, so the room is served by Daphne (the ASGI server channels' own
ChannelsLiveServerTestCase uses), forked with this test run's database settings.
"""

import re
from functools import partial

import pytest
from channels.testing.live import make_application
from daphne.testing import DaphneProcess
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.db import connections
from django.test import Client
from playwright.sync_api import expect

from brokerage.models import Stage

from .factories import EngagementFactory, demand_user, supply_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def daphne_url(transactional_db):
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


def browser_for(browser, user, base_url):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )
    return context


def test_two_parties_chat_and_accept_an_offer(browser, daphne_url):
    engagement = EngagementFactory(stage=Stage.CONTACTED, title="无醛胶黏剂技术许可")
    seller_user, buyer_user = supply_user(engagement), demand_user(engagement)
    room_url = f"{daphne_url}/engagements/{engagement.pk}/room/"
    seller_ctx = browser_for(browser, seller_user, daphne_url)
    buyer_ctx = browser_for(browser, buyer_user, daphne_url)
    try:
        seller, buyer = seller_ctx.new_page(), buyer_ctx.new_page()
        seller.goto(room_url)
        buyer.goto(room_url)
        for page in (seller, buyer):
            expect(page.locator("#room")).to_have_attribute("data-connected", "1")
        expect(seller.locator('[data-role="presence"] li')).to_have_count(2)

        seller.get_by_label("输入消息").fill("您好，许可费可以分两期支付。")
        seller.get_by_role("button", name="发送", exact=True).click()
        expect(buyer.locator(".bk-msg__body")).to_have_text(["您好，许可费可以分两期支付。"])
        expect(seller.locator(".bk-msg.is-mine .bk-msg__read")).to_have_text("已读")

        buyer.get_by_label("输入消息").fill("好的，请发正式报价。")
        buyer.get_by_label("输入消息").press("Enter")
        expect(seller.locator(".bk-msg__body").last).to_have_text("好的，请发正式报价。")

        seller.get_by_label("价格（元）").fill("480000")
        seller.get_by_label("付款方式").fill("签约付30%，验收付70%")
        seller.get_by_role("button", name="发出报价").click()
        offer = buyer.locator(".bk-offer").last
        expect(offer).to_contain_text("¥480,000.00")
        offer.get_by_role("button", name="接受").click()

        for page in (seller, buyer):
            expect(page.locator(".bk-offer").first).to_contain_text("已接受")
            expect(page.locator("#room")).to_have_class(re.compile(r"\bis-agreed\b"))
    finally:
        seller_ctx.close()
        buyer_ctx.close()
    engagement.refresh_from_db()
    assert engagement.stage == Stage.AGREED
    assert engagement.contacts_disclosed
