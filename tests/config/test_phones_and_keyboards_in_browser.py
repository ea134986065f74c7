"""Phones, keyboards and screen readers, in a real browser.

At 390 px the dashboard and a form fit the screen (tables become cards) and the header search is
there; the sign-in page is used by keyboard alone; axe-core, the accessibility checker, finds no
serious or critical violation on the main pages."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.factories import AchievementFactory, MembershipFactory, NeedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "var/axe/node_modules/axe-core/axe.min.js"


@pytest.fixture
def member():
    membership = MembershipFactory(organization__name="临沂木业科技有限公司")
    org = membership.organization
    AchievementFactory(organization=org, title="大豆蛋白基无醛胶黏剂及其在多层板中的应用")
    AchievementFactory(organization=org, title="木塑复合材料表面涂装工艺", status="pending")
    NeedFactory(organization=org, title="多层板甲醛释放超标，寻求环保胶黏剂")
    return membership.user


def phone(browser, base_url, user=None):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
        )
    return context


def assert_fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width}px wide on a 390px phone"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_dashboard_fits_a_phone_and_its_tables_read_as_cards(
    browser, live_server, home_page, member, prefix
):
    context = phone(browser, live_server.url, member)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{prefix}/dashboard/")
        assert_fits(page)
        status = page.locator("main table .status").first
        box = status.bounding_box()
        assert box["width"] > box["height"], "the status pill wraps a character per line"
        assert status.evaluate("e => e.closest('td').dataset.label")  # the column's name
        assert page.locator("header form[role=search] input").is_visible()
    finally:
        context.close()


def test_a_listing_form_fits_a_phone(browser, live_server, home_page, member):
    context = phone(browser, live_server.url, member)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/achievements/new/")
        assert page.get_by_label("标题", exact=False).first.is_visible()
        assert_fits(page)
    finally:
        context.close()


def test_signing_in_works_by_keyboard_alone(page, home_page, member):
    # allauth counts failed sign-ins per address in the cache: earlier tests' failures from
    # this machine must not lock the correct password out.
    cache.clear()
    page.goto(page.base_url + "/accounts/login/")
    page.keyboard.type(member.email)  # the e-mail field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type("not-the-password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    focused = page.evaluate(
        "[document.activeElement.name, document.activeElement.getAttribute('aria-invalid')]"
    )
    assert focused == ["login", "true"]
    page.keyboard.press("Tab")
    page.keyboard.type("pass-1234-word")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" not in page.url
    assert page.get_by_role("link", name="我的工作台").is_visible()


def serious_violations(page, url):
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
             .filter(v => v.impact === "serious" || v.impact === "critical")
             .map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`)"""
    )
    return [f"{url}: {line}" for line in found]


def test_the_main_pages_have_no_serious_accessibility_violations(page, home_page, member):
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `scripts/chromium ensure` (make test does)")
    from marketplace.models import Achievement, Need

    achievement = Achievement.objects.filter(status="published").first()
    need = Need.objects.first()
    paths = [
        "/",
        "/achievements/",
        f"/achievements/{achievement.pk}/",
        "/needs/",
        f"/needs/{need.pk}/",
        "/challenges/",
        "/search/?q=胶黏剂",
        "/accounts/login/",
        "/accounts/signup/",
        "/en/",
        "/en/achievements/",
    ]
    found = [line for path in paths for line in serious_violations(page, page.base_url + path)]
    assert found == []
