import pytest
from django.core.management import call_command

from evaluation import selectors
from evaluation.models import EvaluationRequest, IndicatorScore, Status
from marketplace.models import Achievement
from tests.factories import industry

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_published_report_and_a_panel_still_scoring():
    industry()  # re-seeds the taxonomy if a transactional test flushed a reused database
    call_command("load_demo")

    finished = EvaluationRequest.objects.get(achievement__external_id="DEMO-A01")
    ongoing = EvaluationRequest.objects.get(achievement__external_id="DEMO-A02")
    assert finished.status == Status.COMPLETED and finished.badge_public
    assert finished.assignments.filter(submitted_at__isnull=False).count() == 3
    assert 75 <= selectors.published_overall(finished.achievement) <= 90
    assert ongoing.status == Status.SCORING
    assert ongoing.assignments.filter(submitted_at__isnull=False).count() == 1
    assert selectors.published_overall(ongoing.achievement) is None
    # Each evaluation's evidence speaks of its own achievement: the coating's not of soy glue.
    coating = " ".join(
        IndicatorScore.objects.filter(assignment__evaluation=ongoing).values_list(
            "evidence", flat=True
        )
    )
    glue = " ".join(
        IndicatorScore.objects.filter(assignment__evaluation=finished).values_list(
            "evidence", flat=True
        )
    )
    assert "等离子体" in coating and "豆粕" not in coating and "大豆" not in coating
    assert "豆粕" in glue and "等离子体" not in glue

    call_command("load_demo")
    assert EvaluationRequest.objects.count() == 2
    assert selectors.published_overall(Achievement.objects.get(external_id="DEMO-A01")) == (
        finished.overall_rounded
    )
