"""People in separate browsers use the negotiation room live (served by Daphne, see
conftest.daphne_url)."""

import re

import pytest
from playwright.sync_api import expect

from brokerage.models import Stage

from .factories import EngagementFactory, demand_user, supply_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_parties_chat_and_accept_an_offer(signed_in_browser, daphne_url):
    engagement = EngagementFactory(stage=Stage.CONTACTED, title="无醛胶黏剂技术许可")
    seller_user, buyer_user = supply_user(engagement), demand_user(engagement)
    room_url = f"{daphne_url}/engagements/{engagement.pk}/room/"
    seller = signed_in_browser(seller_user).new_page()
    buyer = signed_in_browser(buyer_user).new_page()
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
    engagement.refresh_from_db()
    assert engagement.stage == Stage.AGREED
    assert engagement.contacts_disclosed


def test_seller_buyer_and_broker_see_a_counter_offer_arrive_without_reload(
    signed_in_browser, daphne_url
):
    engagement = EngagementFactory(stage=Stage.NEGOTIATING, title="秸秆板材涂装工艺许可")
    seller_user, buyer_user = supply_user(engagement), demand_user(engagement)
    room_url = f"{daphne_url}/engagements/{engagement.pk}/room/"
    seller = signed_in_browser(seller_user).new_page()
    buyer = signed_in_browser(buyer_user).new_page()
    broker = signed_in_browser(engagement.lead_broker).new_page()
    for page in (seller, buyer, broker):
        page.goto(room_url)
        expect(page.locator("#room")).to_have_attribute("data-connected", "1")
    expect(broker.locator('[data-role="presence"] li')).to_have_count(3)

    seller.get_by_label("价格（元）").fill("300000")
    seller.get_by_label("付款方式").fill("一次性付清")
    seller.get_by_role("button", name="发出报价").click()
    offer = buyer.locator(".bk-offer").last
    expect(offer).to_contain_text("¥300,000.00")
    offer.get_by_label("还价金额（元）").fill("250000")
    offer.get_by_role("button", name="还价").click()

    for page in (seller, buyer, broker):
        expect(page.locator(".bk-offer")).to_have_count(2)
        expect(page.locator(".bk-offer").first).to_contain_text("已还价")
        expect(page.locator(".bk-offer").last).to_contain_text("¥250,000.00")
        expect(page.locator(".bk-msg--system .bk-msg__body")).to_contain_text(
            "还价 ¥250,000.00（原报价 ¥300,000.00）"
        )
    # The seller can answer the counter at once, still without reloading.
    seller.locator(".bk-offer").last.get_by_role("button", name="接受").click()
    for page in (seller, buyer, broker):
        expect(page.locator("#room")).to_have_class(re.compile(r"\bis-agreed\b"))


def test_the_broker_tables_an_offer_once_both_parties_allow_it(signed_in_browser, daphne_url):
    engagement = EngagementFactory(stage=Stage.NEGOTIATING, title="无醛胶黏剂技术许可")
    seller_user, buyer_user = supply_user(engagement), demand_user(engagement)
    room_url = f"{daphne_url}/engagements/{engagement.pk}/room/"
    seller = signed_in_browser(seller_user).new_page()
    buyer = signed_in_browser(buyer_user).new_page()
    broker = signed_in_browser(engagement.lead_broker).new_page()
    broker.goto(room_url)
    expect(broker.get_by_label("代哪一方报价")).to_have_count(0)
    for page in (seller, buyer):
        page.goto(room_url)
        page.get_by_role("button", name="授权经纪人代我方报价").click()
        expect(page.get_by_text("我方已授权。")).to_be_visible()
    expect(buyer.locator("#room")).to_have_attribute("data-connected", "1")

    broker.reload()
    expect(broker.locator("#room")).to_have_attribute("data-connected", "1")
    broker.get_by_label("代哪一方报价").select_option("supply")
    broker.get_by_label("价格（元）").fill("420000")
    broker.get_by_label("付款方式").fill("签约付50%，验收付50%")
    broker.get_by_role("button", name="发出报价").click()

    offer = buyer.locator(".bk-offer").last
    expect(offer).to_contain_text("¥420,000.00")
    expect(offer).to_contain_text("供给方")
    expect(offer).to_contain_text("经纪人代为报价")
    expect(offer.get_by_role("button", name="接受")).to_be_visible()
