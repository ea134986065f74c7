import re

import pytest
from django.conf import settings
from django.test import Client

from marketplace.models import Industry
from payments.models import Payment

from .factories import ChallengeFactory, owner_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": page.base_url}])


def test_paying_a_deposit_sends_the_browser_to_stripe_checkout(page, home_page):
    # Migrations seed industries, but an earlier transactional test may have flushed them.
    Industry.objects.get_or_create(code="wood_furniture", defaults={"name": "木业家居"})
    challenge = ChallengeFactory()
    log_in(page, owner_of(challenge.organization))
    # checkout.stripe.com is unreachable here: stop the navigation there and look at it.
    page.route("https://checkout.stripe.com/**", lambda route: route.abort())

    page.goto(f"{page.base_url}/payments/challenges/{challenge.pk}/deposit/")
    assert page.get_by_role("heading", level=1).inner_text() == "缴纳揭榜保证金"
    assert page.get_by_text("¥200,000.00").is_visible()
    with page.expect_request(re.compile(r"^https://checkout\.stripe\.com/")) as checkout:
        page.get_by_role("button", name="去支付保证金").click()

    payment = Payment.objects.get()
    assert checkout.value.url == payment.checkout_url
    assert checkout.value.is_navigation_request()
    assert payment.status == Payment.Status.PENDING
    assert payment.stripe_checkout_session_id.startswith("cs_test_")
