"""组阁制: the owner nominates a chief scientist (领衔专家), who accepts and assembles a team from
any organization with roles and a budget split; the team's plan is reviewed by experts like an
application and approved by staff; afterwards the chief scientist records changes of technical
route, budget and members. Every step lands in the challenge's event trail."""

from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from accounts.models import Membership
from accounts.selectors import organization_admins
from core.money import format_yuan
from notifications.services import notify_each_after_commit

from .. import selectors
from ..errors import ChallengeError
from ..models import (
    Application,
    Challenge,
    ChallengeStatus,
    ChiefAppointment,
    ChiefStatus,
    Mechanism,
    TeamMember,
)
from ..models.mechanisms import LIVE
from .common import lock, move, record, require_manager, require_reason, require_staff

S = ChallengeStatus
C = ChiefStatus
CHANGEABLE = (S.AWARDED, S.IN_PROGRESS)  # after approval, while the work goes on


def _require_cabinet(challenge: Challenge) -> None:
    if challenge.mechanism != Mechanism.CHIEF_SCIENTIST:
        raise ChallengeError(_("只有组阁制榜单由领衔专家组建团队。"))


def _require_chief(appointment: ChiefAppointment, by) -> None:
    if appointment.chief_id != getattr(by, "pk", None):
        raise ChallengeError(_("只有领衔专家本人可以执行此操作。"))


def _lock_appointment(appointment: ChiefAppointment) -> ChiefAppointment:
    return (
        ChiefAppointment.objects.select_for_update()
        .select_related("challenge")
        .get(pk=appointment.pk)
    )


def _notify_owner(challenge: Challenge, title, body: str = "", **params) -> None:
    """title: a gettext_lazy string; %(t)s is the challenge's title, the rest from params."""
    notify_each_after_commit(
        users=organization_admins(challenge.organization_id),
        event="challenge_cabinet",
        title=title,
        params={"t": challenge.title, **params},
        body=body,
        url=challenge.get_absolute_url(),
        obj=challenge,
    )


@transaction.atomic
def nominate_chief(*, challenge: Challenge, by, chief, note: str = "") -> ChiefAppointment:
    """The owner names the chief scientist while the challenge is published."""
    challenge = lock(challenge)
    require_manager(challenge, by)
    _require_cabinet(challenge)
    if challenge.status != S.PUBLISHED:
        raise ChallengeError(_("只能在榜单发布后、组阁方案提交前提名领衔专家。"))
    if not selectors.may_lead_cabinet(chief):
        raise ChallengeError(_("领衔专家须是专家库中的专家，或高校、科研院所的科研人员。"))
    if selectors.is_expert_of(chief, challenge):
        raise ChallengeError(_("本榜单的评审专家不能担任领衔专家。"))
    if challenge.chiefs.filter(status__in=LIVE).exists():
        raise ChallengeError(_("本榜单已有领衔专家人选；对方谢绝后才能另行提名。"))
    appointment = ChiefAppointment.objects.create(
        challenge=challenge, chief=chief, nominated_by=by, nomination_note=(note or "").strip()
    )
    record(challenge=challenge, action="chief_nominated", by=by, note=str(chief))
    notify_each_after_commit(
        users=[chief],
        event="challenge_cabinet",
        title=gettext_lazy("您被提名为「%(t)s」的领衔专家"),
        params={"t": challenge.title},
        body=appointment.nomination_note,
        url=selectors.cabinet_url(challenge),
        obj=challenge,
    )
    return appointment


def _plan_for(challenge: Challenge, chief, lead_organization) -> Application:
    """The chief scientist's team plan: an application like any other, so review reuses it."""
    from .applications import _ensure_may_apply

    if lead_organization is not None:
        if not Membership.objects.filter(user=chief, organization=lead_organization).exists():
            raise ChallengeError(_("只能以您所在的单位作为牵头单位。"))
        if lead_organization.pk == challenge.organization_id:
            raise ChallengeError(_("发榜单位不能揭自己的榜。"))
    _ensure_may_apply(challenge, chief, lead_organization)
    name = chief.name or str(chief)
    plan = Application.objects.create(
        challenge=challenge,
        lead=chief,
        lead_organization=lead_organization,
        team_name=_("%(n)s领衔团队") % {"n": name},
    )
    unit = str(lead_organization or "") or selectors.affiliation_of(chief)
    TeamMember.objects.create(
        application=plan, name=name, organization_name=unit, role=_("领衔专家"), user=chief
    )
    return plan


@transaction.atomic
def respond_to_nomination(
    *, appointment: ChiefAppointment, by, accept: bool, note: str = "", lead_organization=None
) -> ChiefAppointment:
    appointment = _lock_appointment(appointment)
    _require_chief(appointment, by)
    challenge = lock(appointment.challenge)
    if not can_proceed(appointment.accept):
        raise ChallengeError(_("该提名已经答复。"))
    now = timezone.now()
    if accept:
        if not challenge.is_open:
            raise ChallengeError(_("榜单不在征集期内，不能接受提名。"))
        appointment.plan = _plan_for(challenge, by, lead_organization)
        appointment.accept(at=now, note=note)
    else:
        appointment.decline(at=now, note=(note or "").strip())
    appointment.save()
    action = "chief_accepted" if accept else "chief_declined"
    record(challenge=challenge, action=action, by=by, note=note)
    title = (
        gettext_lazy("领衔专家 %(n)s 已接受提名")
        if accept
        else gettext_lazy("领衔专家 %(n)s 谢绝了提名")
    )
    _notify_owner(challenge, title, note, n=by)
    return appointment


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else "0"))
    except (InvalidOperation, ValueError) as exc:
        raise ChallengeError(_("经费金额格式不正确。")) from exc
    if amount < 0:
        raise ChallengeError(_("经费金额不能为负数。"))
    return amount


def _clean_members(challenge: Challenge, chief, members: list[dict]) -> list[dict]:
    """Named, placed and budgeted rows; invited accounts found by e-mail; the chief included;
    nobody reviewing the challenge; amounts adding up to the bounty."""
    user_model = get_user_model()
    rows = []
    for member in members:
        name = (member.get("name") or "").strip()
        if not name:
            continue
        unit = (member.get("organization_name") or "").strip()
        role = (member.get("role") or "").strip()
        if not unit or not role:
            raise ChallengeError(_("请填写成员「%(n)s」的所在单位和分工。") % {"n": name})
        email = (member.get("email") or "").strip()
        user = None
        if email:
            user = user_model.objects.filter(email__iexact=email).first()
            if user is None:
                raise ChallengeError(_("平台上没有邮箱为 %(e)s 的用户。") % {"e": email})
        rows.append(
            {
                "name": name,
                "organization_name": unit,
                "title": (member.get("title") or "").strip(),
                "role": role,
                "budget_cny": _amount(member.get("budget_cny")),
                "user": user,
            }
        )
    if not any(row["user"] is not None and row["user"].pk == chief.pk for row in rows):
        raise ChallengeError(_("领衔专家本人须列入团队。"))
    if selectors.assigned_expert_in(rows, challenge) or any(
        row["user"] is not None and selectors.is_expert_of(row["user"], challenge) for row in rows
    ):
        raise ChallengeError(_("本榜单的评审专家不能加入组阁团队。"))
    total = sum((row["budget_cny"] for row in rows), Decimal("0"))
    if total != challenge.bounty_cny:
        raise ChallengeError(
            _("各成员分配经费合计 %(s)s 元，须等于榜额 %(b)s 元。")
            % {"s": total, "b": challenge.bounty_cny}
        )
    return rows


def _replace_members(plan: Application, rows: list[dict]) -> tuple[list[str], list[str]]:
    """Write the team; return (names added, names removed) for the trail."""
    before = set(plan.members.values_list("name", flat=True))
    plan.members.all().delete()
    for row in rows:
        TeamMember.objects.create(application=plan, **row)
    after = {row["name"] for row in rows}
    return sorted(after - before), sorted(before - after)


def _invite(challenge: Challenge, rows: list[dict], chief, names: list[str]) -> None:
    invited = [r["user"] for r in rows if r["user"] and r["name"] in names and r["user"] != chief]
    if invited:
        notify_each_after_commit(
            users=invited,
            event="challenge_cabinet",
            title=gettext_lazy("%(c)s 邀请您加入「%(t)s」组阁团队"),
            params={"c": chief, "t": challenge.title},
            url=challenge.get_absolute_url(),
            obj=challenge,
        )


def _split_note(rows: list[dict]) -> str:
    return "；".join(f"{r['name']}（{r['role']}）¥{format_yuan(r['budget_cny'])}" for r in rows)


@transaction.atomic
def set_cabinet_team(*, appointment: ChiefAppointment, by, members: list[dict]) -> Application:
    """Before submission: the chief scientist invites members and splits the budget.

    members: [{name, organization_name, title, role, budget_cny, email?}]."""
    appointment = _lock_appointment(appointment)
    _require_chief(appointment, by)
    challenge = appointment.challenge
    if appointment.status != C.ACCEPTED or not challenge.is_open:
        raise ChallengeError(_("只有组阁期间（接受提名后、提交方案前）可以组建团队。"))
    rows = _clean_members(challenge, by, members)
    added, _removed = _replace_members(appointment.plan, rows)
    record(challenge=challenge, action="cabinet_team_set", by=by, note=_split_note(rows))
    _invite(challenge, rows, by, added)
    return appointment.plan


def check_plan(application: Application) -> None:
    """Called when a 组阁制 plan is submitted: the team and its budget split must stand."""
    appointment = getattr(application, "chief_appointment", None)
    if appointment is None or appointment.status != C.ACCEPTED:
        raise ChallengeError(_("组阁制榜单只接受已接受提名的领衔专家提交的组阁方案。"))
    rows = [
        {
            "name": m.name,
            "organization_name": m.organization_name,
            "role": m.role,
            "budget_cny": m.budget_cny,
            "email": m.user.email if m.user_id else "",
        }
        for m in application.members.select_related("user")
    ]
    _clean_members(application.challenge, application.lead, rows)


def plan_submitted(application: Application, by) -> None:
    """The plan is in: the call is over for this challenge, experts review the plan next."""
    appointment = ChiefAppointment.objects.select_for_update().get(plan=application)
    appointment.submit_plan()
    appointment.save()
    challenge = lock(application.challenge)
    move(challenge, "close", by=by, action_label=_("提交组阁方案"), note=_("组阁方案已提交评审"))
    _notify_owner(challenge, gettext_lazy("「%(t)s」的组阁方案已提交评审"))


def submit_cabinet_plan(*, appointment: ChiefAppointment, by) -> Application:
    from .applications import submit_application

    if appointment.plan_id is None:
        raise ChallengeError(_("请先接受提名并组建团队。"))
    return submit_application(application=appointment.plan, by=by)


@transaction.atomic
def approve_cabinet_plan(*, challenge: Challenge, by, note: str = "") -> ChiefAppointment:
    """Staff approve the reviewed plan: it goes to the public notice (公示) like any award."""
    from .lifecycle import announce_results

    require_staff(by)
    challenge = lock(challenge)
    _require_cabinet(challenge)
    appointment = challenge.chiefs.select_for_update().filter(status=C.SUBMITTED).first()
    if appointment is None:
        raise ChallengeError(_("没有待批准的组阁方案。"))
    if not appointment.plan.reviews.exists():
        raise ChallengeError(_("组阁方案尚未经专家评审，不能批准。"))
    appointment.approve()
    appointment.save()  # first: announce_results accepts a 组阁制 plan only once approved
    announce_results(challenge=challenge, by=by, winners=[appointment.plan], note=note)
    record(challenge=challenge, action="cabinet_plan_approved", by=by, note=note)
    notify_each_after_commit(
        users=[appointment.chief],
        event="challenge_cabinet",
        title=gettext_lazy("「%(t)s」的组阁方案已批准并进入公示"),
        params={"t": challenge.title},
        url=challenge.get_absolute_url(),
        obj=challenge,
    )
    return appointment


def _announce_change(challenge: Challenge, *, action: str, by, note: str, title) -> None:
    """The tail of every change after approval: the trail records it, the owner hears of it."""
    record(challenge=challenge, action=action, by=by, note=note)
    _notify_owner(challenge, title, note)


def _approved_for_change(appointment: ChiefAppointment, by) -> ChiefAppointment:
    appointment = _lock_appointment(appointment)
    _require_chief(appointment, by)
    if appointment.status != C.APPROVED or appointment.challenge.status not in CHANGEABLE:
        raise ChallengeError(_("组阁方案批准且榜单揭榜后，才能登记调整。"))
    return appointment


@transaction.atomic
def change_cabinet_route(
    *, appointment: ChiefAppointment, by, route: str, reason: str
) -> ChiefAppointment:
    """技术路线调整: the chief scientist's call; recorded with its reason for the owner."""
    appointment = _approved_for_change(appointment, by)
    reason = require_reason(reason)
    route = (route or "").strip()
    if not route:
        raise ChallengeError(_("请填写调整后的技术路线。"))
    appointment.technical_route = route
    appointment.save(update_fields=["technical_route"])
    challenge = appointment.challenge
    note = _("原因：%(r)s\n新技术路线：%(t)s") % {"r": reason, "t": route}
    title = gettext_lazy("「%(t)s」技术路线已调整")
    _announce_change(challenge, action="cabinet_route_change", by=by, note=note, title=title)
    return appointment


@transaction.atomic
def reallocate_cabinet_budget(
    *, appointment: ChiefAppointment, by, allocations: dict, reason: str
) -> Application:
    """经费调剂: new amounts for existing members ({member id: amount}); the total stays put."""
    appointment = _approved_for_change(appointment, by)
    reason = require_reason(reason)
    plan = appointment.plan
    members = {m.pk: m for m in plan.members.select_related("user")}
    amounts = {int(pk): _amount(value) for pk, value in allocations.items()}
    if set(amounts) - set(members):
        raise ChallengeError(_("只能调剂本团队成员的经费。"))
    rows = [
        {
            "name": m.name,
            "organization_name": m.organization_name,
            "title": m.title,
            "role": m.role,
            "budget_cny": amounts.get(pk, m.budget_cny),
            "email": m.user.email if m.user_id else "",
        }
        for pk, m in members.items()
    ]
    _clean_members(appointment.challenge, by, rows)
    changes = []
    for pk, amount in amounts.items():
        member = members[pk]
        if member.budget_cny != amount:
            changes.append(
                f"{member.name}：¥{format_yuan(member.budget_cny)} → ¥{format_yuan(amount)}"
            )
            member.budget_cny = amount
            member.save(update_fields=["budget_cny"])
    if not changes:
        raise ChallengeError(_("经费分配没有变化。"))
    challenge = appointment.challenge
    note = _("原因：%(r)s\n%(c)s") % {"r": reason, "c": "；".join(changes)}
    title = gettext_lazy("「%(t)s」团队经费已调剂")
    _announce_change(challenge, action="cabinet_budget_change", by=by, note=note, title=title)
    return plan


@transaction.atomic
def change_cabinet_members(
    *, appointment: ChiefAppointment, by, members: list[dict], reason: str
) -> Application:
    """成员调整: the whole team list again, with the same checks as when it was formed."""
    appointment = _approved_for_change(appointment, by)
    reason = require_reason(reason)
    challenge = appointment.challenge
    rows = _clean_members(challenge, by, members)
    added, removed = _replace_members(appointment.plan, rows)
    if not (added or removed):
        raise ChallengeError(_("团队成员没有变化；调整经费请使用经费调剂。"))
    note = _("原因：%(r)s\n加入：%(a)s；退出：%(d)s\n调整后：%(s)s") % {
        "r": reason,
        "a": "、".join(added) or "—",
        "d": "、".join(removed) or "—",
        "s": _split_note(rows),
    }
    _invite(challenge, rows, by, added)
    title = gettext_lazy("「%(t)s」团队成员已调整")
    _announce_change(challenge, action="cabinet_member_change", by=by, note=note, title=title)
    return appointment.plan
