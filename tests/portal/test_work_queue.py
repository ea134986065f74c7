"""我的工作台's work queue: each role sees what waits for it, counted, with a link to where it is
done; nobody sees another role's queue."""

import re
from html import unescape

import pytest

from accounts.models import Membership
from brokerage import services as brokerage
from brokerage.models import TechContract
from challenges import services as challenges
from challenges.models import Challenge
from marketplace import services as marketplace
from marketplace.models import Status
from notifications.models import Notification
from payments.models import Payment, Purpose
from tests.brokerage.factories import (
    EngagementFactory,
    InquiryFactory,
    broker,
    contract_fields,
    demand_user,
)
from tests.challenges.factories import closed_with_applications, expert_user, staff_user
from tests.evaluation.factories import requested, scoring
from tests.factories import MembershipFactory, NeedFactory, UserFactory
from tests.marketplace.factories import good_achievement, member

pytestmark = pytest.mark.django_db

ITEM = re.compile(
    r'<li class="work-item[^"]*">\s*<a href="(?P<url>[^"]*)"><span class="work-item__label">'
    r'(?P<label>[^<]*)</span> <span class="work-item__count" data-count="(?P<count>\d+)">'
)


def work_queue(client, user) -> dict[str, tuple[int, str]]:
    """{label: (count, url)} of the user's dashboard work queue."""
    client.force_login(user)
    page = client.get("/dashboard/").content.decode()
    return {m["label"]: (int(m["count"]), unescape(m["url"])) for m in ITEM.finditer(page)}


def dashboard(client, user) -> str:
    client.force_login(user)
    return client.get("/dashboard/").content.decode()


def under_review_with_an_expert():
    """A challenge under review, one expert assigned who has not declared or scored yet."""
    staff = staff_user()
    challenge, apps = closed_with_applications(2)
    challenge = challenges.start_review(challenge=challenge, by=staff)
    expert = expert_user()
    assignment = challenges.assign_expert(challenge=challenge, expert=expert, by=staff)
    return challenge, assignment, expert


# --- experts -------------------------------------------------------------------------------------


def test_an_expert_sees_the_challenge_review_waiting_and_its_page(client):
    challenge, assignment, expert = under_review_with_an_expert()
    queue = work_queue(client, expert)
    assert queue["待评审的揭榜挂帅榜单"] == (1, f"/challenges/review/{assignment.pk}/")


def test_a_review_leaves_the_queue_once_every_application_is_scored(client):
    challenge, assignment, expert = under_review_with_an_expert()
    challenges.declare_conflicts(assignment=assignment, by=expert, conflicted=[])
    assert "待评审的揭榜挂帅榜单" in work_queue(client, expert)
    scores = {"technical": 80, "team": 80, "budget": 80, "feasibility": 80}
    for application in challenge.applications.filter(status="submitted"):
        challenges.score_application(
            assignment=assignment, application=application, by=expert, scores=scores
        )
    assert "待评审的揭榜挂帅榜单" not in work_queue(client, expert)


def test_the_challenge_owner_sees_no_review_queue(client):
    challenge, _assignment, _expert = under_review_with_an_expert()
    queue = work_queue(client, challenge.created_by)
    assert "待评审的揭榜挂帅榜单" not in queue
    assert "待评分的成果评价" not in queue


def test_an_expert_sees_the_evaluations_to_score(client):
    _evaluation, assignments = scoring(experts=3)
    expert = assignments[0].expert
    assert work_queue(client, expert)["待评分的成果评价"] == (1, "/evaluation/reviews/")


# --- organizations -------------------------------------------------------------------------------


def test_an_owner_sees_inquiries_to_answer_and_where_to_post_a_challenge(client):
    owner, org = member()
    achievement = good_achievement(org, created_by=owner)
    visitor, _org = member()
    marketplace.express_interest(listing=achievement, by=visitor, message="想洽谈许可合作")
    queue = work_queue(client, owner)
    assert queue["待回复的意向咨询"] == (1, "/dashboard/inquiries/?status=new")
    page = dashboard(client, owner)
    assert 'href="/challenges/new/">发布揭榜挂帅榜单</a>' in page


def test_a_plain_member_is_not_offered_to_post_a_challenge(client):
    user, _org = member(role=Membership.Role.MEMBER)
    assert "/challenges/new/" not in dashboard(client, user)


def test_the_requester_sees_the_evaluation_fee_to_pay(client):
    evaluation = requested()
    queue = work_queue(client, evaluation.requested_by)
    assert queue["待支付的成果评价费用"] == (1, "/evaluation/")


def test_a_payer_sees_the_bill_due_and_others_do_not(client):
    payer = UserFactory()
    Payment.objects.create(
        number="LY-WORK-0001",
        purpose=Purpose.PRODUCT,
        description="技术评估服务",
        amount_fen=80_000,
        payer=payer,
    )
    assert work_queue(client, payer)["待支付的账单"] == (1, "/payments/")
    assert "待支付的账单" not in work_queue(client, UserFactory())


def test_moderation_is_staff_work_and_org_members_do_not_see_it(client):
    owner, org = member()
    good_achievement(org, created_by=owner, status=Status.PENDING)
    staff = staff_user()
    count, url = work_queue(client, staff)["待审核的科技成果"]
    assert count >= 1 and url == "/admin/snippets/marketplace/achievement/?status=pending"
    assert "待审核的科技成果" not in work_queue(client, owner)


# --- brokerage -----------------------------------------------------------------------------------


def test_a_broker_sees_the_inquiries_to_claim(client):
    agent = broker()
    InquiryFactory()
    assert work_queue(client, agent)["可承接的意向咨询"] == (1, "/broker/inquiries/")
    owner, _org = member()
    assert "可承接的意向咨询" not in work_queue(client, owner)


def test_a_party_reaches_its_engagement_and_room_from_the_dashboard(client):
    engagement = EngagementFactory()
    party = demand_user(engagement)
    Membership.objects.filter(user=party).update(role=Membership.Role.OWNER)
    page = dashboard(client, party)
    assert work_queue(client, party)["我参与的经纪项目"] == (1, "/engagements/")
    assert f'href="/engagements/{engagement.pk}/room/">进入洽谈室</a>' in page
    assert "我参与的经纪项目" not in work_queue(client, UserFactory())


def test_taking_an_inquiry_tells_both_sides_where_the_engagement_is(client):
    owner, org = member()
    achievement = good_achievement(org, created_by=owner, title="无醛胶黏剂")
    inquirer, _org = member()
    inquiry = marketplace.express_interest(
        listing=achievement, by=inquirer, message="希望了解许可费用"
    )
    agent = broker()
    engagement = brokerage.claim_inquiry(inquiry=inquiry, by=agent)
    for user in (owner, inquirer):
        note = Notification.objects.get(user=user, event="inquiry_taken")
        assert "无醛胶黏剂" in note.title and note.url == engagement.get_absolute_url()
    assert not Notification.objects.filter(user=agent, event="inquiry_taken").exists()
    client.force_login(inquirer)
    assert client.get(note.url).status_code == 200


def test_staff_see_contracts_awaiting_registration_and_the_list_behind_it(client):
    engagement = EngagementFactory(stage="agreed")
    TechContract.objects.create(engagement=engagement, **contract_fields())
    staff = staff_user()
    count, url = work_queue(client, staff)["待认定登记的技术合同"]
    assert count == 1 and url == "/engagements/?awaiting=registration"
    page = client.get(url).content.decode()
    assert engagement.title in page and "待认定登记的技术合同" in page


def test_the_registration_list_is_staff_only(client):
    engagement = EngagementFactory(stage="agreed")
    TechContract.objects.create(engagement=engagement, **contract_fields())
    outsider, _org = member()
    assert "待认定登记的技术合同" not in work_queue(client, outsider)
    page = client.get("/engagements/?awaiting=registration").content.decode()
    assert engagement.title not in page


# --- everyone ------------------------------------------------------------------------------------


def test_an_empty_queue_says_so_kindly(client):
    page = dashboard(client, UserFactory())
    assert "目前没有等您处理的事项" in page


def test_a_busy_users_dashboard_stays_within_a_few_queries(client, django_assert_max_num_queries):
    """Expert, organization owner and staff at once: every line is a COUNT, not a list; an
    app's lines are one or two queries (core.work.tally, conditional aggregates), and what
    several apps ask about the user (organizations, roles) is read once. 36 when written,
    of which 11 for the work queue (it was 53, 30 of them the queue)."""
    challenge, assignment, expert = under_review_with_an_expert()
    expert.is_staff = True
    expert.save()
    org = challenge.organization
    MembershipFactory(user=expert, organization=org, role=Membership.Role.OWNER)
    achievement = good_achievement(org, created_by=expert)
    for _ in range(3):
        marketplace.express_interest(listing=achievement, by=member()[0], message="想洽谈许可合作")
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(expert, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(expert)
    client.get("/dashboard/")  # warm the per-process caches (content types, site settings)
    with django_assert_max_num_queries(40):
        page = client.get("/dashboard/").content.decode()
    assert "待评审的揭榜挂帅榜单" in page and "待回复的意向咨询" in page


def test_roles_the_user_does_not_hold_cost_the_work_queue_no_queries(
    django_assert_max_num_queries,
):
    """No organization, not staff, no broker: the roles (one query), then challenges',
    evaluation's, payments' and brokerage's own lines; marketplace and accounts ask nothing."""
    from core.work import work_for

    user = UserFactory()
    with django_assert_max_num_queries(6):
        assert work_for(user) == []


# --- 转为榜单 ---------------------------------------------------------------------------------


def test_the_needs_admin_promotes_it_into_a_draft_challenge(client):
    owner, org = member()
    need = NeedFactory(organization=org, created_by=owner)
    client.force_login(owner)
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert f'action="/challenges/from-need/{need.pk}/"' in page and "转为榜单" in page
    response = client.post(f"/challenges/from-need/{need.pk}/")
    challenge = Challenge.objects.get(source_need=need)
    assert challenge.status == "draft" and challenge.organization == org
    assert response["Location"] == f"/challenges/{challenge.pk}/edit/"
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "该需求已转为揭榜挂帅榜单" in page
    assert f'action="/challenges/from-need/{need.pk}/"' not in page


def test_a_plain_member_sees_no_promote_button_and_cannot_post_it(client):
    owner, org = member()
    need = NeedFactory(organization=org, created_by=owner)
    colleague = MembershipFactory(organization=org, role=Membership.Role.MEMBER).user
    outsider, _org = member()
    for user in (colleague, outsider):
        client.force_login(user)
        page = client.get(f"/needs/{need.pk}/").content.decode()
        assert "/challenges/from-need/" not in page
        assert client.post(f"/challenges/from-need/{need.pk}/").status_code == 404
    assert not Challenge.objects.filter(source_need=need).exists()
