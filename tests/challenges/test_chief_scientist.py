"""组阁制: the owner nominates a chief scientist, who accepts, assembles a team with a budget
split and submits the plan; experts review it, staff approve it; later changes are logged."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Organization
from challenges import selectors, services
from challenges.errors import ChallengeError
from challenges.models import Award, ChallengeStatus, ChiefAppointment
from core.errors import ActionRefused
from tests.factories import UserFactory

from .factories import (
    GOOD_SCORES,
    cabinet_plan_submitted,
    cabinet_team,
    expert_user,
    org_admin,
    published_challenge,
    staff_user,
)

pytestmark = pytest.mark.django_db


def _cabinet(**fields):
    return published_challenge(
        mechanism="chief_scientist", title="沂蒙山区特色农产品数字化", **fields
    )


def _researcher(**org):
    return org_admin(kind=Organization.Kind.UNIVERSITY, **org)


def _accepted():
    challenge = _cabinet()
    chief, org = _researcher()
    appointment = services.nominate_chief(challenge=challenge, by=challenge.created_by, chief=chief)
    services.respond_to_nomination(
        appointment=appointment, by=chief, accept=True, lead_organization=org
    )
    appointment.refresh_from_db()
    return challenge, appointment, chief


def _reviewed_plan():
    challenge, appointment, chief = cabinet_plan_submitted()
    staff = staff_user()
    services.start_review(challenge=challenge, by=staff)
    expert = expert_user()
    assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff)
    services.declare_conflicts(assignment=assignment, by=expert, conflicted=[])
    services.score_application(
        assignment=assignment, application=appointment.plan, by=expert, scores=GOOD_SCORES
    )
    return challenge, appointment, chief, staff


def _approved_and_awarded():
    challenge, appointment, chief, staff = _reviewed_plan()
    services.approve_cabinet_plan(challenge=challenge, by=staff, note="专家评审通过")
    challenge.refresh_from_db()
    challenge.announcement_ends_at = timezone.now() - timedelta(seconds=1)
    challenge.save()
    services.confirm_award(challenge=challenge, by=staff)
    appointment.refresh_from_db()
    return challenge, appointment, chief, staff


# ---------------------------------------------------------------- nomination


def test_a_cabinet_challenge_takes_no_open_applications():
    challenge = _cabinet()
    lead, org = _researcher()
    with pytest.raises(ChallengeError, match="不接受自由申报"):
        services.start_application(
            challenge=challenge, by=lead, team_name="自荐团队", lead_organization=org
        )


def test_the_owner_nominates_a_researcher_who_is_notified(django_capture_on_commit_callbacks):
    challenge = _cabinet()
    chief, _org = _researcher()
    with django_capture_on_commit_callbacks(execute=True):
        appointment = services.nominate_chief(
            challenge=challenge, by=challenge.created_by, chief=chief, note="请牵头组阁"
        )
    assert appointment.status == "nominated"
    assert chief.notifications.filter(title__contains="领衔专家").exists()
    assert challenge.activity.filter(action="challenge.chief_nominated").exists()


def test_an_expert_of_the_pool_may_be_nominated_too():
    challenge = _cabinet()
    chief = expert_user()
    appointment = services.nominate_chief(challenge=challenge, by=challenge.created_by, chief=chief)
    assert appointment.chief == chief


def test_nobody_but_the_owner_or_staff_nominates():
    challenge = _cabinet()
    chief, _org = _researcher()
    stranger, _ = org_admin()
    with pytest.raises(ChallengeError, match="发榜单位管理员"):
        services.nominate_chief(challenge=challenge, by=stranger, chief=chief)
    with pytest.raises(ChallengeError, match="发榜单位管理员"):
        services.nominate_chief(challenge=challenge, by=chief, chief=chief)


def test_a_nomination_is_refused_for_other_mechanisms_and_outside_the_call():
    chief, _org = _researcher()
    open_call = published_challenge()
    with pytest.raises(ChallengeError, match="只有组阁制"):
        services.nominate_chief(challenge=open_call, by=open_call.created_by, chief=chief)
    from .factories import draft_challenge

    draft = draft_challenge(mechanism="chief_scientist")
    with pytest.raises(ChallengeError, match="榜单发布后"):
        services.nominate_chief(challenge=draft, by=draft.created_by, chief=chief)


def test_only_experts_and_researchers_can_be_chief_scientists():
    challenge = _cabinet()
    entrepreneur, _org = org_admin(kind=Organization.Kind.ENTERPRISE)
    with pytest.raises(ChallengeError, match="专家库"):
        services.nominate_chief(challenge=challenge, by=challenge.created_by, chief=entrepreneur)
    with pytest.raises(ChallengeError, match="专家库"):
        services.nominate_chief(challenge=challenge, by=challenge.created_by, chief=UserFactory())


def test_an_assigned_reviewer_cannot_be_the_chief_scientist():
    challenge = _cabinet()
    expert = expert_user()
    services.assign_expert(challenge=challenge, expert=expert, by=staff_user())
    with pytest.raises(ChallengeError, match="评审专家不能担任"):
        services.nominate_chief(challenge=challenge, by=challenge.created_by, chief=expert)


def test_one_chief_at_a_time_and_another_after_a_decline():
    challenge = _cabinet()
    first, _ = _researcher()
    second, _ = _researcher()
    appointment = services.nominate_chief(challenge=challenge, by=challenge.created_by, chief=first)
    with pytest.raises(ChallengeError, match="已有领衔专家"):
        services.nominate_chief(challenge=challenge, by=challenge.created_by, chief=second)
    services.respond_to_nomination(appointment=appointment, by=first, accept=False, note="另有任务")
    again = services.nominate_chief(challenge=challenge, by=challenge.created_by, chief=second)
    assert selectors.live_appointment(challenge) == again
    declined = challenge.activity.filter(action="challenge.chief_declined", data__note="另有任务")
    assert declined.exists()


def test_only_the_nominee_answers_and_only_once():
    challenge = _cabinet()
    chief, org = _researcher()
    appointment = services.nominate_chief(challenge=challenge, by=challenge.created_by, chief=chief)
    with pytest.raises(ChallengeError, match="领衔专家本人"):
        services.respond_to_nomination(
            appointment=appointment, by=challenge.created_by, accept=True
        )
    services.respond_to_nomination(
        appointment=appointment, by=chief, accept=True, lead_organization=org
    )
    with pytest.raises(ChallengeError, match="已经答复"):
        services.respond_to_nomination(appointment=appointment, by=chief, accept=False)
    appointment.refresh_from_db()
    assert appointment.status == "accepted"
    assert appointment.plan.lead == chief
    assert list(appointment.plan.members.values_list("user", flat=True)) == [chief.pk]


def test_the_chief_cannot_lead_from_an_organization_they_do_not_belong_to():
    challenge = _cabinet()
    chief, _org = _researcher()
    _other, other_org = _researcher()
    appointment = services.nominate_chief(challenge=challenge, by=challenge.created_by, chief=chief)
    with pytest.raises(ChallengeError, match="所在的单位"):
        services.respond_to_nomination(
            appointment=appointment, by=chief, accept=True, lead_organization=other_org
        )


# ---------------------------------------------------------------- the team and its budget


def test_the_chief_invites_members_from_any_unit_with_a_budget_split(
    django_capture_on_commit_callbacks,
):
    challenge, appointment, chief = _accepted()
    invited = UserFactory(name="韩雪")
    members = cabinet_team(chief)
    members[2]["email"] = invited.email
    with django_capture_on_commit_callbacks(execute=True):
        plan = services.set_cabinet_team(appointment=appointment, by=chief, members=members)
    assert sum(m.budget_cny for m in plan.members.all()) == challenge.bounty_cny
    assert {m.organization_name for m in plan.members.all()} == {
        "沂蒙理工学院",
        "临沂大学",
        "山东沂蒙冷链物流有限公司",
    }
    assert invited.notifications.filter(title__contains="组阁团队").exists()


def test_a_budget_split_that_does_not_add_up_to_the_bounty_is_refused():
    _challenge, appointment, chief = _accepted()
    members = cabinet_team(chief)
    members[1]["budget_cny"] = Decimal("1")
    with pytest.raises(ChallengeError, match="须等于榜额"):
        services.set_cabinet_team(appointment=appointment, by=chief, members=members)
    members[1]["budget_cny"] = "-5"
    with pytest.raises(ChallengeError, match="负数"):
        services.set_cabinet_team(appointment=appointment, by=chief, members=members)


def test_the_team_must_include_the_chief_and_name_real_accounts():
    _challenge, appointment, chief = _accepted()
    members = cabinet_team(chief)
    with pytest.raises(ChallengeError, match="本人须列入"):
        services.set_cabinet_team(appointment=appointment, by=chief, members=members[1:])
    members[1]["email"] = "nobody@example.cn"
    with pytest.raises(ChallengeError, match="没有邮箱"):
        services.set_cabinet_team(appointment=appointment, by=chief, members=members)
    members[1]["email"] = ""
    members[1]["role"] = ""
    with pytest.raises(ChallengeError, match="分工"):
        services.set_cabinet_team(appointment=appointment, by=chief, members=members)


def test_only_the_chief_sets_the_team_and_only_while_forming_it():
    challenge, appointment, chief = _accepted()
    with pytest.raises(ChallengeError, match="领衔专家本人"):
        services.set_cabinet_team(
            appointment=appointment, by=challenge.created_by, members=cabinet_team(chief)
        )
    nominated = ChiefAppointment.objects.create(
        challenge=_cabinet(), chief=chief, nominated_by=challenge.created_by
    )
    with pytest.raises(ChallengeError, match="组阁期间"):
        services.set_cabinet_team(appointment=nominated, by=chief, members=cabinet_team(chief))


def test_a_reviewer_of_the_challenge_cannot_join_the_team():
    challenge, appointment, chief = _accepted()
    expert = expert_user()
    services.assign_expert(challenge=challenge, expert=expert, by=staff_user())
    members = cabinet_team(chief)
    members[1]["email"] = expert.email
    with pytest.raises(ChallengeError, match="评审专家不能加入"):
        services.set_cabinet_team(appointment=appointment, by=chief, members=members)


def test_the_team_form_cannot_replace_the_budgeted_team():
    _challenge, appointment, chief = _accepted()
    services.set_cabinet_team(appointment=appointment, by=chief, members=cabinet_team(chief))
    services.update_application(
        application=appointment.plan,
        by=chief,
        members=[{"name": "王五", "organization_name": "某单位"}],
    )
    assert appointment.plan.members.count() == 3


# ---------------------------------------------------------------- submission, review, approval


def test_submitting_the_plan_closes_the_call_for_review():
    challenge, appointment, _chief = cabinet_plan_submitted()
    assert appointment.status == "submitted"
    assert appointment.plan.status == "submitted"
    assert challenge.status == ChallengeStatus.CLOSED


def test_a_plan_whose_budget_no_longer_adds_up_cannot_be_submitted():
    challenge, appointment, chief = _accepted()
    services.set_cabinet_team(appointment=appointment, by=chief, members=cabinet_team(chief))
    type(challenge).objects.filter(pk=challenge.pk).update(bounty_cny=Decimal("2000000"))
    services.update_application(
        application=appointment.plan,
        by=chief,
        proposal="<p>方案</p>",
        declares_ip=True,
        declares_no_conflict=True,
        declares_truthful=True,
        responses={i.pk: {"promised_value": "达到"} for i in challenge.indicators.all()},
    )
    with pytest.raises(ChallengeError, match="须等于榜额"):
        services.submit_cabinet_plan(appointment=appointment, by=chief)


def test_an_expert_from_a_team_members_unit_is_refused_as_reviewer():
    challenge, _appointment, _chief = cabinet_plan_submitted()
    staff = staff_user()
    services.start_review(challenge=challenge, by=staff)
    colleague = expert_user()
    colleague.expert_profile.affiliation = "临沂大学"
    colleague.expert_profile.save()
    assert selectors.conflicts_of(colleague, challenge)
    with pytest.raises(ChallengeError, match="利益冲突"):
        services.assign_expert(challenge=challenge, expert=colleague, by=staff)


def test_staff_approve_a_reviewed_plan_for_the_public_notice():
    challenge, appointment, _chief, staff = _reviewed_plan()
    with pytest.raises(ChallengeError, match="平台工作人员"):
        services.approve_cabinet_plan(challenge=challenge, by=challenge.created_by)
    services.approve_cabinet_plan(challenge=challenge, by=staff, note="同意组阁方案")
    challenge.refresh_from_db()
    appointment.refresh_from_db()
    assert challenge.status == ChallengeStatus.ANNOUNCED
    assert appointment.status == "approved"
    assert appointment.plan.award == Award.WINNER
    with pytest.raises(ChallengeError, match="没有待批准"):
        services.approve_cabinet_plan(challenge=challenge, by=staff)


def test_an_unreviewed_plan_cannot_be_approved():
    challenge, _appointment, _chief = cabinet_plan_submitted()
    staff = staff_user()
    services.start_review(challenge=challenge, by=staff)
    with pytest.raises(ChallengeError, match="专家评审"):
        services.approve_cabinet_plan(challenge=challenge, by=staff)


# ---------------------------------------------------------------- changes after the award


def test_route_budget_and_member_changes_are_logged_for_the_owner(
    django_capture_on_commit_callbacks,
):
    challenge, appointment, chief, _staff = _approved_and_awarded()
    with django_capture_on_commit_callbacks(execute=True):
        services.change_cabinet_route(
            appointment=appointment,
            by=chief,
            route="溯源改用国产联盟链，冷链预警增加边缘计算节点",
            reason="原方案节点成本过高",
        )
    members = list(appointment.plan.members.order_by("pk"))
    services.reallocate_cabinet_budget(
        appointment=appointment,
        by=chief,
        allocations={members[1].pk: "250000", members[2].pk: "250000"},
        reason="冷链测试点增加",
    )
    new_team = cabinet_team(chief)
    new_team[1] = {**new_team[1], "name": "孙浩", "role": "区块链溯源（接替）"}
    services.change_cabinet_members(
        appointment=appointment, by=chief, members=new_team, reason="周立新调离"
    )
    trail = {e.action: e.note for e in selectors.cabinet_trail(challenge)}
    assert "边缘计算" in trail["challenge.cabinet_route_change"]
    assert "¥300,000.00 → ¥250,000.00" in trail["challenge.cabinet_budget_change"]
    assert "加入：孙浩；退出：周立新" in trail["challenge.cabinet_member_change"]
    owner = challenge.created_by
    assert owner.notifications.filter(title__contains="技术路线已调整").exists()


def test_changes_are_refused_before_approval_and_for_anyone_but_the_chief():
    challenge, appointment, chief = _accepted()
    with pytest.raises(ChallengeError, match="批准且榜单揭榜后"):
        services.change_cabinet_route(appointment=appointment, by=chief, route="新路线", reason="x")
    challenge, appointment, chief, _staff = _approved_and_awarded()
    with pytest.raises(ChallengeError, match="领衔专家本人"):
        services.change_cabinet_route(
            appointment=appointment, by=challenge.created_by, route="新路线", reason="x"
        )
    with pytest.raises(ChallengeError, match="原因"):
        services.change_cabinet_route(appointment=appointment, by=chief, route="新路线", reason="")


def test_a_reallocation_must_keep_the_total_and_change_something():
    _challenge, appointment, chief, _staff = _approved_and_awarded()
    members = list(appointment.plan.members.order_by("pk"))
    with pytest.raises(ChallengeError, match="须等于榜额"):
        services.reallocate_cabinet_budget(
            appointment=appointment, by=chief, allocations={members[1].pk: "1"}, reason="调剂"
        )
    with pytest.raises(ChallengeError, match="没有变化"):
        services.reallocate_cabinet_budget(
            appointment=appointment,
            by=chief,
            allocations={members[1].pk: members[1].budget_cny},
            reason="调剂",
        )
    with pytest.raises(ChallengeError, match="本团队成员"):
        services.reallocate_cabinet_budget(
            appointment=appointment, by=chief, allocations={999999: "1"}, reason="调剂"
        )


def test_a_member_change_that_changes_nobody_is_refused():
    _challenge, appointment, chief, _staff = _approved_and_awarded()
    with pytest.raises(ChallengeError, match="没有变化"):
        services.change_cabinet_members(
            appointment=appointment, by=chief, members=cabinet_team(chief), reason="无"
        )


def test_cabinet_refusals_are_action_refused():
    assert issubclass(ChallengeError, ActionRefused)
