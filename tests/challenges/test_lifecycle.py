"""Every challenge transition: allowed for the right person in the right state, else refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges import services
from challenges.errors import ChallengeError
from challenges.models import ChallengeStatus

from .factories import (
    closed_with_applications,
    draft_challenge,
    org_admin,
    pay_deposit,
    published_challenge,
    reviewed,
    staff_user,
)

pytestmark = pytest.mark.django_db
S = ChallengeStatus


def test_owner_submits_a_draft_and_the_audit_trail_records_who():
    challenge = draft_challenge()
    owner = challenge.created_by
    services.submit_challenge(challenge=challenge, by=owner)
    challenge.refresh_from_db()
    assert challenge.status == S.SUBMITTED
    event = challenge.activity.first()
    assert (event.action, event.from_state, event.to_state, event.actor) == (
        "challenge.submit",
        S.DRAFT,
        S.SUBMITTED,
        owner,
    )


def test_an_outsider_cannot_submit_someone_elses_challenge():
    challenge = draft_challenge()
    outsider, _org = org_admin()
    with pytest.raises(ChallengeError, match="发榜单位管理员"):
        services.submit_challenge(challenge=challenge, by=outsider)


def test_a_challenge_without_indicators_cannot_be_submitted():
    challenge = draft_challenge()
    challenge.indicators.all().delete()
    with pytest.raises(ChallengeError, match="技术指标"):
        services.submit_challenge(challenge=challenge, by=challenge.created_by)


def test_submitting_twice_is_refused_in_chinese():
    challenge = draft_challenge()
    services.submit_challenge(challenge=challenge, by=challenge.created_by)
    with pytest.raises(ChallengeError, match="当前状态为「待审核」，不能提交审核"):
        services.submit_challenge(challenge=challenge, by=challenge.created_by)


def test_staff_return_a_submitted_challenge_with_a_reason():
    challenge = draft_challenge()
    services.submit_challenge(challenge=challenge, by=challenge.created_by)
    with pytest.raises(ChallengeError, match="原因"):
        services.return_challenge(challenge=challenge, by=staff_user(), reason=" ")
    services.return_challenge(challenge=challenge, by=staff_user(), reason="榜额与总投入不符")
    challenge.refresh_from_db()
    assert challenge.status == S.DRAFT
    assert challenge.status_note == "榜额与总投入不符"


def test_publishing_requires_the_paid_deposit():
    challenge = draft_challenge()
    services.submit_challenge(challenge=challenge, by=challenge.created_by)
    staff = staff_user()
    with pytest.raises(ChallengeError, match="保证金"):
        services.publish_challenge(challenge=challenge, by=staff)
    pay_deposit(challenge, challenge.created_by)
    services.publish_challenge(challenge=challenge, by=staff)
    challenge.refresh_from_db()
    assert challenge.status == S.PUBLISHED
    assert challenge.published_at is not None


def test_only_staff_publish():
    challenge = draft_challenge()
    services.submit_challenge(challenge=challenge, by=challenge.created_by)
    pay_deposit(challenge, challenge.created_by)
    with pytest.raises(ChallengeError, match="平台工作人员"):
        services.publish_challenge(challenge=challenge, by=challenge.created_by)


def test_a_draft_cannot_be_published_directly():
    challenge = draft_challenge(bounty_cny=0, total_budget_cny=None)
    with pytest.raises(ChallengeError, match="不能发布"):
        services.publish_challenge(challenge=challenge, by=staff_user())


def test_a_published_challenge_cannot_be_closed_before_its_deadline():
    challenge = published_challenge()
    with pytest.raises(ChallengeError, match="尚未截止"):
        services.close_challenge(challenge=challenge)


def test_review_cannot_start_without_any_submitted_application():
    challenge, _apps = closed_with_applications(0)
    with pytest.raises(ChallengeError, match="流榜"):
        services.start_review(challenge=challenge, by=staff_user())
    services.fail_challenge(challenge=challenge, by=staff_user(), reason="无团队揭榜")
    challenge.refresh_from_db()
    assert challenge.status == S.FAILED


def test_review_cannot_start_while_still_accepting_applications():
    challenge = published_challenge()
    with pytest.raises(ChallengeError, match="征集中"):
        services.start_review(challenge=challenge, by=staff_user())


def test_open_call_announces_exactly_one_winner():
    challenge, apps, staff, _experts = reviewed(2)
    with pytest.raises(ChallengeError, match="只能确定一个"):
        services.announce_results(challenge=challenge, by=staff, winners=apps)
    services.announce_results(challenge=challenge, by=staff, winners=[apps[0]], note="拟揭榜")
    challenge.refresh_from_db()
    apps[0].refresh_from_db()
    assert challenge.status == S.ANNOUNCED
    assert apps[0].award == "winner"
    assert challenge.announcement_ends_at > timezone.now() + timedelta(days=5)


def test_results_cannot_be_announced_before_every_application_is_scored():
    staff = staff_user()
    challenge, apps = closed_with_applications(2)
    services.start_review(challenge=challenge, by=staff)
    with pytest.raises(ChallengeError, match="没有专家评分"):
        services.announce_results(challenge=challenge, by=staff, winners=[apps[0]])


def test_award_waits_for_the_notice_period_and_answered_objections():
    challenge, apps, staff, _experts = reviewed(2)
    services.announce_results(challenge=challenge, by=staff, winners=[apps[0]])
    objector, _org = org_admin()
    objection = services.file_objection(
        challenge=challenge, by=objector, content="第一名团队负责人与发榜单位存在关联"
    )
    with pytest.raises(ChallengeError, match="公示期尚未结束"):
        services.confirm_award(challenge=challenge, by=staff)
    challenge.announcement_ends_at = timezone.now() - timedelta(minutes=1)
    challenge.save()
    with pytest.raises(ChallengeError, match="未答复的异议"):
        services.confirm_award(challenge=challenge, by=staff)
    with pytest.raises(ChallengeError, match="不在公示期内"):
        services.file_objection(challenge=challenge, by=objector, content="补充异议")
    services.answer_objection(objection=objection, by=staff, answer="经核查，不存在关联关系。")
    services.confirm_award(challenge=challenge, by=staff)
    challenge.refresh_from_db()
    assert challenge.status == S.AWARDED


def test_an_upheld_objection_reopens_the_review_and_clears_the_award():
    challenge, apps, staff, _experts = reviewed(2)
    services.announce_results(challenge=challenge, by=staff, winners=[apps[0]])
    services.reopen_review(challenge=challenge, by=staff, reason="异议成立，重新评审")
    challenge.refresh_from_db()
    apps[0].refresh_from_db()
    assert challenge.status == S.UNDER_REVIEW
    assert apps[0].award == ""


def _awarded():
    challenge, apps, staff, _experts = reviewed(2)
    services.announce_results(challenge=challenge, by=staff, winners=[apps[0]])
    challenge.announcement_ends_at = timezone.now() - timedelta(minutes=1)
    challenge.save()
    services.confirm_award(challenge=challenge, by=staff)
    challenge.refresh_from_db()
    return challenge, apps, staff


def test_delivery_starts_only_with_milestones_and_completes_when_all_are_accepted():
    challenge, apps, staff = _awarded()
    owner = challenge.created_by
    with pytest.raises(ChallengeError, match="里程碑"):
        services.start_delivery(challenge=challenge, by=owner)
    milestone = services.add_milestone(
        challenge=challenge,
        application=apps[0],
        by=owner,
        title="样机验证",
        deliverables="检测样机与测试报告",
        due_date=timezone.localdate() + timedelta(days=180),
        payout_cny=600000,
    )
    services.start_delivery(challenge=challenge, by=owner)
    with pytest.raises(ChallengeError, match="未验收"):
        services.complete_challenge(challenge=challenge, by=owner)
    services.deliver_milestone(milestone=milestone, by=apps[0].lead, note="样机已部署")
    reviewer = staff_user()
    services.accept_milestone(
        milestone=milestone, by=owner, accepted=True, note="检出率 99.6%", reviewers=[reviewer]
    )
    milestone.refresh_from_db()
    assert milestone.payout_status == "payable"
    services.record_milestone_payout(milestone=milestone, by=staff, reference="BANK-001")
    services.complete_challenge(challenge=challenge, by=owner)
    challenge.refresh_from_db()
    assert challenge.status == S.COMPLETED
    assert list(milestone.acceptance_reviewers.all()) == [reviewer]


def test_milestone_payouts_cannot_exceed_the_bounty():
    challenge, apps, _staff = _awarded()
    with pytest.raises(ChallengeError, match="不能超过榜额"):
        services.add_milestone(
            challenge=challenge,
            application=apps[0],
            by=challenge.created_by,
            title="全部",
            deliverables="全部交付物",
            due_date=timezone.localdate(),
            payout_cny=challenge.bounty_cny + 1,
        )


def test_milestones_go_only_to_winning_teams():
    challenge, apps, _staff = _awarded()
    with pytest.raises(ChallengeError, match="揭榜团队"):
        services.add_milestone(
            challenge=challenge,
            application=apps[1],
            by=challenge.created_by,
            title="样机",
            deliverables="样机",
            due_date=timezone.localdate(),
        )


def test_owner_cancels_a_draft_but_only_staff_cancel_a_live_challenge_and_applicants_hear(
    django_capture_on_commit_callbacks,
):
    draft = draft_challenge()
    services.cancel_challenge(challenge=draft, by=draft.created_by, reason="需求调整")
    draft.refresh_from_db()
    assert draft.status == S.CANCELLED

    challenge, apps = closed_with_applications(1)
    with pytest.raises(ChallengeError, match="平台工作人员"):
        services.cancel_challenge(challenge=challenge, by=challenge.created_by, reason="不做了")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_challenge(challenge=challenge, by=staff_user(), reason="企业经营调整")
    challenge.refresh_from_db()
    assert challenge.status == S.CANCELLED
    note = apps[0].lead.notifications.get(event="challenge_cancelled")
    assert "企业经营调整" in note.body


def test_a_cancelled_challenge_cannot_be_cancelled_or_published_again():
    challenge = draft_challenge()
    services.cancel_challenge(challenge=challenge, by=challenge.created_by, reason="重复发布")
    with pytest.raises(ChallengeError, match="已取消"):
        services.cancel_challenge(challenge=challenge, by=staff_user(), reason="再次")
    with pytest.raises(ChallengeError, match="已取消"):
        services.publish_challenge(challenge=challenge, by=staff_user())


def test_completed_challenges_cannot_fail():
    challenge = draft_challenge()
    with pytest.raises(ChallengeError, match="不能标记为流榜"):
        services.fail_challenge(challenge=challenge, by=staff_user(), reason="x")


def test_every_transition_leaves_an_event():
    challenge, _apps, _staff = _awarded()
    actions = list(challenge.activity.order_by("at", "id").values_list("action", flat=True))
    for action in ["create", "submit", "publish", "close", "start_review", "announce", "award"]:
        assert f"challenge.{action}" in actions
    assert challenge.activity.filter(action="challenge.close", actor=None).exists()


def test_a_need_is_promoted_into_a_draft_challenge_once():
    from tests.factories import NeedFactory

    owner, org = org_admin()
    need = NeedFactory(organization=org, budget_min_cny=None, budget_max_cny=500000)
    challenge = services.promote_need_to_challenge(need=need, by=owner)  # bounty: the budget
    assert challenge.status == S.DRAFT
    assert challenge.source_need == need
    assert challenge.bounty_cny == 500000
    with pytest.raises(ChallengeError, match="已经转为"):
        services.promote_need_to_challenge(need=need, by=owner)
    outsider, _ = org_admin()
    with pytest.raises(ChallengeError):
        services.promote_need_to_challenge(need=NeedFactory(organization=org), by=outsider)
