"""In a real browser: an expert signs in, finds the waiting review in 我的工作台's work queue and
reaches the score form by clicks alone."""

import pytest

from challenges import services
from tests.browser import log_in
from tests.challenges.factories import closed_with_applications, expert_user, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_expert_reaches_a_waiting_review_from_the_dashboard(page, home_page, industries):
    staff = staff_user()
    challenge, _apps = closed_with_applications(1, title="人造板生产线智能视觉缺陷检测")
    services.start_review(challenge=challenge, by=staff)
    expert = expert_user()
    services.assign_expert(challenge=challenge, expert=expert, by=staff)

    log_in(page, expert)
    page.goto(page.base_url + "/")
    page.get_by_role("link", name="我的工作台").first.click()
    queue = page.locator("[data-role=work-queue]")
    queue.get_by_role("link", name="待评审的揭榜挂帅榜单").click()
    page.get_by_label("本人承诺如实申报利益冲突").check()
    page.get_by_role("button", name="提交声明").click()
    page.get_by_role("link", name="评分").click()
    assert page.get_by_label("技术方案").is_visible()
