"""In a real browser: a team applies, an expert declares and scores, staff announce, the public
reads the notice."""

import pytest
from django.conf import settings

from challenges import services
from challenges.models import Challenge
from tests.browser import log_in

from .factories import expert_user, org_admin, pass_deadline, published_challenge, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_then_review_then_announce(page, home_page, industries):
    challenge = published_challenge(title="人造板生产线智能视觉缺陷检测")
    lead, org = org_admin(kind="university", name="沂蒙理工学院")

    # 1. The team applies.
    log_in(page, lead)
    page.goto(page.base_url + "/challenges/")
    page.get_by_role("link", name="人造板生产线智能视觉缺陷检测").click()
    page.get_by_role("link", name="我要揭榜").click()
    page.get_by_label("团队名称").fill("沂蒙理工木材智能检测团队")
    page.get_by_label("牵头单位").select_option(label="沂蒙理工学院")
    page.get_by_role("button", name="开始填写申报书").click()
    page.get_by_label("技术方案", exact=True).fill("<h3>总体方案</h3><p>线阵相机全幅面成像。</p>")
    for label in page.get_by_label("承诺值").all():
        label.fill("达到")
    page.get_by_label("知识产权声明").check()
    page.get_by_label("无利益冲突声明").check()
    page.get_by_label("材料真实性承诺").check()
    page.get_by_role("button", name="保存并提交申报").click()
    page.get_by_text("申报已提交").wait_for()
    assert page.get_by_role("heading", name="总体方案").is_visible()

    # The call closes; staff open the review and assign an expert.
    staff = staff_user()
    pass_deadline(challenge)
    services.close_due_challenges()
    challenge = Challenge.objects.get(pk=challenge.pk)
    services.start_review(challenge=challenge, by=staff)
    expert = expert_user()
    services.assign_expert(challenge=challenge, expert=expert, by=staff)

    # 2. The expert declares no conflict, then scores.
    log_in(page, expert)
    page.goto(page.base_url + "/challenges/review/")
    page.get_by_role("link", name="人造板生产线智能视觉缺陷检测").click()
    page.get_by_label("本人承诺如实申报利益冲突").check()
    page.get_by_role("button", name="提交声明").click()
    page.get_by_role("link", name="评分").click()
    for label, value in (
        ("技术方案", "90"),
        ("团队实力", "85"),
        ("经费预算", "80"),
        ("可行性", "88"),
    ):
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="保存评分").click()
    page.get_by_text("评分已保存").wait_for()
    assert page.get_by_role("cell", name="86.85").is_visible()

    # 3. Staff announce the result in the Wagtail admin.
    staff.is_superuser = True
    staff.save()
    log_in(page, staff)
    page.goto(page.base_url + f"/admin/challenges/{challenge.pk}/")
    page.get_by_label("沂蒙理工木材智能检测团队").check()
    page.get_by_role("button", name="公示结果").click()
    page.get_by_text("操作已完成").wait_for()

    # The public notice shows the winner and the score.
    page.context.clear_cookies()
    page.goto(page.base_url + f"/challenges/{challenge.pk}/announcement/")
    row = page.get_by_role("row", name="沂蒙理工木材智能检测团队")
    assert "86.85" in row.inner_text()
    assert "揭榜成功" in row.inner_text()
    page.screenshot(
        path=str(settings.BASE_DIR / "var" / "challenges-announcement.png"), full_page=True
    )
