"""Demo challenges for `manage.py load_demo`: one of each mechanism, at different stages.

Built through the real services (deadlines are moved into the past where the story needs
it), so the demo shows exactly what the workflow produces. Safe to run again: a challenge
whose title exists is left alone.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import ExpertProfile, Organization, User
from core.files import demo_pdf
from core.models import Industry

from . import services
from .models import Challenge
from .workdays import SHANGHAI

PASSWORD = "linyi-demo-2026"

EXPERTS = [
    # email, name, title, affiliation, fields, expertise
    (
        "expert.gao@demo.linyi",
        "高振宇",
        "教授",
        "山东农业大学食品科学与工程学院",
        ["food", "machinery"],
        "食品杀菌与保鲜、食品装备",
    ),
    (
        "expert.han@demo.linyi",
        "韩雪",
        "研究员",
        "山东省科学院自动化研究所",
        ["digital", "agriculture", "wood_furniture"],
        "机器视觉、工业互联网、农业大数据",
    ),
]

TEAM_LEAD = ("ma.vision@demo.linyi", "马骏", "高级工程师")

WOOD = {
    "title": "人造板生产线智能视觉缺陷检测",
    # Production-line details: the attachment goes only to the teams that apply.
    "confidentiality": "internal",
    "attachment_name": "产线工艺参数与缺陷样本说明.pdf",
    "mechanism": "open_call",
    "industry": "wood_furniture",
    "owner": ("山东沂河板业有限公司", "zhang.board@demo.linyi"),
    "bounty_cny": Decimal("1200000"),
    "total_budget_cny": Decimal("3000000"),
    "delivery_months": 12,
    "blind_review": True,
    "problem_statement": (
        "公司现有6条多层板、家具板生产线，砂光后板面的鼓泡、开裂、节疤、压痕、胶斑等缺陷"
        "全部依靠人工目检，每班需质检员12人，漏检率约3%，客户投诉集中在表面缺陷。\n"
        "征集能够在线部署的视觉检测系统：在砂光机出口对整板进行全幅面成像，实时识别并分级"
        "标注缺陷，与现有分等码垛线联动，减少人工目检。"
    ),
    "eligibility": "国内注册的高校、科研院所、企业或其联合体；具有机器视觉或工业检测项目落地经验。",
    "ip_terms": "项目形成的专利由揭榜方与发榜方共有，发榜方在本企业及控股子公司内免费实施。",
    "indicators": [
        ("缺陷检出率", "gte", "99.5", "%"),
        ("误检率", "lte", "1", "%"),
        ("单张整板检测节拍", "lte", "2", "秒"),
        ("可识别缺陷类别", "gte", "8", "类"),
    ],
}

FOOD = {
    "title": "预制菜低温杀菌装备",
    "mechanism": "horse_race",
    "industry": "food",
    "owner": ("临沂鲁东食品有限公司", "liu.food@demo.linyi"),
    "bounty_cny": Decimal("2000000"),
    "total_budget_cny": Decimal("5000000"),
    "delivery_months": 18,
    "blind_review": False,
    "stage_one_slots": 2,
    "problem_statement": (
        "红烧肉、梅菜扣肉等预制菜采用121℃高温高压杀菌，色泽变暗、口感软烂，复热后品质明显"
        "下降。拟研制连续式低温杀菌装备，在保证商业无菌的前提下显著改善感官品质。\n"
        "采用赛马制：第一阶段支持两支团队各自完成中试样机，第二阶段择优支持一支团队完成"
        "产线级装备并投产。"
    ),
    "eligibility": "具有食品装备研制能力的单位或联合体，须有中试条件。",
    "ip_terms": "第一阶段成果归揭榜方所有，发榜方享有优先受让权；第二阶段成果由双方共有。",
    "indicators": [
        ("杀菌中心温度", "lte", "105", "℃"),
        ("常温货架期", "gte", "9", "个月"),
        ("单线产能", "gte", "2", "吨/小时"),
        ("感官评分较现工艺提升", "gte", "15", "%"),
    ],
}

AGRI = {
    "title": "沂蒙山区特色农产品全产业链数字化",
    "mechanism": "chief_scientist",
    "industry": "agriculture",
    "owner": ("临沂市科学技术局", "kejiju@demo.linyi"),
    "bounty_cny": Decimal("5000000"),
    "total_budget_cny": Decimal("12000000"),
    "delivery_months": 24,
    "blind_review": False,
    "problem_statement": (
        "围绕蒙阴蜜桃、沂南黄瓜、平邑金银花等沂蒙山区特色农产品，建设覆盖种植、采收、加工、"
        "冷链、销售全链条的数字化平台，实现生产过程数据采集、品质分级、产品溯源和产销对接。\n"
        "采用组阁制：由技术总师牵头自主组建跨单位团队，统筹农业物联网、区块链溯源、冷链物流"
        "与电商等方向。"
    ),
    "eligibility": "技术总师须为正高级职称或担任过省部级以上项目负责人；团队可跨单位组建。",
    "ip_terms": "财政资金支持形成的知识产权归承担单位，市科技局享有在本市范围内推广应用的权利。",
    "indicators": [
        ("接入新型农业经营主体", "gte", "500", "家"),
        ("主要产品溯源覆盖率", "gte", "90", "%"),
        ("冷链断链预警响应时间", "lte", "10", "分钟"),
        ("示范县（区）", "gte", "3", "个"),
    ],
}


def _user(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=PASSWORD, name=name)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _experts() -> list[User]:
    experts = []
    for email, name, title, affiliation, fields, expertise in EXPERTS:
        user = _user(email, name)
        profile, _ = ExpertProfile.objects.update_or_create(
            user=user,
            defaults={"title": title, "affiliation": affiliation, "expertise": expertise},
        )
        profile.fields.set(Industry.objects.filter(code__in=fields))
        experts.append(user)
    return experts


def _create(spec: dict, staff: User, deadline: datetime) -> Challenge:
    org_name, owner_email = spec["owner"]
    owner = User.objects.get(email=owner_email)
    fields = {
        key: spec[key]
        for key in (
            "title",
            "mechanism",
            "bounty_cny",
            "total_budget_cny",
            "delivery_months",
            "blind_review",
            "problem_statement",
            "eligibility",
            "ip_terms",
        )
    }
    if "stage_one_slots" in spec:
        fields["stage_one_slots"] = spec["stage_one_slots"]
    if "attachment_name" in spec:
        fields["confidentiality"] = spec["confidentiality"]
        fields["attachment"] = ContentFile(
            demo_pdf(spec["attachment_name"].removesuffix(".pdf"), spec["title"]),
            name=spec["attachment_name"],
        )
    challenge = services.create_challenge(
        organization=Organization.objects.get(name=org_name),
        by=owner,
        industry=Industry.objects.get(code=spec["industry"]),
        deadline=deadline,
        indicators=[
            {"name": n, "comparator": c, "target_value": Decimal(v), "unit": u}
            for n, c, v, u in spec["indicators"]
        ],
        **fields,
    )
    services.submit_challenge(challenge=challenge, by=owner)
    _pay_deposit(challenge, owner, staff)
    services.publish_challenge(challenge=challenge, by=staff)
    return challenge


def _pay_deposit(challenge: Challenge, owner: User, staff: User) -> None:
    """The deposit arrives by bank transfer, recorded by staff with the bank's receipt."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.files import demo_pdf
    from payments.selectors import deposit_due_fen, deposit_is_paid
    from payments.services import record_bank_transfer

    if deposit_is_paid(challenge):
        return
    due = deposit_due_fen(challenge)
    receipt = demo_pdf(
        "中国工商银行 电子回单",
        f"付款人：{challenge.organization.name}",
        "收款人：临沂市技术成果交易中心",
        f"金额：人民币 {due / 100:,.2f} 元",
        f"附言：BZJ{challenge.pk:06d} 揭榜保证金",
    )
    record_bank_transfer(
        by=staff,
        amount_fen=due,
        payer_name=challenge.organization.name,
        reference=f"DEMO-DEP-{challenge.pk:04d}",
        paid_on=timezone.localdate(),
        receipt=SimpleUploadedFile("电子回单.pdf", receipt, content_type="application/pdf"),
        challenge=challenge,
    )


def _apply(challenge, lead: User, org_name: str | None, team: str, title: str, plan: dict):
    org = Organization.objects.get(name=org_name) if org_name else None
    application = services.start_application(
        challenge=challenge, by=lead, team_name=team, lead_organization=org
    )
    services.update_application(
        application=application,
        by=lead,
        lead_title=title,
        proposal=plan["proposal"],
        budget_plan=plan["budget"],
        requested_amount_cny=plan["amount"],
        milestone_plan=plan["milestones"],
        declares_ip=True,
        declares_no_conflict=True,
        declares_truthful=True,
        members=plan["members"],
        **_proposal_pdf(team),
        responses={
            indicator.pk: {"promised_value": value, "approach": plan["approach"]}
            for indicator, value in zip(challenge.indicators.all(), plan["values"], strict=True)
        },
    )
    services.submit_application(application=application, by=lead)
    return application


def _proposal_pdf(team: str) -> dict:
    """Every demo team also uploads its proposal as a PDF (stored privately, random name)."""
    return {
        "proposal_pdf": ContentFile(
            demo_pdf("技术方案", team, "总体方案、技术路线与里程碑（演示）"),
            name=f"{team}技术方案.pdf",
        )
    }


def _close(challenge: Challenge) -> Challenge:
    # Demo history: the call ended yesterday at 17:00 Beijing time.
    yesterday = timezone.localdate() - timedelta(days=1)
    Challenge.objects.filter(pk=challenge.pk).update(
        deadline=datetime.combine(yesterday, time(17, 0), tzinfo=SHANGHAI)
    )
    challenge.refresh_from_db()
    services.close_challenge(challenge=challenge)
    return challenge


def _review(challenge, staff, experts, scores_by_expert) -> None:
    services.start_review(challenge=challenge, by=staff)
    apps = list(challenge.applications.filter(status="submitted").order_by("submitted_at", "pk"))
    for expert, scores in zip(experts, scores_by_expert, strict=True):
        assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff)
        services.declare_conflicts(
            assignment=assignment, by=expert, conflicted=[], statement="与各申报团队无利益冲突。"
        )
        for app, row in zip(apps, scores, strict=False):
            services.score_application(
                assignment=assignment,
                application=app,
                by=expert,
                scores=dict(zip(["technical", "team", "budget", "feasibility"], row, strict=True)),
                comment="技术路线清晰，指标响应完整，建议细化中试验证方案。",
            )


def _wood(staff, experts, leads):
    challenge = _create(WOOD, staff, timezone.now() + timedelta(days=20))
    _apply(
        challenge,
        leads["prof.wang@demo.linyi"],
        "沂蒙理工学院",
        "沂蒙理工木材智能检测团队",
        "教授",
        {
            "proposal": "<h3>总体方案</h3><p>采用线阵相机+多角度条形光源的全幅面成像，"
            "结合轻量化缺陷分割网络，在边缘计算盒上实时推理。</p>"
            "<ul><li>成像：4K 线阵相机 ×3，幅宽 1300 mm</li><li>算法：改进 YOLO 分割模型</li></ul>",
            "budget": "设备费 48 万元，材料费 12 万元，人员劳务费 36 万元，测试化验费 8 万元。",
            "amount": Decimal("1040000"),
            "milestones": "第3个月完成样机；第6个月单线试运行；第12个月6条线全部部署并验收。",
            "members": [
                {
                    "name": "王建华",
                    "organization_name": "沂蒙理工学院",
                    "title": "教授",
                    "role": "总负责",
                },
                {
                    "name": "刘洋",
                    "organization_name": "沂蒙理工学院",
                    "title": "讲师",
                    "role": "算法",
                },
            ],
            "values": ["99.6%", "0.8%", "1.5秒", "10类"],
            "approach": "多角度照明成像与深度学习分割模型结合，已在实验线验证。",
        },
    )
    _apply(
        challenge,
        leads[TEAM_LEAD[0]],
        None,
        "沂州视觉技术团队",
        TEAM_LEAD[2],
        {
            "proposal": "<p>基于面阵相机阵列与传统图像处理+深度学习融合，成本低、易于维护。</p>",
            "budget": "设备费 35 万元，软件开发 40 万元，现场调试 15 万元。",
            "amount": Decimal("900000"),
            "milestones": "第4个月单线样机；第9个月推广至全部产线。",
            "members": [
                {
                    "name": "马骏",
                    "organization_name": "临沂沂州智能装备有限公司",
                    "title": "高级工程师",
                    "role": "技术总师",
                },
            ],
            "values": ["99.5%", "1%", "2秒", "8类"],
            "approach": "面阵相机阵列拼接成像，缺陷库持续迭代。",
        },
    )
    _close(challenge)
    # Review in progress: one expert has scored one of the two applications.
    _review(challenge, staff, experts[:1], [[[88, 82, 80, 85]]])
    return challenge


FOOD_PLANS = [
    (
        "prof.wang@demo.linyi",
        "沂蒙理工学院",
        "沂蒙理工食品装备团队",
        "教授",
        ["100℃", "10个月", "2.5吨/小时", "18%"],
    ),
    (
        "li.lab@demo.linyi",
        "临沂市农业科学院",
        "市农科院农产品加工团队",
        "研究员",
        ["98℃", "9个月", "2吨/小时", "20%"],
    ),
    (TEAM_LEAD[0], None, "沂州装备联合体", TEAM_LEAD[2], ["105℃", "9个月", "2吨/小时", "15%"]),
]


def _food(staff, experts, leads):
    challenge = _create(FOOD, staff, timezone.now() + timedelta(days=20))
    for email, org, team, title, values in FOOD_PLANS:
        _apply(
            challenge,
            leads[email],
            org,
            team,
            title,
            {
                "proposal": "<h3>技术路线</h3><p>915 MHz 微波与低压蒸汽联合杀菌，"
                "配合高阻隔包装与在线温度监测。</p>",
                "budget": "第一阶段样机 60 万元，第二阶段产线装备 260 万元。",
                "amount": Decimal("1800000"),
                "milestones": "第6个月中试样机；第12个月产线装备；第18个月投产验收。",
                "members": [
                    {
                        "name": leads[email].name,
                        "organization_name": org or "沂州智能装备",
                        "title": title,
                        "role": "负责人",
                    }
                ],
                "values": values,
                "approach": "微波-蒸汽联合杀菌，中心温度均匀性提高。",
            },
        )
    _close(challenge)
    _review(
        challenge,
        staff,
        experts,
        [
            [[90, 86, 82, 88], [92, 84, 85, 90], [78, 75, 80, 74]],
            [[88, 85, 80, 86], [90, 88, 84, 87], [80, 72, 78, 76]],
        ],
    )
    winners = list(challenge.applications.order_by("rank")[:2])
    services.announce_results(
        challenge=challenge,
        by=staff,
        winners=winners,
        note="经专家评审，拟支持以下两支团队开展第一阶段中试样机研制。",
    )
    objection = services.file_objection(
        challenge=challenge,
        by=leads[TEAM_LEAD[0]],
        content="我方第三名，申请复核“单线产能”指标评分依据。",
    )
    services.answer_objection(
        objection=objection,
        by=staff,
        answer="经复核，专家评分依据为申报书承诺值及中试条件说明，评分无误，维持原结果。",
    )
    _end_notice(challenge)
    services.confirm_award(challenge=challenge, by=staff)
    _race_stage_one(challenge, staff, experts, winners)
    return challenge


def _end_notice(challenge: Challenge) -> None:
    # Demo history: the notice period ended yesterday.
    Challenge.objects.filter(pk=challenge.pk).update(
        announcement_ends_at=timezone.now() - timedelta(days=1)
    )
    challenge.refresh_from_db()


# Per team: result summary, then each expert's stage-gate scores (指标/成熟度/成本/执行).
FOOD_RESULTS = [
    (
        "中试样机连续运行 120 小时，杀菌中心温度 100℃，常温货架期加速试验折算 10 个月。",
        [[92, 86, 80, 88], [90, 85, 82, 86]],
    ),
    (
        "中试样机完成 80 小时运行，中心温度 98℃，产能 2 吨/小时，感官评分提升 20%。",
        [[86, 80, 84, 82], [85, 82, 80, 80]],
    ),
]


def _race_stage_one(challenge, staff, experts, racers) -> None:
    """赛马制 past stage one: the same milestone for both teams, results with reports accepted,
    scored by the challenge's experts on the stage-gate rubric, one team chosen for stage two."""
    owner = challenge.created_by
    milestones = services.plan_stage_one_milestone(
        challenge=challenge,
        by=owner,
        title="第一阶段：中试样机研制与第三方检测",
        deliverables="中试样机一台、第三方杀菌效果检测报告、120 小时连续运行记录",
        due_date=timezone.localdate() - timedelta(days=10),
        payout_cny=Decimal("300000"),
    )
    services.start_delivery(challenge=challenge, by=owner)
    for milestone, (summary, _scores) in zip(milestones, FOOD_RESULTS, strict=True):
        team = milestone.application.team_name
        report = demo_pdf(
            "第一阶段成果报告", team, summary[:40], "第三方检测报告编号：LYJC-2026-0815"
        )
        services.submit_stage_result(
            milestone=milestone,
            by=milestone.application.lead,
            summary=summary,
            upload=SimpleUploadedFile(f"{team}第一阶段成果报告.pdf", report, "application/pdf"),
        )
        services.accept_milestone(
            milestone=milestone,
            by=owner,
            accepted=True,
            note="样机运行稳定，检测报告齐全，同意通过第一阶段验收。",
        )
    for milestone, (_summary, scores) in zip(milestones, FOOD_RESULTS, strict=True):
        for expert, row in zip(experts, scores, strict=True):
            services.score_stage_results(
                assignment=challenge.assignments.get(expert=expert),
                application=milestone.application,
                by=expert,
                scores=dict(zip(["indicators", "maturity", "cost", "execution"], row, strict=True)),
                comment="样机指标基本达到榜单要求，建议第二阶段重点验证产线稳定性。",
            )
    from .selectors import stage_gate_board

    leader = stage_gate_board(challenge)["columns"][0]["team"]
    services.decide_stage_gate(
        challenge=challenge,
        by=staff,
        winners=[leader],
        note="依据阶段评审排名，支持综合得分第一的团队进入第二阶段产线装备研制。",
    )
    services.add_milestone(
        challenge=challenge,
        application=leader,
        by=owner,
        title="第二阶段：2 吨/小时杀菌产线装备与投产验收",
        deliverables="产线装备一套、连续三个月生产记录、投产验收报告",
        due_date=timezone.localdate() + timedelta(days=270),
        payout_cny=Decimal("1400000"),
        stage=2,
    )


AGRI_TEAM = [
    (
        "李晓梅",
        "li.lab@demo.linyi",
        "临沂市农业科学院",
        "研究员",
        "领衔专家，总体技术路线",
        "1800000",
    ),
    ("周立新", "", "临沂大学信息科学与工程学院", "副教授", "区块链溯源平台", "1300000"),
    ("孟庆海", "", "山东沂蒙冷链物流有限公司", "高级工程师", "冷链监测与断链预警", "1100000"),
    ("赵红梅", "", "蒙阴县农业农村局", "农艺师", "示范县组织与农户培训", "800000"),
]


def _agri(staff, experts):
    """组阁制: 临沂市科学技术局 names 李晓梅 (临沂市农业科学院) as chief scientist; she accepts,
    forms a four-unit team and splits the bounty; experts review the plan, staff approve it,
    and after the award she records a change of technical route."""
    day = timezone.localdate() + timedelta(days=45)
    challenge = _create(AGRI, staff, datetime.combine(day, time(17, 0), tzinfo=SHANGHAI))
    owner = challenge.created_by
    chief = User.objects.get(email="li.lab@demo.linyi")
    appointment = services.nominate_chief(
        challenge=challenge,
        by=owner,
        chief=chief,
        note="李晓梅研究员长期从事沂蒙山区特色农产品产业技术研究，主持过省重点研发计划项目。",
    )
    services.respond_to_nomination(
        appointment=appointment,
        by=chief,
        accept=True,
        note="同意牵头组阁。",
        lead_organization=Organization.objects.get(name="临沂市农业科学院"),
    )
    appointment.refresh_from_db()
    services.set_cabinet_team(
        appointment=appointment,
        by=chief,
        members=[
            {
                "name": n,
                "email": e,
                "organization_name": o,
                "title": t,
                "role": r,
                "budget_cny": Decimal(b),
            }
            for n, e, o, t, r, b in AGRI_TEAM
        ],
    )
    services.update_application(
        application=appointment.plan,
        by=chief,
        lead_title="研究员",
        proposal="<h3>组阁方案</h3><p>以蒙阴蜜桃、沂南黄瓜、平邑金银花为示范品类，"
        "建设“物联网采集—区块链溯源—冷链预警—产销对接”一体化平台。</p>"
        "<ul><li>第一年：3 个示范县接入 300 家经营主体</li>"
        "<li>第二年：全市推广，接入 500 家以上</li></ul>",
        budget_plan="经费按成员分工分配：领衔专家 180 万元，溯源平台 130 万元，"
        "冷链监测 110 万元，示范推广 80 万元。",
        milestone_plan="第 6 个月平台上线试运行；第 12 个月 3 个示范县运行；第 24 个月全市推广验收。",
        declares_ip=True,
        declares_no_conflict=True,
        declares_truthful=True,
        responses={
            indicator.pk: {"promised_value": value, "approach": "分县示范、逐品类接入"}
            for indicator, value in zip(
                challenge.indicators.all(), ["520家", "92%", "8分钟", "3个"], strict=True
            )
        },
    )
    services.submit_cabinet_plan(appointment=appointment, by=chief)
    _review(
        challenge,
        staff,
        experts,
        [[[88, 90, 84, 86]], [[86, 88, 85, 84]]],
    )
    services.approve_cabinet_plan(
        challenge=challenge,
        by=staff,
        note="组阁方案经专家评审通过，团队跨单位配置合理，经费分配与分工匹配。",
    )
    _end_notice(challenge)
    services.confirm_award(challenge=challenge, by=staff)
    appointment.refresh_from_db()
    services.change_cabinet_route(
        appointment=appointment,
        by=chief,
        route="溯源链由公有链改为政务联盟链，冷链预警在县级冷库增设边缘计算节点。",
        reason="与市大数据局政务链对接，降低上链成本并满足数据安全要求。",
    )
    return challenge


# The science bureau's published need DEMO-N03 (marketplace.demo) is a 揭榜挂帅 in the making:
# 转为榜单 gives it a draft 榜单 carrying the bounty, which the bureau completes and submits.
PROMOTED_NEED = ("DEMO-N03", Decimal("3000000"))


def _promote_demo_need(staff: User) -> Challenge | None:
    from marketplace.models import Need

    external_id, bounty = PROMOTED_NEED
    need = Need.objects.filter(external_id=external_id).first()
    if need is None or Challenge.objects.filter(source_need=need).exists():
        return None
    return services.promote_need_to_challenge(need=need, by=staff, bounty_cny=bounty)


def load(stdout=None) -> None:
    staff = User.objects.get(email="admin@demo.linyi")
    sun = User.objects.get(email="expert.sun@demo.linyi")
    gao, han = _experts()
    leads = {
        email: User.objects.get(email=email)
        for email in ("prof.wang@demo.linyi", "li.lab@demo.linyi")
    }
    leads[TEAM_LEAD[0]] = _user(TEAM_LEAD[0], TEAM_LEAD[1])
    made = []
    if not Challenge.objects.filter(title=WOOD["title"]).exists():
        made.append(_wood(staff, [sun, han], leads))
    if not Challenge.objects.filter(title=FOOD["title"]).exists():
        made.append(_food(staff, [gao, han], leads))
    if not Challenge.objects.filter(title=AGRI["title"]).exists():
        made.append(_agri(staff, [gao, han]))
    if (promoted := _promote_demo_need(staff)) is not None:
        made.append(promoted)
    if stdout is not None:
        stdout.write(f"揭榜挂帅: {len(made)} challenge(s) created; experts expert.gao / expert.han")
