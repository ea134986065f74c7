"""赛马制 stage gate: same milestones for every team, results with files, the challenge's experts
score them on the stage-gate rubric, staff decide from the ranking; money follows the decision."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from challenges import selectors, services
from challenges.errors import ChallengeError
from challenges.models import Award, ExpertAssignment, Milestone, Phase

from .factories import racing, result_pdf, reviewed

pytestmark = pytest.mark.django_db
GATE_SCORES = {"indicators": 90, "maturity": 80, "cost": 70, "execution": 85}


def _assignment(challenge, expert):
    return ExpertAssignment.objects.get(challenge=challenge, expert=expert)


def _deliver_and_accept(challenge, milestones):
    for milestone in milestones:
        services.submit_stage_result(
            milestone=milestone,
            by=milestone.application.lead,
            summary="中试样机完成，检测报告附后",
            upload=result_pdf(),
        )
        services.accept_milestone(
            milestone=milestone, by=challenge.created_by, accepted=True, note="验收通过"
        )


def _score_all(challenge, teams, experts, base=90):
    for e, expert in enumerate(experts):
        for t, team in enumerate(teams):
            value = base - 10 * t - e
            services.score_stage_results(
                assignment=_assignment(challenge, expert),
                application=team,
                by=expert,
                scores=dict.fromkeys(GATE_SCORES, value),
            )


# ---------------------------------------------------------------- the same milestones


def test_every_stage_one_team_gets_the_same_milestone():
    challenge, teams, _staff, _experts, milestones = racing()
    assert {m.application_id for m in milestones} == {t.pk for t in teams}
    assert {(m.title, m.stage, m.payout_cny) for m in milestones} == {
        ("第一阶段：中试样机", 1, 100000)
    }


def test_shared_milestones_are_for_horse_races_and_their_owners_only():
    challenge, apps, staff, _experts = reviewed(n_apps=1)
    with pytest.raises(ChallengeError, match="只有赛马制"):
        services.plan_stage_one_milestone(
            challenge=challenge,
            by=challenge.created_by,
            title="样机",
            deliverables="样机",
            due_date=timezone.localdate(),
        )
    race, _teams, _staff, _experts, _ms = racing(n=2)
    with pytest.raises(ChallengeError, match="发榜单位管理员"):
        services.plan_stage_one_milestone(
            challenge=race,
            by=_teams[0].lead,
            title="样机",
            deliverables="样机",
            due_date=timezone.localdate(),
        )


# ---------------------------------------------------------------- results


def test_a_team_uploads_its_result_which_hands_the_milestone_in(django_capture_on_commit_callbacks):
    challenge, teams, _staff, _experts, milestones = racing(n=2)
    milestone = milestones[0]
    result = services.submit_stage_result(
        milestone=milestone, by=milestone.application.lead, summary="样机达标", upload=result_pdf()
    )
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.DELIVERED
    assert result.file_name == "阶段成果报告.pdf"
    assert not result.file.name.endswith("阶段成果报告.pdf")  # stored under a random name
    assert selectors.results_complete(milestone.application)


def test_only_the_teams_lead_submits_its_result():
    challenge, teams, _staff, _experts, milestones = racing(n=2)
    with pytest.raises(ChallengeError, match="团队负责人"):
        services.submit_stage_result(
            milestone=milestones[0], by=teams[1].lead, summary="x", upload=result_pdf()
        )
    with pytest.raises(ChallengeError, match="团队负责人"):
        services.submit_stage_result(
            milestone=milestones[0], by=challenge.created_by, summary="x", upload=result_pdf()
        )


def test_a_result_file_must_be_what_it_claims():
    _challenge, _teams, _staff, _experts, milestones = racing(n=2)
    lead = milestones[0].application.lead
    fake = SimpleUploadedFile("报告.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ChallengeError, match="不符"):
        services.submit_stage_result(milestone=milestones[0], by=lead, summary="x", upload=fake)
    script = SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")
    with pytest.raises(ChallengeError, match="不支持"):
        services.submit_stage_result(milestone=milestones[0], by=lead, summary="x", upload=script)
    with pytest.raises(ChallengeError, match="成果说明"):
        services.submit_stage_result(
            milestone=milestones[0], by=lead, summary=" ", upload=result_pdf()
        )


def test_an_accepted_result_cannot_be_replaced():
    challenge, _teams, _staff, _experts, milestones = racing(n=2)
    _deliver_and_accept(challenge, milestones[:1])
    with pytest.raises(ChallengeError, match="已验收"):
        services.submit_stage_result(
            milestone=milestones[0],
            by=milestones[0].application.lead,
            summary="改",
            upload=result_pdf(),
        )


# ---------------------------------------------------------------- scoring


def test_the_challenges_experts_score_results_on_the_stage_gate_rubric():
    challenge, teams, _staff, experts, milestones = racing(n=2)
    _deliver_and_accept(challenge, milestones)
    review = services.score_stage_results(
        assignment=_assignment(challenge, experts[0]),
        application=teams[0],
        by=experts[0],
        scores=GATE_SCORES,
    )
    assert review.phase == Phase.STAGE_GATE
    assert str(review.weighted_total) == "82.75"
    teams[0].refresh_from_db()
    # The application ranking from the call is untouched by stage-gate scores.
    assert teams[0].total_score is not None and teams[0].rank is not None
    assert [c.code for c in selectors.rubric_of(challenge, Phase.STAGE_GATE)] == list(GATE_SCORES)


def test_results_cannot_be_scored_before_they_are_all_in():
    challenge, teams, _staff, experts, _milestones = racing(n=2)
    with pytest.raises(ChallengeError, match="尚未提交全部"):
        services.score_stage_results(
            assignment=_assignment(challenge, experts[0]),
            application=teams[0],
            by=experts[0],
            scores=GATE_SCORES,
        )


def test_only_the_assigned_expert_scores_with_their_own_assignment():
    challenge, teams, staff, experts, milestones = racing(n=2)
    _deliver_and_accept(challenge, milestones)
    with pytest.raises(ChallengeError, match="专家本人"):
        services.score_stage_results(
            assignment=_assignment(challenge, experts[0]),
            application=teams[0],
            by=experts[1],
            scores=GATE_SCORES,
        )
    with pytest.raises(ChallengeError, match="逐项打分"):
        services.score_stage_results(
            assignment=_assignment(challenge, experts[0]),
            application=teams[0],
            by=experts[0],
            scores={"indicators": 120},
        )


def test_an_expert_who_declared_a_conflict_with_a_team_cannot_score_it():
    challenge, teams, _staff, experts, milestones = racing(n=2)
    _deliver_and_accept(challenge, milestones)
    assignment = _assignment(challenge, experts[0])
    assignment.conflicted_applications.add(teams[0])
    with pytest.raises(ChallengeError, match="利益冲突"):
        services.score_stage_results(
            assignment=assignment, application=teams[0], by=experts[0], scores=GATE_SCORES
        )


def test_a_tie_that_appears_later_is_caught_by_conflicts_of():
    challenge, teams, _staff, experts, milestones = racing(n=2)
    _deliver_and_accept(challenge, milestones)
    expert = experts[0]
    teams[0].members.create(name="李明", organization_name="山东省林业科学研究院", title="研究员")
    assert selectors.conflicts_of(expert, challenge)
    with pytest.raises(ChallengeError, match="利益冲突"):
        services.score_stage_results(
            assignment=_assignment(challenge, expert),
            application=teams[0],
            by=expert,
            scores=GATE_SCORES,
        )


def test_the_stage_gate_rubric_is_fixed_once_scoring_starts():
    challenge, teams, _staff, experts, milestones = racing(n=2)
    owner = challenge.created_by
    with pytest.raises(ChallengeError, match="100"):
        services.set_stage_gate_rubric(challenge=challenge, by=owner, criteria=[("a", "指标", 90)])
    services.set_stage_gate_rubric(
        challenge=challenge,
        by=owner,
        criteria=[("indicators", "指标完成度", 60), ("cost", "成本", 40)],
    )
    _deliver_and_accept(challenge, milestones)
    services.score_stage_results(
        assignment=_assignment(challenge, experts[0]),
        application=teams[0],
        by=experts[0],
        scores={"indicators": 80, "cost": 90},
    )
    with pytest.raises(ChallengeError, match="不能再修改"):
        services.set_stage_gate_rubric(
            challenge=challenge, by=owner, criteria=[("indicators", "指标完成度", 100)]
        )


# ---------------------------------------------------------------- the board and the decision


def test_the_board_ranks_teams_side_by_side():
    challenge, teams, _staff, experts, milestones = racing(n=3)
    _deliver_and_accept(challenge, milestones)
    _score_all(challenge, teams, experts)
    board = selectors.stage_gate_board(challenge)
    assert [c["team"].pk for c in board["columns"]] == [t.pk for t in teams]
    assert [c["rank"] for c in board["columns"]] == [1, 2, 3]
    assert [str(c["total"]) for c in board["columns"]] == ["89.50", "79.50", "69.50"]
    criterion, values = board["rows"][0]
    assert criterion.code == "indicators" and [str(v) for v in values] == [
        "89.50",
        "79.50",
        "69.50",
    ]


def test_staff_decide_from_the_ranking_and_stage_two_follows(django_capture_on_commit_callbacks):
    challenge, teams, staff, experts, milestones = racing(n=3)
    owner = challenge.created_by
    stage_two = [
        services.add_milestone(
            challenge=challenge,
            application=team,
            by=owner,
            title="第二阶段：产线验证",
            deliverables="产线",
            due_date=timezone.localdate() + timedelta(days=300),
            payout_cny=200000,
            stage=2,
        )
        for team in teams
    ]
    with pytest.raises(ChallengeError, match="尚未全部验收"):
        services.decide_stage_gate(challenge=challenge, by=staff, winners=teams[:2])
    _deliver_and_accept(challenge, milestones)
    with pytest.raises(ChallengeError, match="没有专家评分"):
        services.decide_stage_gate(challenge=challenge, by=staff, winners=teams[:2])
    _score_all(challenge, teams, experts)
    with pytest.raises(ChallengeError, match="平台工作人员"):
        services.decide_stage_gate(challenge=challenge, by=owner, winners=teams[:2])
    with pytest.raises(ChallengeError, match="至少选择"):
        services.decide_stage_gate(challenge=challenge, by=staff, winners=[])

    with django_capture_on_commit_callbacks(execute=True):
        services.decide_stage_gate(challenge=challenge, by=staff, winners=teams[:2], note="前两名")
    awards = dict(challenge.applications.values_list("pk", "award"))
    assert [awards[t.pk] for t in teams] == [Award.STAGE_TWO, Award.STAGE_TWO, Award.STAGE_TWO_OUT]
    stage_two[2].refresh_from_db()
    assert (stage_two[2].status, stage_two[2].payout_status) == ("cancelled", "void")
    event = challenge.activity.get(action="challenge.stage_gate_decision")
    assert "1. 攻关团队0 89.50（进入第二阶段）" in event.note
    assert teams[2].lead.notifications.filter(title__contains="赛马第一阶段").exists()

    # The team that stops keeps its accepted stage-one money: paid through the milestone path.
    loser_milestone = Milestone.objects.get(application=teams[2], stage=1)
    services.record_milestone_payout(milestone=loser_milestone, by=staff, reference="BANK-0001")
    loser_milestone.refresh_from_db()
    assert loser_milestone.payout_status == Milestone.Payout.PAID

    with pytest.raises(ChallengeError, match="已经确定"):
        services.decide_stage_gate(challenge=challenge, by=staff, winners=teams[:1])
    with pytest.raises(ChallengeError, match="已经确定"):
        services.score_stage_results(
            assignment=_assignment(challenge, experts[0]),
            application=teams[0],
            by=experts[0],
            scores=GATE_SCORES,
        )


def test_winners_come_from_the_stage_one_teams():
    challenge, teams, staff, experts, milestones = racing(n=2)
    _deliver_and_accept(challenge, milestones)
    _score_all(challenge, teams, experts)
    other, *_ = reviewed(n_apps=1)[1]
    with pytest.raises(ChallengeError, match="第一阶段入围"):
        services.decide_stage_gate(challenge=challenge, by=staff, winners=[other])


def test_non_race_challenges_have_no_stage_gate():
    challenge, apps, staff, _experts = reviewed(n_apps=1)
    with pytest.raises(ChallengeError, match="只有赛马制"):
        services.decide_stage_gate(challenge=challenge, by=staff, winners=apps)
