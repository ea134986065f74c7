import pytest

from evaluation import services
from evaluation.errors import EvaluationError
from evaluation.models import EvaluationSettings, Status

from .factories import score, scoring, staff_user

pytestmark = pytest.mark.django_db


def test_experts_far_apart_move_the_evaluation_into_moderated_discussion():
    evaluation, assignments = scoring()
    for assignment, value in zip(assignments, (90, 60, 75), strict=True):
        score(assignment, value)

    evaluation.refresh_from_db()
    assert evaluation.status == Status.DISCUSSION
    assert evaluation.has_disagreement
    assert evaluation.spreads["technology"] == "30.00"


def test_the_threshold_is_configurable_by_staff():
    settings = EvaluationSettings.load()
    settings.disagreement_threshold = 35
    settings.save()
    evaluation, assignments = scoring()
    for assignment, value in zip(assignments, (90, 60, 75), strict=True):
        score(assignment, value)

    evaluation.refresh_from_db()
    assert evaluation.status == Status.SCORING
    assert not evaluation.has_disagreement


def test_no_discussion_is_opened_before_the_whole_panel_has_scored():
    evaluation, assignments = scoring()
    score(assignments[0], 95)
    score(assignments[1], 40)

    evaluation.refresh_from_db()
    assert evaluation.status == Status.SCORING
    assert evaluation.has_disagreement


def test_a_discussed_evaluation_needs_the_moderators_conclusion_before_the_report():
    evaluation, assignments = scoring()
    for assignment, value in zip(assignments, (90, 60, 75), strict=True):
        score(assignment, value)
    evaluation.refresh_from_db()
    staff = staff_user()
    services.post_discussion(evaluation=evaluation, by=staff, body="请专家B说明市场规模评分理由。")
    services.post_discussion(
        evaluation=evaluation, by=assignments[1].expert, body="已补充阅读检测报告，调整评分。"
    )
    score(assignments[1], 72)

    with pytest.raises(EvaluationError, match="分歧讨论的结论"):
        services.finalise_evaluation(evaluation=evaluation, by=staff, summary="结论")

    services.finalise_evaluation(
        evaluation=evaluation, by=staff, summary="结论", moderation_note="经讨论，专家B调整评分。"
    )
    evaluation.refresh_from_db()
    assert evaluation.status == Status.COMPLETED
    assert evaluation.moderation_note == "经讨论，专家B调整评分。"
    assert not evaluation.has_disagreement


def test_outsiders_cannot_join_the_discussion():
    evaluation, assignments = scoring()
    for assignment, value in zip(assignments, (90, 60, 75), strict=True):
        score(assignment, value)
    evaluation.refresh_from_db()
    from .factories import UserFactory

    with pytest.raises(EvaluationError, match="只有评审专家"):
        services.post_discussion(evaluation=evaluation, by=UserFactory(), body="我也想说两句")
