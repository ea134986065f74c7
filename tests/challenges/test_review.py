"""Expert review: assignment from the expert pool, conflict declaration first, then scores."""

import pytest

from challenges import selectors, services
from challenges.errors import ChallengeError
from tests.factories import MembershipFactory, UserFactory

from .factories import GOOD_SCORES, closed_with_applications, expert_user, reviewed, staff_user

pytestmark = pytest.mark.django_db


def _under_review(n=2, **fields):
    staff = staff_user()
    challenge, apps = closed_with_applications(n, **fields)
    services.start_review(challenge=challenge, by=staff)
    return challenge, apps, staff


def test_only_experts_from_the_pool_can_be_assigned():
    challenge, _apps, staff = _under_review()
    with pytest.raises(ChallengeError, match="不在评审专家库"):
        services.assign_expert(challenge=challenge, expert=UserFactory(), by=staff)
    expert = expert_user()
    services.assign_expert(challenge=challenge, expert=expert, by=staff)
    with pytest.raises(ChallengeError, match="已被指派"):
        services.assign_expert(challenge=challenge, expert=expert, by=staff)


def test_experts_cannot_score_before_declaring_conflicts():
    challenge, apps, staff = _under_review()
    expert = expert_user()
    assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff)
    with pytest.raises(ChallengeError, match="利益冲突声明"):
        services.score_application(
            assignment=assignment, application=apps[0], by=expert, scores=GOOD_SCORES
        )
    services.declare_conflicts(assignment=assignment, by=expert, conflicted=[])
    review = services.score_application(
        assignment=assignment, application=apps[0], by=expert, scores=GOOD_SCORES
    )
    # 90×.4 + 85×.25 + 80×.15 + 88×.2
    assert str(review.weighted_total) == "86.85"


def test_a_declared_conflict_blocks_scoring_that_application_and_drops_earlier_scores():
    challenge, apps, staff = _under_review()
    expert = expert_user()
    assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff)
    services.declare_conflicts(assignment=assignment, by=expert, conflicted=[])
    services.score_application(
        assignment=assignment, application=apps[0], by=expert, scores=GOOD_SCORES
    )
    services.declare_conflicts(
        assignment=assignment, by=expert, conflicted=[apps[0]], statement="曾与该团队合作"
    )
    assert not assignment.reviews.filter(application=apps[0]).exists()
    with pytest.raises(ChallengeError, match="回避"):
        services.score_application(
            assignment=assignment, application=apps[0], by=expert, scores=GOOD_SCORES
        )
    assert list(selectors.reviewable_applications(assignment)) == [apps[1]]


def test_only_the_assigned_expert_declares_and_scores():
    challenge, apps, staff = _under_review()
    expert = expert_user()
    assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff)
    intruder = expert_user()
    with pytest.raises(ChallengeError, match="本人"):
        services.declare_conflicts(assignment=assignment, by=intruder, conflicted=[])


def test_scores_must_cover_the_whole_rubric():
    challenge, apps, staff = _under_review()
    expert = expert_user()
    assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff)
    services.declare_conflicts(assignment=assignment, by=expert, conflicted=[])
    with pytest.raises(ChallengeError, match="评分细则"):
        services.score_application(
            assignment=assignment, application=apps[0], by=expert, scores={"technical": 90}
        )


def test_the_ranking_uses_a_trimmed_mean_from_five_experts():
    challenge, apps, _staff, experts = reviewed(n_apps=2, n_experts=5)
    apps[0].refresh_from_db()
    apps[1].refresh_from_db()
    # expert i gives app j 90 - 10j - i on every criterion: app 0 gets 90..86, trimmed mean 88.
    assert str(apps[0].total_score) == "88.00"
    assert str(apps[1].total_score) == "78.00"
    assert (apps[0].rank, apps[1].rank) == (1, 2)


def test_experts_are_suggested_by_field_without_anyone_from_involved_organizations():
    challenge, apps, _staff = _under_review()
    matching = expert_user("wood_furniture")
    expert_user("food")
    involved = expert_user("wood_furniture")
    MembershipFactory(user=involved, organization=apps[0].lead_organization, role="member")
    suggested = [p.user for p in selectors.suggest_experts(challenge)]
    assert suggested == [matching]
