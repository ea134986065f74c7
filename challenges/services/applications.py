"""揭榜申报: a team's application, editable until the deadline and frozen after it."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from accounts.models import Membership
from accounts.rules import has_verified_email
from accounts.selectors import organization_admins
from notifications.services import notify_each_after_commit

from .. import selectors
from ..errors import ChallengeError
from ..models import Application, Challenge, IndicatorResponse, Mechanism, TeamMember

PROPOSAL_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]
APPLICATION_FIELDS = {
    "team_name",
    "lead_title",
    "proposal",
    "proposal_pdf",
    "budget_plan",
    "requested_amount_cny",
    "milestone_plan",
    "declares_ip",
    "declares_no_conflict",
    "declares_truthful",
}


def clean_rich_text(html: str) -> str:
    """Keep headings, emphasis, lists and links; drop scripts, styles and event handlers."""
    return EditorHTMLConverter(features=PROPOSAL_FEATURES).to_database_format(html or "")


def _ensure_open(challenge: Challenge) -> None:
    if not challenge.is_open:
        raise ChallengeError(_("该榜单不在申报期内，申报材料不能再修改。"))


def _ensure_lead(application: Application, by) -> None:
    if application.lead_id != getattr(by, "pk", None):
        raise ChallengeError(_("只有申报负责人可以修改本申报。"))


def _ensure_may_apply(challenge: Challenge, by, lead_organization) -> None:
    """Who may lead an application: a verified e-mail, a verified lead organization (the rule
    listings follow), and nobody reviewing the challenge."""
    if not has_verified_email(by):
        raise ChallengeError(_("请先验证您的邮箱，再申报揭榜挂帅榜单。"))
    if lead_organization is not None and not lead_organization.is_verified:
        raise ChallengeError(
            _("牵头单位「%(org)s」尚未通过平台认证，不能牵头申报。") % {"org": lead_organization}
        )
    if selectors.is_expert_of(by, challenge):
        raise ChallengeError(_("您是本榜单的评审专家，不能申报。"))


@transaction.atomic
def start_application(
    *, challenge: Challenge, by, team_name: str, lead_organization=None
) -> Application:
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    _ensure_open(challenge)
    if not getattr(by, "is_authenticated", False):
        raise ChallengeError(_("请登录后申报。"))
    if challenge.mechanism == Mechanism.CHIEF_SCIENTIST:
        raise ChallengeError(_("组阁制榜单由发榜单位提名的领衔专家组建团队，不接受自由申报。"))
    if lead_organization is not None:
        if not Membership.objects.filter(user=by, organization=lead_organization).exists():
            raise ChallengeError(_("只能以您所在的单位作为牵头单位。"))
        if lead_organization.pk == challenge.organization_id:
            raise ChallengeError(_("发榜单位不能揭自己的榜。"))
    _ensure_may_apply(challenge, by, lead_organization)
    existing = challenge.applications.filter(lead=by).first()
    if existing is not None:
        raise ChallengeError(_("您已经申报过该榜单，请修改已有的申报。"))
    if (
        lead_organization
        and challenge.applications.filter(lead_organization=lead_organization).exists()
    ):
        raise ChallengeError(_("该单位已经牵头申报了该榜单，每个团队只能申报一次。"))
    try:
        with transaction.atomic():
            return Application.objects.create(
                challenge=challenge,
                lead=by,
                lead_organization=lead_organization,
                team_name=(team_name or "").strip() or str(by),
            )
    except IntegrityError as exc:
        raise ChallengeError(_("每个团队只能申报一次。")) from exc


@transaction.atomic
def update_application(
    *, application: Application, by, members=None, responses=None, **fields
) -> Application:
    """members: [{name, organization_name, title, role}]; responses: {indicator_id: {...}}."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _ensure_lead(application, by)
    _ensure_open(application.challenge)
    unknown = set(fields) - APPLICATION_FIELDS
    if unknown:
        raise ChallengeError(_("未知字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    if "proposal" in fields:
        fields["proposal"] = clean_rich_text(fields["proposal"])
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean(exclude=["challenge", "lead", "lead_organization"])
    application.save()
    if application.challenge.mechanism == Mechanism.CHIEF_SCIENTIST:
        members = None  # a 组阁制 team and its budget split change only through services.cabinet
    if members is not None:
        if selectors.assigned_expert_in(members, application.challenge):
            raise ChallengeError(_("本榜单的评审专家不能加入申报团队。"))
        application.members.all().delete()
        for member in members:
            if member.get("name", "").strip():
                TeamMember.objects.create(application=application, **member)
    if responses is not None:
        indicator_ids = set(application.challenge.indicators.values_list("pk", flat=True))
        for indicator_id, data in responses.items():
            if int(indicator_id) not in indicator_ids:
                raise ChallengeError(_("指标不属于本榜单。"))
            IndicatorResponse.objects.update_or_create(
                application=application, indicator_id=int(indicator_id), defaults=data
            )
    return application


def _check_complete(application: Application) -> None:
    if not application.declarations_complete:
        raise ChallengeError(_("请确认知识产权声明、无利益冲突声明和材料真实性承诺。"))
    if not (application.proposal.strip() or application.proposal_pdf):
        raise ChallengeError(_("请填写技术方案或上传技术方案 PDF。"))
    answered = set(
        application.indicator_responses.exclude(promised_value="").values_list(
            "indicator_id", flat=True
        )
    )
    missing = application.challenge.indicators.exclude(pk__in=answered)
    if missing.exists():
        names = "、".join(missing.values_list("name", flat=True))
        raise ChallengeError(_("请逐项响应技术指标：%(n)s") % {"n": names})


@transaction.atomic
def submit_application(*, application: Application, by) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _ensure_lead(application, by)
    _ensure_open(application.challenge)
    if application.is_submitted:
        raise ChallengeError(_("申报已经提交；截止前仍可修改。"))
    # Verification can lapse between the draft and the submission: checked again.
    _ensure_may_apply(application.challenge, by, application.lead_organization)
    _check_complete(application)
    cabinet = application.challenge.mechanism == Mechanism.CHIEF_SCIENTIST
    if cabinet:
        from .cabinet import check_plan

        check_plan(application)
    application.submit(at=timezone.now())
    application.save()
    challenge = application.challenge
    if cabinet:
        from .cabinet import plan_submitted

        plan_submitted(application, by)
    notify_each_after_commit(
        users=organization_admins(challenge.organization_id),
        event="challenge_application_submitted",
        title=gettext_lazy("「%(t)s」收到一份揭榜申报"),
        params={"t": challenge.title},
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return application


@transaction.atomic
def withdraw_application(*, application: Application, by) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _ensure_lead(application, by)
    _ensure_open(application.challenge)
    if not application.is_submitted:
        raise ChallengeError(_("只有已提交的申报可以撤回。"))
    application.withdraw()
    application.save()
    return application
