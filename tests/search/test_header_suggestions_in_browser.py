"""The header search box suggests titles as you type; the keyboard picks one."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_typing_in_the_header_suggests_titles_and_enter_opens_the_highlighted_one(
    page, home_page, indexed
):
    page.goto(f"{page.base_url}/search/")
    box = page.locator("#header-q")
    box.fill("差压预冷")
    option = page.get_by_role("option", name="果蔬产地差压预冷装置")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url(f"**/achievements/{indexed['cold'].pk}/")
