from decimal import Decimal

import pytest

from evaluation import services
from evaluation.errors import EvaluationError
from evaluation.models import IndicatorScore, Status

from .factories import (
    ExpertFactory,
    accepted,
    completed,
    score,
    scoring,
    staff_user,
    uniform_scores,
)

pytestmark = pytest.mark.django_db


def test_scoring_cannot_start_with_fewer_than_three_experts():
    evaluation = accepted()
    staff = staff_user()
    for _ in range(2):
        services.assign_expert(evaluation=evaluation, expert=ExpertFactory().user, by=staff)

    with pytest.raises(EvaluationError, match="至少需要指派 3 位"):
        services.start_scoring(evaluation=evaluation, by=staff)


def test_an_expert_must_declare_conflicts_before_scoring():
    evaluation = accepted()
    staff = staff_user()
    assignments = [
        services.assign_expert(evaluation=evaluation, expert=ExpertFactory().user, by=staff)
        for _ in range(3)
    ]
    services.start_scoring(evaluation=evaluation, by=staff)
    evaluation.refresh_from_db()

    with pytest.raises(EvaluationError, match="利益冲突声明"):
        score(assignments[0], 80)


def test_a_conflicted_expert_cannot_score_and_does_not_count():
    evaluation, assignments = scoring()
    conflicted = assignments[0]
    conflicted.declared_at = None
    conflicted.save()
    services.declare_conflict(
        assignment=conflicted, by=conflicted.expert, has_conflict=True, statement="曾与成果团队合作"
    )

    with pytest.raises(EvaluationError, match="回避"):
        score(conflicted, 80)
    assert services.active_assignments(evaluation).count() == 2


def test_every_indicator_needs_an_evidence_note():
    evaluation, assignments = scoring()
    scores = uniform_scores(evaluation, 80)
    first = next(iter(scores))
    scores[first] = (Decimal("80"), "   ")

    with pytest.raises(EvaluationError, match="评分依据"):
        services.submit_scores(
            assignment=assignments[0], by=assignments[0].expert, scores=scores, comment="好"
        )
    assert not IndicatorScore.objects.exists()


def test_only_the_assigned_expert_can_score():
    evaluation, assignments = scoring()

    with pytest.raises(EvaluationError, match="本人"):
        services.submit_scores(
            assignment=assignments[0],
            by=assignments[1].expert,
            scores=uniform_scores(evaluation, 80),
            comment="好",
        )


def test_agreeing_experts_lead_to_a_report_with_a_verification_code():
    evaluation = completed(values=(80, 82, 84))

    assert evaluation.overall_score == Decimal("82.00")
    assert evaluation.overall_rounded == 82
    assert not evaluation.has_disagreement
    assert evaluation.verification_code.startswith("LYPJ-")
    assert evaluation.issued_at is not None


def test_the_report_cannot_be_issued_before_every_expert_has_scored():
    evaluation, assignments = scoring()
    score(assignments[0], 80)
    score(assignments[1], 80)

    with pytest.raises(EvaluationError, match="尚有专家未提交"):
        services.finalise_evaluation(evaluation=evaluation, by=staff_user(), summary="结论")
    evaluation.refresh_from_db()
    assert evaluation.status == Status.SCORING


def test_experts_are_told_of_their_task_and_staff_of_a_conflict(
    django_capture_on_commit_callbacks,
):
    from notifications.models import Notification

    evaluation = accepted()
    staff = staff_user()
    expert = ExpertFactory().user
    with django_capture_on_commit_callbacks(execute=True):
        assignment = services.assign_expert(evaluation=evaluation, expert=expert, by=staff)
        services.declare_conflict(
            assignment=assignment, by=expert, has_conflict=True, statement="系成果完成人的导师"
        )

    task = Notification.objects.get(user=expert, event="evaluation_expert_assigned")
    assert task.url == f"/evaluation/reviews/{assignment.pk}/"
    assert Notification.objects.filter(
        user=staff, url=f"/admin/evaluation/{evaluation.pk}/"
    ).exists()
