"""Conflicts of interest are enforced by the services, not only declared by the expert."""

import pytest

from accounts.models import Membership
from challenges import selectors, services
from challenges.errors import ChallengeError
from challenges.models import Application, ExpertAssignment
from tests.factories import MembershipFactory

from .factories import (
    GOOD_SCORES,
    expert_user,
    org_admin,
    pass_deadline,
    published_challenge,
    staff_user,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def _under_review(challenge):
    return services.start_review(challenge=challenge, by=staff_user())


def test_an_expert_leading_an_application_cannot_be_assigned_to_the_challenge():
    challenge = published_challenge()
    expert = expert_user()
    submitted_application(challenge, lead=expert, team="专家自己的团队")
    with pytest.raises(ChallengeError) as refused:
        services.assign_expert(challenge=challenge, expert=expert, by=staff_user())
    assert "利益冲突" in refused.value.message
    assert "是申报团队「专家自己的团队」的负责人" in refused.value.message
    assert not challenge.assignments.exists()


def _review_opened(challenge, assignment):
    pass_deadline(challenge)
    services.close_due_challenges()
    _under_review(challenge)
    services.declare_conflicts(assignment=assignment, by=assignment.expert, conflicted=[])


def test_an_expert_leading_an_application_cannot_score_it():
    challenge = published_challenge()
    expert = expert_user()
    own = submitted_application(challenge, lead=expert, team="专家自己的团队")
    # An assignment made before the rule existed (assign_expert now refuses it).
    assignment = ExpertAssignment.objects.create(challenge=challenge, expert=expert)
    _review_opened(challenge, assignment)
    with pytest.raises(ChallengeError) as refused:
        services.score_application(
            assignment=assignment,
            application=own,
            by=expert,
            scores={code: 100 for code in GOOD_SCORES},
        )
    assert "须回避评分" in refused.value.message
    assert not own.reviews.exists()
    own.refresh_from_db()
    assert own.total_score is None and own.rank is None


def test_an_expert_cannot_score_once_a_team_from_their_unit_applied_after_assignment():
    challenge = published_challenge()
    expert = expert_user()  # works at 山东省林业科学研究院
    assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff_user())
    application = submitted_application(challenge, team="林科团队")
    colleague = {"name": "赵林", "organization_name": "山东省林业科学研究院", "title": "研究员"}
    services.update_application(application=application, by=application.lead, members=[colleague])
    other = submitted_application(challenge, team="另一团队")
    _review_opened(challenge, assignment)
    with pytest.raises(ChallengeError) as refused:
        services.score_application(
            assignment=assignment, application=other, by=expert, scores=GOOD_SCORES
        )
    assert "所在单位「山东省林业科学研究院」参与申报团队「林科团队」" in refused.value.message


def test_an_expert_in_the_owner_organization_cannot_be_assigned():
    challenge = published_challenge()
    expert = expert_user()
    MembershipFactory(user=expert, organization=challenge.organization, role="member")
    with pytest.raises(ChallengeError) as refused:
        services.assign_expert(challenge=challenge, expert=expert, by=staff_user())
    assert "属于发榜单位" in refused.value.message


def test_an_expert_in_an_applicant_organization_cannot_be_assigned():
    challenge = published_challenge()
    lead, university = org_admin(kind="university", name="临沂大学")
    submitted_application(challenge, lead=lead, organization=university, team="临大团队")
    expert = expert_user()
    MembershipFactory(user=expert, organization=university, role=Membership.Role.MEMBER)
    with pytest.raises(ChallengeError) as refused:
        services.assign_expert(challenge=challenge, expert=expert, by=staff_user())
    assert "属于申报单位「临沂大学」" in refused.value.message


def test_an_expert_whose_affiliation_is_a_team_members_unit_cannot_be_assigned():
    challenge = published_challenge()
    submitted_application(challenge, team="联合团队")  # a member from 沂蒙理工学院
    expert = expert_user()
    expert.expert_profile.affiliation = "沂蒙理工学院"
    expert.expert_profile.save()
    with pytest.raises(ChallengeError) as refused:
        services.assign_expert(challenge=challenge, expert=expert, by=staff_user())
    assert "所在单位「沂蒙理工学院」参与申报团队「联合团队」" in refused.value.message


def test_an_assigned_expert_cannot_apply_to_the_challenge():
    challenge = published_challenge()
    expert = expert_user()
    services.assign_expert(challenge=challenge, expert=expert, by=staff_user())
    with pytest.raises(ChallengeError) as refused:
        services.start_application(challenge=challenge, by=expert, team_name="评审专家的团队")
    assert refused.value.message == "您是本榜单的评审专家，不能申报。"
    assert not challenge.applications.exists()


def test_an_assigned_expert_cannot_join_a_team():
    challenge = published_challenge()
    expert = expert_user()
    services.assign_expert(challenge=challenge, expert=expert, by=staff_user())
    lead, _org = org_admin(kind="university")
    application = services.start_application(challenge=challenge, by=lead, team_name="团队")
    member = {"name": expert.name, "organization_name": "山东省林业科学研究院", "title": "教授"}
    with pytest.raises(ChallengeError) as refused:
        services.update_application(application=application, by=lead, members=[member])
    assert "评审专家不能加入申报团队" in refused.value.message
    assert not application.members.exists()


def test_the_apply_page_refuses_an_assigned_expert(client):
    challenge = published_challenge()
    expert = expert_user()
    services.assign_expert(challenge=challenge, expert=expert, by=staff_user())
    client.force_login(expert)
    response = client.post(f"/challenges/{challenge.pk}/apply/", {"team_name": "专家团队"})
    assert response.status_code == 200
    assert "您是本榜单的评审专家，不能申报。" in response.content.decode()
    assert not challenge.applications.exists()


def test_suggest_experts_leaves_out_every_conflicted_expert():
    challenge = published_challenge()
    submitted_application(challenge)
    clean = expert_user()
    leading = expert_user()  # leads a draft, which counts: it can be submitted until the deadline
    Application.objects.create(challenge=challenge, lead=leading, team_name="草稿")
    in_owner = expert_user()
    MembershipFactory(user=in_owner, organization=challenge.organization, role="member")
    same_unit = expert_user()
    same_unit.expert_profile.affiliation = "沂蒙理工学院"
    same_unit.expert_profile.save()
    suggested = {p.user for p in selectors.suggest_experts(challenge)}
    assert clean in suggested
    assert not suggested & {leading, in_owner, same_unit}


def test_conflicts_of_gives_every_reason_in_words():
    challenge = published_challenge()
    expert = expert_user()
    MembershipFactory(user=expert, organization=challenge.organization, role="member")
    submitted_application(challenge, lead=expert, team="甲团队")
    assert selectors.conflicts_of(expert, challenge) == [
        f"属于发榜单位「{challenge.organization}」",
        "是申报团队「甲团队」的负责人",
    ]
    assert selectors.conflicts_of(expert_user(), challenge) == []
