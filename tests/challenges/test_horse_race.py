"""赛马制: several teams funded for stage one, then one continues to stage two."""

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges import services
from challenges.errors import ChallengeError
from challenges.models import ChallengeStatus, ExpertAssignment

from .factories import result_pdf, reviewed

pytestmark = pytest.mark.django_db


def _milestone(challenge, app, stage, payout):
    return services.add_milestone(
        challenge=challenge,
        application=app,
        by=challenge.created_by,
        title=f"第{stage}阶段样机",
        deliverables="样机与检测报告",
        due_date=timezone.localdate() + timedelta(days=90 * stage),
        payout_cny=payout,
        stage=stage,
    )


def _accept(milestone, lead, owner):
    if milestone.stage == 1:  # stage one hands in a result file for the stage gate
        services.submit_stage_result(
            milestone=milestone, by=lead, summary="已交付", upload=result_pdf()
        )
    else:
        services.deliver_milestone(milestone=milestone, by=lead, note="已交付")
    services.accept_milestone(milestone=milestone, by=owner, accepted=True, note="通过")


def _score_stage_one(challenge, racers, experts):
    """The stage gate: the challenge's experts score every racing team's results."""
    for expert in experts:
        assignment = ExpertAssignment.objects.get(challenge=challenge, expert=expert)
        for app in racers:
            services.score_stage_results(
                assignment=assignment,
                application=app,
                by=expert,
                scores={"indicators": 80, "maturity": 80, "cost": 80, "execution": 80},
            )


def test_horse_race_awards_several_teams_then_one_for_stage_two():
    challenge, apps, staff, experts = reviewed(
        n_apps=4, mechanism="horse_race", stage_one_slots=3, title="预制菜低温杀菌装备"
    )
    with pytest.raises(ChallengeError, match="最多支持 3 个"):
        services.announce_results(challenge=challenge, by=staff, winners=apps)
    racers = apps[:3]
    services.announce_results(challenge=challenge, by=staff, winners=racers)
    challenge.announcement_ends_at = timezone.now() - timedelta(seconds=1)
    challenge.save()
    services.confirm_award(challenge=challenge, by=staff)
    for app in racers:
        app.refresh_from_db()
        assert app.award == "stage_one"

    owner = challenge.created_by
    stage_one = [_milestone(challenge, app, 1, 100000) for app in racers]
    stage_two = [_milestone(challenge, app, 2, 300000) for app in racers[:2]]
    services.start_delivery(challenge=challenge, by=owner)

    with pytest.raises(ChallengeError, match="尚未全部验收"):
        services.award_stage_two(challenge=challenge, by=staff, winner=racers[1])
    for milestone, app in zip(stage_one, racers, strict=True):
        _accept(milestone, app.lead, owner)
    with pytest.raises(ChallengeError, match="第一阶段入围"):
        services.award_stage_two(challenge=challenge, by=staff, winner=apps[3])
    with pytest.raises(ChallengeError, match="第二阶段团队"):
        services.complete_challenge(challenge=challenge, by=owner)
    _score_stage_one(challenge, racers, experts)

    services.award_stage_two(challenge=challenge, by=staff, winner=racers[1])
    awards = {app.pk: app.award for app in challenge.applications.all()}
    assert awards[racers[1].pk] == "stage_two"
    assert awards[racers[0].pk] == awards[racers[2].pk] == "stage_two_out"
    stage_two[0].refresh_from_db()
    assert (stage_two[0].status, stage_two[0].payout_status) == ("cancelled", "void")

    _accept(stage_two[1], racers[1].lead, owner)
    services.complete_challenge(challenge=challenge, by=owner)
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.COMPLETED


def test_stage_two_exists_only_for_horse_races():
    challenge, apps, staff, _experts = reviewed(n_apps=1)
    services.announce_results(challenge=challenge, by=staff, winners=apps)
    challenge.announcement_ends_at = timezone.now() - timedelta(seconds=1)
    challenge.save()
    services.confirm_award(challenge=challenge, by=staff)
    with pytest.raises(ChallengeError, match="只有赛马制"):
        _milestone(challenge, apps[0], 2, 1000)
