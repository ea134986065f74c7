"""Owner requests in the browser, an expert declares and scores, the owner reads the report."""

import pytest
from django.conf import settings

from evaluation import services
from evaluation.models import EvaluationRequest, Status
from tests.browser import log_in

from .factories import AchievementFactory, ExpertFactory, owner_of, score, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_request_then_score_then_report(page):
    achievement = AchievementFactory(title="大豆蛋白基无醛胶黏剂")
    owner = owner_of(achievement.organization)

    log_in(page, owner)
    page.goto(page.base_url + f"/achievements/{achievement.pk}/")
    page.get_by_role("link", name="申请成果评价").click()
    page.get_by_label("成果转化类").check()
    page.get_by_role("button", name="提交申请").click()
    page.get_by_text("评价申请已提交。").wait_for()
    evaluation = EvaluationRequest.objects.get()
    assert evaluation.status == Status.AWAITING_PAYMENT

    staff = staff_user()
    services.waive_fee(evaluation=evaluation, by=staff, reason="中心资助")
    experts = [ExpertFactory().user for _ in range(3)]
    assignments = [
        services.assign_expert(evaluation=evaluation, expert=e, by=staff) for e in experts
    ]
    services.start_scoring(evaluation=evaluation, by=staff)

    log_in(page, experts[0])
    page.goto(page.base_url + "/evaluation/reviews/")
    page.get_by_role("link", name="打开").click()
    page.get_by_role("button", name="提交声明").click()
    page.get_by_text("利益冲突声明已提交。").wait_for()
    evaluation.refresh_from_db()
    for spec in evaluation.scheme["indicators"]:
        page.fill(f"input[name=score_{spec['id']}]", "85")
        page.fill(
            f"textarea[name=evidence_{spec['id']}]", f"{spec['name']}：依据中试报告与专利文本。"
        )
    page.fill("textarea[name=comment]", "工艺成熟，建议尽快许可转化。")
    page.get_by_role("button", name="提交评分").click()
    page.get_by_text("评分已提交").wait_for()

    for assignment in assignments[1:]:
        services.declare_conflict(assignment=assignment, by=assignment.expert, has_conflict=False)
        assignment.refresh_from_db()
        score(assignment, 79)
    evaluation.refresh_from_db()
    services.finalise_evaluation(evaluation=evaluation, by=staff, summary="具备较好的转化前景。")

    log_in(page, owner)
    page.goto(page.base_url + f"/evaluation/{evaluation.pk}/")
    assert page.get_by_test_id("overall-score").inner_text().startswith("81")
    assert page.locator("svg.radar polygon.radar__area").count() == 1
    assert page.get_by_text("工艺成熟，建议尽快许可转化。").is_visible()
    assert page.get_by_text("专家A").first.is_visible()
    assert str(experts[0]) not in page.content()
    page.screenshot(path=str(settings.BASE_DIR / "var" / "evaluation-report.png"), full_page=True)
    page.get_by_role("button", name="在成果页公开").click()
    page.get_by_text("已在成果页面公开评价标识。").wait_for()

    page.context.clear_cookies()
    page.goto(page.base_url + f"/achievements/{achievement.pk}/")
    assert page.get_by_test_id("evaluation-badge").inner_text() == "已评价 · 综合 81"
