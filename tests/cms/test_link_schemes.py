"""Links editors type into blocks and menus: http(s), mailto, tel or a path on this site."""

import pytest
from django.core.exceptions import ValidationError

from cms.blocks import CallToActionBlock, link_href
from cms.models.site_settings import MenuItem


def _cta(url):
    return {"title": "马上发布需求", "text": "", "button_label": "发布", "page": None, "url": url}


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(1)", " java\tscript:alert(1)", "data:text/html,x"],
)
def test_a_call_to_action_refuses_a_script_url(url):
    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python(_cta(url)))


@pytest.mark.parametrize(
    "url", ["https://kjj.linyi.gov.cn/", "mailto:ttc@linyi.cn", "tel:0539-8888888", "/needs/", ""]
)
def test_a_call_to_action_accepts_web_mail_phone_and_site_links(url):
    block = CallToActionBlock()
    block.clean(block.to_python(_cta(url)))


def test_a_script_url_saved_before_the_check_is_not_rendered():
    assert link_href(_cta("javascript:alert(1)")) == ""
    assert MenuItem(url="javascript:alert(1)").href == ""


def test_a_menu_item_refuses_a_script_url():
    with pytest.raises(ValidationError):
        MenuItem._meta.get_field("url").run_validators("javascript:alert(1)")
