"""Challenge fixtures built through the real services, so tests walk the real workflow."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import ExpertProfile, Membership, Organization
from challenges import services
from challenges.models import Challenge
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, industry

INDICATORS = [
    {"name": "缺陷检出率", "comparator": "gte", "target_value": Decimal("99.5"), "unit": "%"},
    {"name": "单板检测节拍", "comparator": "lte", "target_value": Decimal("2"), "unit": "秒"},
]
GOOD_SCORES = {"technical": 90, "team": 85, "budget": 80, "feasibility": 88}


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def staff_user():
    """Staff must have two-step verification to use the site (accounts' MFA requirement)."""
    from allauth.mfa.totp.internal.auth import TOTP

    user = UserFactory(is_staff=True)
    TOTP.activate(user, TOTP_SECRET)
    return user


def org_admin(kind=Organization.Kind.ENTERPRISE, **org):
    membership = MembershipFactory(
        organization=OrganizationFactory(kind=kind, **org), role=Membership.Role.OWNER
    )
    return membership.user, membership.organization


def expert_user(code="wood_furniture"):
    user = UserFactory()
    profile = ExpertProfile.objects.create(
        user=user, title="教授", affiliation="山东省林业科学研究院"
    )
    profile.fields.add(industry(code))
    return user


def pay_deposit(challenge: Challenge, payer) -> None:
    """The payments app's own offline-payment service records the 揭榜保证金 as paid."""
    from payments.models import Purpose
    from payments.selectors import deposit_amount_fen
    from payments.services.checkout import record_offline_payment

    record_offline_payment(
        purpose=Purpose.DEPOSIT,
        description=f"揭榜保证金：{challenge.title}",
        amount_fen=deposit_amount_fen(challenge),
        payer=payer,
        organization=challenge.organization,
        reference="DEPOSIT-TEST",
        related=challenge,
    )


def draft_challenge(*, owner=None, organization=None, **fields) -> Challenge:
    if owner is None:
        owner, organization = org_admin()
    values = {
        "title": "人造板生产线智能视觉缺陷检测",
        "problem_statement": "胶合板表面鼓泡、开裂、节疤等缺陷依靠人工目检，漏检率高。",
        "industry": industry("wood_furniture"),
        "bounty_cny": Decimal("1000000"),
        "total_budget_cny": Decimal("3000000"),
        "deadline": timezone.now() + timedelta(days=30),
        "mechanism": "open_call",
    }
    values.update(fields)
    return services.create_challenge(
        organization=organization, by=owner, indicators=INDICATORS, **values
    )


def published_challenge(*, staff=None, **fields) -> Challenge:
    challenge = draft_challenge(**fields)
    owner = challenge.created_by
    services.submit_challenge(challenge=challenge, by=owner)
    staff = staff or staff_user()
    if challenge.bounty_cny:
        pay_deposit(challenge, owner)
    services.publish_challenge(challenge=challenge, by=staff)
    challenge.refresh_from_db()
    return challenge


def challenge_from_need(need, *, publish=True, bounty_cny=Decimal("1000000")) -> Challenge:
    """转为榜单 by staff: the need's draft 榜单 carrying the bounty; published unless told."""
    staff = staff_user()
    board = services.promote_need_to_challenge(need=need, by=staff, bounty_cny=bounty_cny)
    if not publish:
        return board
    services.update_challenge(challenge=board, by=staff, indicators=INDICATORS)
    services.submit_challenge(challenge=board, by=staff)
    if board.bounty_cny:
        pay_deposit(board, staff)
    services.publish_challenge(challenge=board, by=staff)
    board.refresh_from_db()
    return board


def submitted_application(challenge: Challenge, *, lead=None, organization=None, team="团队"):
    if lead is None:
        lead, organization = org_admin(kind=Organization.Kind.UNIVERSITY)
    application = services.start_application(
        challenge=challenge, by=lead, team_name=team, lead_organization=organization
    )
    services.update_application(
        application=application,
        by=lead,
        proposal="<p>采用多光谱成像与深度学习相结合的检测方案。</p>",
        budget_plan="设备费 40 万元，人员费 30 万元。",
        milestone_plan="6 个月样机，12 个月产线验证。",
        declares_ip=True,
        declares_no_conflict=True,
        declares_truthful=True,
        members=[{"name": "李明", "organization_name": "沂蒙理工学院", "title": "副教授"}],
        responses={
            ind.pk: {"promised_value": "达到", "approach": "多光谱成像"}
            for ind in challenge.indicators.all()
        },
    )
    services.submit_application(application=application, by=lead)
    application.refresh_from_db()
    return application


def pass_deadline(challenge: Challenge) -> Challenge:
    Challenge.objects.filter(pk=challenge.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    challenge.refresh_from_db()
    return challenge


def closed_with_applications(n=2, **fields):
    challenge = published_challenge(**fields)
    apps = [submitted_application(challenge, team=f"攻关团队{i}") for i in range(n)]
    pass_deadline(challenge)
    services.close_due_challenges()
    challenge.refresh_from_db()
    return challenge, apps


def reviewed(n_apps=2, n_experts=1, **fields):
    """A challenge under review with every application scored by every expert."""
    staff = staff_user()
    challenge, apps = closed_with_applications(n_apps, **fields)
    challenge = services.start_review(challenge=challenge, by=staff)
    experts = [expert_user() for _ in range(n_experts)]
    for i, expert in enumerate(experts):
        assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff)
        services.declare_conflicts(assignment=assignment, by=expert, conflicted=[])
        for j, app in enumerate(apps):
            scores = {code: max(0, 90 - 10 * j - i) for code in GOOD_SCORES}
            services.score_application(
                assignment=assignment, application=app, by=expert, scores=scores
            )
    challenge.refresh_from_db()
    for app in apps:
        app.refresh_from_db()
    return challenge, apps, staff, experts


# ---------------------------------------------------------------- 组阁制 and 赛马制


def cabinet_team(chief, *, total=Decimal("1000000")) -> list[dict]:
    """A cross-unit team led by `chief`, splitting `total` 50/30/20."""
    return [
        {
            "name": chief.name,
            "email": chief.email,
            "organization_name": "沂蒙理工学院",
            "title": "教授",
            "role": "领衔专家，总体技术路线",
            "budget_cny": total * Decimal("0.5"),
        },
        {
            "name": "周立新",
            "organization_name": "临沂大学",
            "title": "副教授",
            "role": "区块链溯源",
            "budget_cny": total * Decimal("0.3"),
        },
        {
            "name": "韩雪",
            "organization_name": "山东沂蒙冷链物流有限公司",
            "title": "高级工程师",
            "role": "冷链监测",
            "budget_cny": total * Decimal("0.2"),
        },
    ]


def cabinet_plan_submitted():
    """A published 组阁制 challenge whose chief scientist accepted, formed the team and submitted
    the plan: (challenge, appointment, chief)."""
    challenge = published_challenge(mechanism="chief_scientist", title="沂蒙山区特色农产品数字化")
    chief, chief_org = org_admin(kind=Organization.Kind.UNIVERSITY, name="沂蒙理工学院")
    appointment = services.nominate_chief(challenge=challenge, by=challenge.created_by, chief=chief)
    services.respond_to_nomination(
        appointment=appointment, by=chief, accept=True, lead_organization=chief_org
    )
    appointment.refresh_from_db()
    services.set_cabinet_team(appointment=appointment, by=chief, members=cabinet_team(chief))
    plan = appointment.plan
    services.update_application(
        application=plan,
        by=chief,
        proposal="<p>以物联网采集、区块链溯源和冷链预警三条主线推进。</p>",
        declares_ip=True,
        declares_no_conflict=True,
        declares_truthful=True,
        responses={
            ind.pk: {"promised_value": "达到", "approach": "分县示范"}
            for ind in challenge.indicators.all()
        },
    )
    services.submit_cabinet_plan(appointment=appointment, by=chief)
    challenge.refresh_from_db()
    appointment.refresh_from_db()
    return challenge, appointment, chief


def result_pdf(name="阶段成果报告.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n% stage result\n%%EOF\n", "application/pdf")


def racing(n=3, **fields):
    """A 赛马制 challenge in progress with `n` stage-one teams, one shared stage-one milestone
    each: (challenge, teams, staff, experts, milestones)."""
    from datetime import date

    challenge, teams, staff, experts = reviewed(
        n_apps=n, n_experts=2, mechanism="horse_race", stage_one_slots=n, **fields
    )
    services.announce_results(challenge=challenge, by=staff, winners=teams)
    Challenge.objects.filter(pk=challenge.pk).update(
        announcement_ends_at=timezone.now() - timedelta(seconds=1)
    )
    challenge.refresh_from_db()
    services.confirm_award(challenge=challenge, by=staff)
    owner = challenge.created_by
    milestones = services.plan_stage_one_milestone(
        challenge=challenge,
        by=owner,
        title="第一阶段：中试样机",
        deliverables="样机、第三方检测报告",
        due_date=date.today() + timedelta(days=120),
        payout_cny=Decimal("100000"),
    )
    services.start_delivery(challenge=challenge, by=owner)
    challenge.refresh_from_db()
    for team in teams:
        team.refresh_from_db()
    return challenge, teams, staff, experts, milestones
