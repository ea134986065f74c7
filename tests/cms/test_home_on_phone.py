"""The home page on a 390x844 phone: readable, no sideways scrolling, search and roles usable."""

import pytest

from tests.challenges.factories import published_challenge
from tests.factories import AchievementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_works_on_a_phone(browser, live_server, home_page):
    AchievementFactory(title="大豆蛋白基无醛胶黏剂及其在多层板中的应用")
    published_challenge(
        title="板材生产线智能视觉缺陷检测", bounty_cny=3_000_000, total_budget_cny=5_000_000
    )
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        heading = page.get_by_role("heading", level=1)
        assert heading.inner_text() == "让每一项科技成果找到用武之地"
        assert heading.bounding_box()["y"] < 400  # above the fold

        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"page is {width}px wide on a 390px phone"

        figures = page.locator("[data-figure]")
        assert figures.count() >= 3
        assert page.locator('[data-figure="achievements"] strong').inner_text() == "1"
        assert page.locator('[data-figure="open_challenges"] strong').inner_text() == "1"

        for role in ["我是高校院所", "我是企业", "我是经纪人"]:
            assert page.get_by_role("heading", name=role).is_visible()
        assert page.get_by_text("板材生产线智能视觉缺陷检测").is_visible()

        search = page.get_by_role("searchbox", name="检索科技成果与技术需求")
        box = search.bounding_box()
        assert box["width"] > 300  # full width, comfortable to tap
        search.fill("板材甲醛")
        search.press("Enter")
        page.wait_for_url("**/search/?q=*")
        assert "q=%E6%9D%BF%E6%9D%90%E7%94%B2%E9%86%9B" in page.url

        page.goto(live_server.url + "/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        assert page.get_by_role("contentinfo").count() == 1
        assert page.get_by_role("navigation", name="主导航").count() == 1
    finally:
        context.close()
