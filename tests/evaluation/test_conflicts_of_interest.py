"""Evaluation experts with a tie to the achievement or the request are refused by the services."""

import pytest

from accounts.models import Membership
from evaluation import selectors, services
from evaluation.errors import EvaluationError
from evaluation.models import ExpertAssignment
from tests.factories import AchievementFactory, MembershipFactory, OrganizationFactory

from .factories import ExpertFactory, accepted, owner_of, scoring, staff_user, uniform_scores

pytestmark = pytest.mark.django_db


def _requested_by_another_org():
    """A verified enterprise asks to evaluate a university's achievement, and it is accepted."""
    achievement = AchievementFactory()
    enterprise = OrganizationFactory(name="临沂沂河板业有限公司")
    requester = owner_of(enterprise)
    evaluation = services.request_evaluation(
        achievement=achievement, by=requester, category="transfer"
    )
    services.consent_to_evaluation(
        evaluation=evaluation, by=owner_of(achievement.organization), approve=True
    )
    services.waive_fee(evaluation=evaluation, by=staff_user(), reason="中心资助项目")
    return evaluation, enterprise


def test_the_requester_cannot_be_assigned_to_their_own_request():
    evaluation = accepted()
    requester = evaluation.requested_by
    ExpertFactory(user=requester)
    with pytest.raises(EvaluationError) as refused:
        services.assign_expert(evaluation=evaluation, expert=requester, by=staff_user())
    assert "是本评价的申请人" in refused.value.message
    assert not evaluation.assignments.exists()


def test_an_expert_in_the_requesting_organization_cannot_be_assigned():
    evaluation, enterprise = _requested_by_another_org()
    expert = ExpertFactory().user
    MembershipFactory(user=expert, organization=enterprise, role=Membership.Role.MEMBER)
    with pytest.raises(EvaluationError) as refused:
        services.assign_expert(evaluation=evaluation, expert=expert, by=staff_user())
    assert "属于申请机构「临沂沂河板业有限公司」" in refused.value.message


def test_an_expert_whose_affiliation_is_the_owner_cannot_be_assigned():
    evaluation = accepted()
    expert = ExpertFactory(affiliation=evaluation.achievement.organization.name).user
    with pytest.raises(EvaluationError) as refused:
        services.assign_expert(evaluation=evaluation, expert=expert, by=staff_user())
    assert "属于成果所属机构" in refused.value.message


def test_an_expert_who_joined_the_owner_after_assignment_cannot_score():
    evaluation, assignments = scoring()
    turncoat = assignments[0]
    MembershipFactory(user=turncoat.expert, organization=evaluation.achievement.organization)
    with pytest.raises(EvaluationError) as refused:
        services.submit_scores(
            assignment=turncoat,
            by=turncoat.expert,
            scores=uniform_scores(evaluation, 100),
            comment="极好",
        )
    assert "须回避评分" in refused.value.message
    turncoat.refresh_from_db()
    assert not turncoat.is_submitted and not turncoat.scores.exists()


def test_the_requester_cannot_score_an_assignment_made_before_the_rule():
    evaluation, _assignments = scoring()
    requester = evaluation.requested_by
    ExpertFactory(user=requester)
    legacy = ExpertAssignment.objects.create(evaluation=evaluation, expert=requester)
    services.declare_conflict(assignment=legacy, by=requester, has_conflict=False)
    with pytest.raises(EvaluationError, match="须回避评分"):
        services.submit_scores(
            assignment=legacy, by=requester, scores=uniform_scores(evaluation, 100), comment="好"
        )


def test_suggest_experts_leaves_out_conflicted_experts():
    evaluation, enterprise = _requested_by_another_org()
    clean = ExpertFactory()
    ExpertFactory(affiliation=enterprise.name)
    ExpertFactory(affiliation=evaluation.achievement.organization.name)
    ExpertFactory(user=evaluation.requested_by)
    assert selectors.suggest_experts(evaluation) == [clean]
    assert selectors.conflicts_of(clean.user, evaluation) == []
