import pytest
from django.core.management import call_command

from challenges.models import Challenge

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_challenge_of_each_mechanism_at_different_stages():
    call_command("load_demo")
    stages = dict(Challenge.objects.values_list("mechanism", "status"))
    assert stages == {
        "open_call": "under_review",
        "horse_race": "announced",
        "chief_scientist": "published",
    }
    race = Challenge.objects.get(mechanism="horse_race")
    assert race.applications.filter(award="stage_one").count() == 2
    assert race.objections.get().is_answered
    wood = Challenge.objects.get(mechanism="open_call")
    assert wood.blind_review and wood.assignments.get().reviews.count() == 1
    call_command("load_demo")
    assert Challenge.objects.count() == 3
