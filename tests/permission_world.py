"""The shared world of tests/test_permission_matrix.py: one organization's objects and the seven
actors who look at them, built once through the real services and factories."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.base import ContentFile

from accounts.models import Membership, Organization, VerificationDocument
from brokerage.models import Document, RoomFile, Stage, Task
from challenges import services as challenge_services
from challenges.models import ChiefAppointment, Confidentiality, Milestone, StageResult
from evaluation import services as evaluation_services
from marketplace.models import Attachment, Status
from marketplace.services.annex import request_annex_access, set_annex
from notifications.services import notify
from payments.models import Payment, Product
from search.models import SavedSearch
from tests.accounts.factories import InvitationFactory, staff_user
from tests.brokerage.factories import EngagementFactory, InquiryFactory, broker, contract_fields
from tests.challenges.factories import (
    draft_challenge,
    pass_deadline,
    pay_deposit,
    submitted_application,
)
from tests.evaluation.factories import ExpertFactory
from tests.factories import (
    AchievementFactory,
    MembershipFactory,
    NeedFactory,
    OrganizationFactory,
    UserFactory,
)

ACTORS = ("anonymous", "unrelated", "owner", "party", "expert", "broker", "staff")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    """Everything a row's URL kwargs may name; `users` maps actor -> user (anonymous: None)."""

    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)  # actor -> session key, set by the fixture

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def owner_of(organization, **user):
    return MembershipFactory(
        organization=organization, role=Membership.Role.OWNER, user=UserFactory(**user)
    ).user


def build_world() -> World:
    """Organization A (owner) publishes; organization B (party) is its counterparty everywhere:
    the engagement's demand side, the challenge applicant, the annex requester, the inquirer."""
    org = OrganizationFactory(kind=Organization.Kind.UNIVERSITY)
    counterpart = OrganizationFactory()
    stranger_org = OrganizationFactory()
    staff = staff_user()
    users = {
        "anonymous": None,
        "unrelated": owner_of(stranger_org),
        "owner": owner_of(org),
        "party": owner_of(counterpart),
        "expert": ExpertFactory().user,
        "broker": broker(),
        "staff": staff,
    }
    owner, party, expert = users["owner"], users["party"], users["expert"]
    colleague = MembershipFactory(organization=org, role=Membership.Role.MEMBER).user

    published = AchievementFactory(organization=org, created_by=owner, title="矩阵：已发布成果")
    draft = AchievementFactory(
        organization=org,
        created_by=owner,
        title="矩阵：草稿成果",
        status=Status.DRAFT,
        published_at=None,
    )
    need = NeedFactory(organization=org, created_by=owner, title="矩阵：已发布需求")
    draft_need = NeedFactory(
        organization=org, created_by=owner, status=Status.DRAFT, published_at=None
    )

    set_annex(
        achievement=published,
        by=owner,
        file=ContentFile(PDF, name="annex.pdf"),
        terms="仅限评估合作使用，不得外传。",
        requires_approval=True,
    )
    annex_request = request_annex_access(achievement=published, by=party, accept_terms=True)
    listing_file = Attachment.objects.create(
        achievement=published,
        kind=Attachment.Kind.PDF,
        file=ContentFile(PDF, name="brochure.pdf"),
        original_name="成果简介.pdf",
        size=len(PDF),
        uploaded_by=owner,
    )
    inquiry = InquiryFactory(achievement=published, user=party)

    engagement = EngagementFactory(
        achievement=published,
        demand_organization=counterpart,
        lead_broker=users["broker"],
        stage=Stage.AGREED,
    )
    from brokerage.services.contracts import record_contract

    contract = record_contract(engagement=engagement, by=users["broker"], **contract_fields())
    room_file = RoomFile.objects.create(
        engagement=engagement,
        file=ContentFile(PDF, name="offer.pdf"),
        original_name="报价单.pdf",
        size=len(PDF),
        uploaded_by=party,
    )
    document = Document.objects.create(
        engagement=engagement,
        kind=Document.Kind.choices[0][0],
        file=ContentFile(PDF, name="nda.pdf"),
        original_name="保密协议.pdf",
        size=len(PDF),
        uploaded_by=users["broker"],
    )
    task = Task.objects.create(
        engagement=engagement, title="约双方见面", due_on=date.today() + timedelta(days=7)
    )

    challenge = draft_challenge(
        owner=owner,
        organization=org,
        confidentiality=Confidentiality.INTERNAL,
        attachment=ContentFile(PDF, name="task.pdf"),
    )
    challenge_services.submit_challenge(challenge=challenge, by=owner)
    pay_deposit(challenge, owner)
    challenge_services.publish_challenge(challenge=challenge, by=staff)
    application = submitted_application(challenge, lead=party, organization=counterpart)
    if not application.proposal_pdf:
        application.proposal_pdf.save("proposal.pdf", ContentFile(PDF), save=True)
    draft_board = draft_challenge(owner=owner, organization=org, title="矩阵：草稿榜单")
    pass_deadline(challenge)
    challenge_services.close_due_challenges()
    challenge = challenge_services.start_review(challenge=challenge, by=staff)
    review = challenge_services.assign_expert(challenge=challenge, expert=expert, by=staff)
    challenge_services.declare_conflicts(assignment=review, by=expert, conflicted=[])
    milestone = Milestone.objects.create(
        challenge=challenge,
        application=application,
        title="样机交付",
        deliverables="样机一台",
        due_date=date.today() + timedelta(days=90),
    )
    stage_result = StageResult.objects.create(
        milestone=milestone,
        summary="中试样机检测报告",
        file=ContentFile(PDF, name="result.pdf"),
        submitted_by=party,
    )
    # 组阁制: the expert is the nominated chief scientist of the owner's draft board.
    chief_appointment = ChiefAppointment.objects.create(
        challenge=draft_board, chief=expert, nominated_by=owner
    )

    evaluation = evaluation_services.request_evaluation(
        achievement=published, by=owner, category="transfer"
    )
    evaluation_services.waive_fee(evaluation=evaluation, by=staff, reason="中心资助项目")
    appraisal = evaluation_services.assign_expert(evaluation=evaluation, expert=expert, by=staff)
    for _ in range(2):  # a panel needs three experts; the other two are nobody's actor
        evaluation_services.assign_expert(
            evaluation=evaluation, expert=ExpertFactory().user, by=staff
        )
    evaluation_services.start_scoring(evaluation=evaluation, by=staff)
    evaluation_services.declare_conflict(assignment=appraisal, by=expert, has_conflict=False)

    verification_document = VerificationDocument.objects.create(
        organization=org,
        kind=VerificationDocument.Kind.choices[0][0],
        file=ContentFile(PDF, name="license.pdf"),
        uploaded_by=owner,
    )
    invitation = InvitationFactory(organization=org, invited_by=owner)
    notification = notify(user=owner, event="matrix", title="矩阵通知")
    saved_search = SavedSearch.objects.create(user=owner, name="胶黏剂", query="胶黏剂")
    product, _ = Product.objects.get_or_create(
        slug="achievement-evaluation", defaults={"name": "科技成果评价服务", "summary": "评价"}
    )
    receipt = Payment.objects.filter(payer=owner).order_by("pk").first()
    colleague_membership = Membership.objects.get(user=colleague, organization=org)

    return World(
        users=users,
        objects={
            "org": org,
            "counterpart": counterpart,
            "published": published,
            "draft": draft,
            "need": need,
            "draft_need": draft_need,
            "annex_request": annex_request,
            "listing_file": listing_file,
            "inquiry": inquiry,
            "engagement": engagement,
            "contract": contract,
            "room_file": room_file,
            "document": document,
            "task": task,
            "challenge": challenge,
            "draft_board": draft_board,
            "application": application,
            "review": review,
            "milestone": milestone,
            "stage_result": stage_result,
            "chief_appointment": chief_appointment,
            "evaluation": evaluation,
            "appraisal": appraisal,
            "verification_document": verification_document,
            "invitation": invitation,
            "notification": notification,
            "saved_search": saved_search,
            "product": product,
            "receipt": receipt,
            "membership": colleague_membership,
            "broker_profile": users["broker"].broker_profile,
        },
    )
