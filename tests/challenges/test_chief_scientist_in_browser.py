"""组阁制 in a real browser: the owner nominates the chief scientist, who accepts, forms the team
with its budget split and submits the plan; staff approve it after expert review; the chief
records a change of technical route, which the owner reads on the challenge page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organization
from challenges import services
from challenges.models import Challenge, ChiefAppointment
from tests.browser import log_in

from .factories import GOOD_SCORES, expert_user, org_admin, published_challenge, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_nominate_accept_form_team_approve_and_change_route(page, home_page, industries):
    challenge = published_challenge(mechanism="chief_scientist", title="沂蒙山区特色农产品数字化")
    owner = challenge.created_by
    chief, _org = org_admin(kind=Organization.Kind.UNIVERSITY, name="临沂市农业科学院")

    # 1. The owner nominates the chief scientist.
    log_in(page, owner)
    page.goto(page.base_url + challenge.get_absolute_url())
    page.get_by_role("link", name="领衔专家与组阁团队").click()
    page.get_by_label("领衔专家的平台账户邮箱").fill(chief.email)
    page.get_by_label("提名说明").fill("请李研究员牵头组阁")
    page.get_by_role("button", name="提名").click()
    page.get_by_text("已提名领衔专家").wait_for()

    # 2. The chief scientist accepts, forms the team and splits the bounty.
    log_in(page, chief)
    page.goto(page.base_url + challenge.get_absolute_url())
    page.get_by_role("link", name="领衔专家与组阁团队").click()
    page.get_by_label("牵头单位").select_option(label="临沂市农业科学院")
    page.get_by_role("button", name="接受提名").click()
    page.get_by_text("已接受提名").wait_for()
    page.get_by_label("成员经费 1", exact=True).fill("600000")
    for row, (name, unit, role, amount) in enumerate(
        [
            ("周立新", "临沂大学", "区块链溯源", "250000"),
            ("孟庆海", "沂蒙冷链", "冷链监测", "150000"),
        ],
        start=2,
    ):
        page.get_by_label(f"成员姓名 {row}", exact=True).fill(name)
        page.get_by_label(f"成员单位 {row}", exact=True).fill(unit)
        page.get_by_label(f"成员分工 {row}", exact=True).fill(role)
        page.get_by_label(f"成员经费 {row}", exact=True).fill(amount)
    page.get_by_role("button", name="保存团队").click()
    page.get_by_text("团队和经费分配已保存").wait_for()
    assert page.get_by_role("cell", name="周立新", exact=True).first.is_visible()

    # 3. The plan itself, on the application form, then submitted.
    page.get_by_role("link", name="填写并提交组阁方案").click()
    page.get_by_label("技术方案", exact=True).fill(
        "<p>物联网采集、区块链溯源、冷链预警三线并进。</p>"
    )
    for field in page.get_by_label("承诺值").all():
        field.fill("达到")
    page.get_by_label("知识产权声明").check()
    page.get_by_label("无利益冲突声明").check()
    page.get_by_label("材料真实性承诺").check()
    page.get_by_role("button", name="保存并提交申报").click()
    page.get_by_text("申报已提交").wait_for()

    # Experts review the plan (the application review pages, walked in their own test).
    staff = staff_user()
    challenge = Challenge.objects.get(pk=challenge.pk)
    assert challenge.status == "closed"
    services.start_review(challenge=challenge, by=staff)
    expert = expert_user()
    assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff)
    services.declare_conflicts(assignment=assignment, by=expert, conflicted=[])
    plan = ChiefAppointment.objects.get(challenge=challenge).plan
    services.score_application(
        assignment=assignment, application=plan, by=expert, scores=GOOD_SCORES
    )

    # 4. Staff approve the plan in the Wagtail admin: it goes to the public notice.
    staff.is_superuser = True
    staff.save()
    log_in(page, staff)
    page.goto(page.base_url + f"/admin/challenges/{challenge.pk}/")
    page.get_by_placeholder("批准说明（进入公示）").fill("专家评审通过")
    page.get_by_role("button", name="专家评审后批准组阁方案并公示").click()
    page.get_by_text("操作已完成").wait_for()
    Challenge.objects.filter(pk=challenge.pk).update(
        announcement_ends_at=timezone.now() - timedelta(seconds=1)
    )
    services.confirm_award(challenge=Challenge.objects.get(pk=challenge.pk), by=staff)

    # 5. The chief scientist records a change of technical route.
    log_in(page, chief)
    page.goto(page.base_url + f"/challenges/{challenge.pk}/cabinet/")
    page.get_by_label("调整后的技术路线").fill("溯源改用政务联盟链")
    page.get_by_label("技术路线调整原因").fill("对接市政务链，降低成本")
    page.get_by_role("button", name="登记技术路线调整").click()
    page.get_by_text("调整已登记").wait_for()

    # The owner reads it on the challenge page.
    log_in(page, owner)
    page.goto(page.base_url + challenge.get_absolute_url())
    row = page.get_by_role("row", name="技术路线调整")
    assert "政务联盟链" in row.inner_text()
