"""Browser: an enterprise user posts a need, staff approve it, it appears on the browse page."""

import pytest
from django.test import Client

from marketplace.models import Need, Status
from tests.marketplace.factories import member, staff_user

# serialized_rollback puts back the rows migrations seeded (industries, the home page) after the
# flush, so later tests in the suite still find them.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "注塑车间能耗偏高，寻求伺服节能改造方案"
DESCRIPTION = (
    "我公司有注塑机42台，年耗电约900万千瓦时，大部分仍为定量泵液压系统。希望通过伺服驱动改造"
    "和余热回收，整体节电20%以上，改造期间每台停机不超过3天。已在两台设备上试用过变频方案，"
    "节电约8%，效果不理想。请提供同类工厂的应用案例和检测报告。"
)


def login(page, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base_url}])


def test_enterprise_user_posts_a_need_staff_approve_it_and_it_is_browsable(page, home_page):
    owner, org = member()
    staff = staff_user()

    login(page, owner)
    page.goto(page.base_url + "/needs/new/")
    page.fill("#id_title", TITLE)
    page.fill("#id_description", DESCRIPTION)
    page.fill("#id_keywords", "注塑机；伺服节能；余热回收")
    page.select_option("#id_industry", label="机械装备")
    page.fill("#id_budget_min_cny", "300000")
    page.fill("#id_budget_max_cny", "800000")
    page.fill("#id_deadline", "2027-06-30")
    page.fill("#id_contact_name", "孙工")
    page.fill("#id_contact_phone", "0539-7654321")
    page.click("button[name=submit]")
    page.wait_for_selector("text=已提交审核")
    need = Need.objects.get(title=TITLE)
    assert need.status == Status.PENDING
    assert need.organization == org

    page.goto(page.base_url + "/needs/")
    assert TITLE not in page.content()

    login(page, staff)
    page.goto(page.base_url + f"/admin/marketplace/review/need/{need.pk}/")
    page.click("button[value=approve]")
    page.wait_for_load_state()
    need.refresh_from_db()
    assert need.status == Status.PUBLISHED

    page.context.clear_cookies()
    page.goto(page.base_url + "/needs/")
    page.click(f"text={TITLE}")
    assert page.locator("h1").inner_text() == TITLE
    # An anonymous visitor is sent through the platform: the contact stays hidden.
    assert "孙工" not in page.content() and "0539-7654321" not in page.content()
    assert "通过平台联系" in page.content()
