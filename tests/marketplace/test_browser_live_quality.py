"""Browser: the listing form re-scores the unsaved text as the owner types (htmx, no reload),
and saving the form is still a plain form post."""

import pytest

from marketplace.models import Need
from tests.marketplace.factories import member
from tests.marketplace.test_browser_need_flow import DESCRIPTION, TITLE, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_quality_panel_follows_the_typing_and_the_save_button_still_saves(page, home_page):
    owner, _org = member()
    login(page, owner)
    page.goto(page.base_url + "/needs/new/")
    page.evaluate("window.notReloaded = true")
    panel = page.locator("#quality-panel")
    assert panel.inner_text().strip() == ""  # a new, empty form has no score yet

    page.fill("#id_title", TITLE)
    page.fill("#id_description", "太短")
    page.wait_for_selector("#quality-panel .quality--low")
    assert "简介过短" in panel.inner_text()

    page.fill("#id_description", DESCRIPTION)
    page.fill("#id_keywords", "注塑机；伺服节能；余热回收")
    page.wait_for_function(
        "!document.querySelector('#quality-panel').innerText.includes('简介过短')"
    )
    assert page.evaluate("window.notReloaded") is True  # swapped in place
    assert not Need.objects.filter(title=TITLE).exists()  # checking stores nothing

    page.select_option("#id_industry", label="机械装备")
    page.fill("#id_contact_name", "孙工")
    page.fill("#id_contact_phone", "0539-7654321")
    page.click("button[name=save]")
    page.wait_for_selector("text=草稿已保存")
    assert Need.objects.get(title=TITLE).description == DESCRIPTION
