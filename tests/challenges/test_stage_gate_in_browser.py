"""赛马制 stage gate in a real browser: a team uploads its stage-one result, an expert scores it
on the stage-gate rubric, staff compare the teams side by side and choose who goes on."""

from pathlib import Path

import pytest

from challenges import services
from challenges.models import ExpertAssignment, Milestone
from tests.browser import log_in

from .factories import racing, result_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GATE = {"指标完成度": "92", "技术成熟度": "85", "成本与推广前景": "80", "进度与经费执行": "88"}


def test_result_upload_scoring_comparison_and_decision(page, home_page, industries, tmp_path):
    challenge, teams, staff, experts, milestones = racing(n=2, title="预制菜低温杀菌装备")
    first, second = teams
    owner = challenge.created_by

    # 1. The first team uploads its stage-one result with the report.
    report = Path(tmp_path) / "第一阶段成果报告.pdf"
    report.write_bytes(b"%PDF-1.4\n% stage one\n%%EOF\n")
    log_in(page, first.lead)
    page.goto(page.base_url + first.get_absolute_url())
    page.get_by_label("成果说明").fill("中试样机连续运行 120 小时")
    page.get_by_label("成果报告文件").set_input_files(str(report))
    page.get_by_role("button", name="提交阶段成果").click()
    page.get_by_text("阶段成果已提交").wait_for()
    assert page.get_by_role("link", name="第一阶段成果报告.pdf").is_visible()

    # The second team's result, and the owner's acceptance of both (pages tested elsewhere).
    ms = {m.application_id: m for m in Milestone.objects.filter(challenge=challenge, stage=1)}
    services.submit_stage_result(
        milestone=ms[second.pk], by=second.lead, summary="样机运行 80 小时", upload=result_pdf()
    )
    for milestone in ms.values():
        services.accept_milestone(milestone=milestone, by=owner, accepted=True, note="通过")

    # 2. An expert of the challenge scores the first team on the stage-gate rubric.
    expert = experts[0]
    assignment = ExpertAssignment.objects.get(challenge=challenge, expert=expert)
    log_in(page, expert)
    page.goto(page.base_url + f"/challenges/review/{assignment.pk}/")
    page.get_by_role("row", name=first.team_name).get_by_role("link", name="阶段评分").click()
    for label, value in GATE.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="保存阶段评分").click()
    page.get_by_role("heading", name="赛马阶段评审：第一阶段成果").wait_for()
    assert "87.25" in page.get_by_role("row", name=first.team_name).last.inner_text()

    # The other scores (same service the page calls).
    low = {"indicators": 70, "maturity": 70, "cost": 70, "execution": 70}
    high = {"indicators": 90, "maturity": 86, "cost": 80, "execution": 88}
    services.score_stage_results(assignment=assignment, application=second, by=expert, scores=low)
    other = ExpertAssignment.objects.get(challenge=challenge, expert=experts[1])
    for team, scores in ((first, high), (second, low)):
        services.score_stage_results(
            assignment=other, application=team, by=experts[1], scores=scores
        )

    # 3. Staff compare the teams side by side and choose who goes on.
    log_in(page, staff)
    page.goto(page.base_url + f"/challenges/{challenge.pk}/stage-gate/")
    ranks = page.get_by_role("row", name="排名").inner_text()
    assert ranks.split()[1:] == ["1", "2"]
    page.get_by_label(first.team_name).check()
    page.get_by_label("决定说明").fill("依据阶段评审排名")
    page.get_by_role("button", name="确定第二阶段团队").click()
    page.get_by_text("第二阶段团队已确定").wait_for()
    assert page.get_by_text("赛马第二阶段胜出").is_visible()
    assert page.get_by_text("赛马第二阶段未入选").is_visible()
