import re

import pytest
from django.conf import settings
from django.test import Client

from payments.models import Payment

from .factories import challenge_awaiting_deposit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": page.base_url}])


def test_the_owner_goes_from_the_challenge_page_to_stripe_checkout(page, home_page):
    challenge = challenge_awaiting_deposit()
    log_in(page, challenge.created_by)
    # checkout.stripe.com is unreachable here: stop the navigation there and look at it.
    page.route("https://checkout.stripe.com/**", lambda route: route.abort())

    page.goto(f"{page.base_url}{challenge.get_absolute_url()}")
    page.get_by_role("link", name="支付保证金").click()
    assert page.get_by_role("heading", level=1).inner_text() == "缴纳揭榜保证金"
    assert page.locator(".receipt__amount").first.inner_text() == "¥200,000.00"
    with page.expect_request(re.compile(r"^https://checkout\.stripe\.com/")) as checkout:
        page.get_by_role("button", name="去支付保证金").click()

    payment = Payment.objects.get()
    assert payment.related == challenge
    assert checkout.value.url == payment.checkout_url
    assert checkout.value.is_navigation_request()
    assert payment.status == Payment.Status.PENDING
    assert payment.stripe_checkout_session_id.startswith("cs_test_")
