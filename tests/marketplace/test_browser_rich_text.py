"""Browser: the owner formats the detailed description with the rich-text editor."""

import pytest

from marketplace.models import Achievement
from tests.marketplace.factories import member
from tests.marketplace.test_browser_need_flow import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_owner_writes_a_formatted_description_and_visitors_see_it(page, home_page):
    owner, _org = member()
    login(page, owner)
    page.goto(page.base_url + "/achievements/new/")
    page.fill("#id_title", "秸秆基可降解地膜")
    page.fill("#id_summary", "以玉米秸秆纤维和聚乳酸为主要原料制备可降解地膜。")
    page.select_option("#id_industry", label="现代农业")
    editor = page.locator(".richtext__editor")
    assert editor.is_visible()
    assert not page.locator("#id_description").is_visible()
    editor.click()
    page.click(".richtext__button--h3")
    page.keyboard.type("主要指标")
    page.keyboard.press("Enter")
    page.click(".richtext__button--bold")
    page.keyboard.type("降解率90%")
    page.click(".richtext__button--bold")
    page.keyboard.press("Enter")
    page.click(".richtext__button--ul")
    page.keyboard.type("拉伸强度18MPa")
    page.keyboard.press("Enter")
    page.keyboard.type("成本与普通地膜相当")
    page.click("button[name=save]")
    page.wait_for_selector("text=草稿已保存")

    stored = Achievement.objects.get(title="秸秆基可降解地膜").description
    assert "<h3>主要指标</h3>" in stored
    assert "<b>降解率90%</b>" in stored
    assert "<ul><li>拉伸强度18MPa</li><li>成本与普通地膜相当</li></ul>" in stored
    assert page.locator(".prose h3").inner_text() == "主要指标"
    assert page.locator(".prose li").count() == 2
