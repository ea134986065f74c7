import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_renders_in_chinese_and_switches_to_english(page, home_page):
    page.goto(page.base_url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", level=1).inner_text() == "让每一项科技成果找到用武之地"

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="简体中文").get_attribute("href") == "/"
    assert page.get_by_role("link", name="English").get_attribute("aria-current") == "true"
