import pytest
from django.core.management import call_command

from challenges.models import Challenge, StageResult
from challenges.selectors import live_appointment, stage_gate_board

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_challenge_of_each_mechanism_at_different_stages():
    call_command("load_demo")
    # Besides the three stories, the science bureau's need DEMO-N03 has its draft 榜单 (转为榜单).
    assert Challenge.objects.get(source_need__external_id="DEMO-N03").status == "draft"
    stories = Challenge.objects.filter(source_need__isnull=True)
    stages = dict(stories.values_list("mechanism", "status"))
    assert stages == {
        "open_call": "under_review",
        "horse_race": "in_progress",
        "chief_scientist": "awarded",
    }
    race = stories.get(mechanism="horse_race")
    assert race.applications.filter(award__in=["stage_two", "stage_two_out"]).count() == 2
    assert race.objections.get().is_answered
    board = stage_gate_board(race)
    assert all(column["total"] is not None for column in board["columns"])
    assert StageResult.objects.filter(milestone__challenge=race).count() == 2
    agri = stories.get(mechanism="chief_scientist")
    chief = live_appointment(agri)
    assert chief.status == "approved" and chief.plan.members.count() == 4
    assert agri.activity.filter(action="challenge.cabinet_route_change").exists()
    wood = stories.get(mechanism="open_call")
    assert wood.blind_review and wood.assignments.get().reviews.count() == 1
    call_command("load_demo")
    assert Challenge.objects.count() == 4  # again: the three stories and DEMO-N03's draft
