"""Opening engagements, moving them through their stages, the ledger and contact disclosure."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership
from accounts.selectors import active_staff
from core.activity import log_action
from core.realtime import recheck_live_access
from core.transitions import apply_transition
from marketplace.models import Inquiry
from notifications.services import notify_each

from .. import selectors
from ..errors import BrokerageError, NotAllowed
from ..models import (
    ContactConsent,
    Engagement,
    EngagementParty,
    Introduction,
    LostReason,
    Side,
    Stage,
)
from ..realtime import group_name as room_group


def _record(engagement, *, action: str, by, note: str = ""):
    """A milestone that is not a stage change: "engagement.<action>" in the activity log."""
    return log_action(engagement, f"engagement.{action}", by=by, data={"note": note})


def _inquiring_organization(inquiry: Inquiry):
    """The organization the inquiry was made for; older inquiries name none, and then only a
    user with a single membership speaks for an organization."""
    if inquiry.organization_id:
        return inquiry.organization
    memberships = list(Membership.objects.filter(user=inquiry.user).select_related("organization"))
    return memberships[0].organization if len(memberships) == 1 else None


def _require_manager(engagement, by) -> None:
    if not selectors.can_manage(by, engagement):
        raise NotAllowed(_("只有本项目的经纪人或平台工作人员可以执行此操作。"))


@transaction.atomic
def open_engagement_from_inquiry(*, inquiry: Inquiry, broker, by) -> Engagement:
    """Turns an inquiry into an engagement led by `broker` (claimed, or assigned by staff)."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.engagements.exists():
        raise BrokerageError(_("该咨询已由其他经纪人跟进。"))
    listing = inquiry.listing
    if not selectors.broker_covers_industry(broker, listing.industry_id):
        raise NotAllowed(_("只有已认证且擅长该产业的技术经纪人可以承接此咨询。"))
    inquirer_org = _inquiring_organization(inquiry)
    fields = {
        "title": listing.title,
        "lead_broker": broker,
        "industry_id": listing.industry_id,
        "created_by": by,
    }
    if inquiry.achievement_id:
        modes = inquiry.achievement.transfer_modes or []
        fields.update(
            achievement=inquiry.achievement,
            supply_organization=listing.organization,
            demand_organization=inquirer_org,
            demand_contact=inquiry.user,
            transfer_mode=modes[0] if len(modes) == 1 else "",
        )
    else:
        fields.update(
            need=inquiry.need,
            demand_organization=listing.organization,
            supply_organization=inquirer_org,
            supply_contact=inquiry.user,
        )
    engagement = Engagement.objects.create(**fields)
    engagement.inquiries.add(inquiry)
    how = _("经纪人承接咨询") if by.pk == broker.pk else _("工作人员分派咨询")
    _record(engagement, action="opened", by=by, note=how)
    # The inquiry's status stays the owner's to set: a broker taking it up is not the owner
    # having contacted the inquirer (已联系).
    notify_each(
        users=[broker],
        event="engagement_assigned",
        title=gettext_lazy("新的经纪项目：%(title)s"),
        params={"title": engagement.title},
        url=engagement.get_absolute_url(),
        obj=engagement,
    )
    # Both sides learn who took the inquiry and where the engagement and its room now are.
    notify_each(
        users=[user for user in selectors.party_users(engagement) if user.pk != broker.pk],
        event="inquiry_taken",
        title=_("技术经纪人%(broker)s承接了「%(title)s」的意向咨询")
        % {"broker": selectors.party_name(broker), "title": engagement.title},
        body=_("经纪项目和洽谈室已开通，可在“我的经纪项目”中查看。"),
        url=engagement.get_absolute_url(),
        obj=engagement,
    )
    return engagement


def claim_inquiry(*, inquiry: Inquiry, by) -> Engagement:
    return open_engagement_from_inquiry(inquiry=inquiry, broker=by, by=by)


def assign_inquiry(*, inquiry: Inquiry, broker, by) -> Engagement:
    if not by.is_staff:
        raise NotAllowed(_("只有平台工作人员可以分派咨询。"))
    return open_engagement_from_inquiry(inquiry=inquiry, broker=broker, by=by)


@transaction.atomic
def add_assistant(*, engagement: Engagement, broker, by) -> None:
    _require_manager(engagement, by)
    if selectors.certified_broker(broker) is None:
        raise BrokerageError(_("协办人须为已认证的技术经纪人。"))
    engagement.assistants.add(broker)
    _record(engagement, action="assistant_added", by=by, note=str(broker))


# --- Stage changes ---------------------------------------------------------------------------


def _move(engagement: Engagement, *, method: str, by, note: str, **kwargs) -> Engagement:
    """One stage change. apply_transition locks the row and re-reads it whole (`fresh`): the
    caller's copy may be older than a concurrent consent or commission, which save() would undo."""
    apply_transition(
        engagement,
        method,
        by=by,
        label=method,
        error=BrokerageError,
        refusal=_("当前阶段“%(stage)s”不能执行此操作。"),
        note=note,
        arguments=kwargs,
        fresh=True,
        changes={"stage_entered_at": timezone.now(), "overdue_notified_at": None},
    )
    if not engagement.is_open:
        # The room closes with the engagement: its open sockets close on commit.
        recheck_live_access(groups=[room_group(engagement.pk)])
    return engagement


@transaction.atomic
def mark_contacted(*, engagement: Engagement, by, note: str = "") -> Engagement:
    """对接: the broker has reached both parties; this is when the ledger records introductions."""
    _require_manager(engagement, by)
    engagement = _move(engagement, method="contact", by=by, note=note)
    for side in Side:
        record_introduction(engagement=engagement, side=side, by=by, note=note)
    return engagement


@transaction.atomic
def start_negotiation(*, engagement: Engagement, by, note: str = "") -> Engagement:
    _require_manager(engagement, by)
    return _move(engagement, method="negotiate", by=by, note=note)


@transaction.atomic
def mark_agreed(*, engagement: Engagement, by, note: str = "", check: bool = True) -> Engagement:
    """签约: the parties agreed; their direct contact details are now shown to each other."""
    if check:
        _require_manager(engagement, by)
    engagement = _move(engagement, method="agree", by=by, note=note)
    _disclose_contacts(engagement, by=by, note=_("双方达成一致"))
    notify_each(
        users=_people(engagement),
        event="engagement_agreed",
        title=gettext_lazy("双方已达成一致：%(title)s"),
        params={"title": engagement.title},
        url=engagement.get_absolute_url(),
        obj=engagement,
    )
    return engagement


@transaction.atomic
def close_won(*, engagement: Engagement, by, note: str = "") -> Engagement:
    _require_manager(engagement, by)
    return _move(engagement, method="win", by=by, note=note)


@transaction.atomic
def close_lost(*, engagement: Engagement, reason: str, by, note: str = "") -> Engagement:
    _require_manager(engagement, by)
    if reason not in LostReason.values:
        raise BrokerageError(_("请选择未成交原因。"))
    if reason == LostReason.OTHER and not note.strip():
        raise BrokerageError(_("选择“其他”时请说明原因。"))
    return _move(engagement, method="lose", by=by, note=note, reason=reason, detail=note)


# --- Ledger and contact disclosure -----------------------------------------------------------


def record_introduction(*, engagement: Engagement, side: str, by, note: str = ""):
    """Appends the first introduction of a side; later calls leave the original untouched."""
    existing = Introduction.objects.filter(engagement=engagement, side=side).first()
    if existing:
        return existing
    if side == Side.SUPPLY:
        org, person = engagement.supply_organization, engagement.supply_contact
    else:
        org, person = engagement.demand_organization, engagement.demand_contact
    with transaction.atomic():
        return Introduction.objects.create(
            engagement=engagement,
            side=side,
            organization=org,
            person=person,
            introduced_by=by,
            note=note,
        )


def _disclose_contacts(engagement: Engagement, *, by, note: str) -> None:
    if engagement.contacts_disclosed_at is None:
        engagement.contacts_disclosed_at = timezone.now()
        Engagement.objects.filter(pk=engagement.pk).update(
            contacts_disclosed_at=engagement.contacts_disclosed_at
        )
        _record(engagement, action="contacts_disclosed", by=by, note=note)


@transaction.atomic
def consent_to_disclosure(*, engagement: Engagement, by) -> bool:
    """A party agrees to show its contact details; once both sides have, they are disclosed."""
    side = selectors.side_of(by, engagement)
    if side is None:
        raise NotAllowed(_("只有项目双方可以同意公开联系方式。"))
    ContactConsent.objects.get_or_create(engagement=engagement, side=side, defaults={"by": by})
    _record(engagement, action="contact_consent", by=by, note=str(Side(side).label))
    if ContactConsent.objects.filter(engagement=engagement).count() == len(Side):
        _disclose_contacts(engagement, by=by, note=_("双方同意公开联系方式"))
        return True
    return False


def _people(engagement: Engagement) -> list:
    """The brokers and the parties (not every member of the parties' organizations)."""
    people = [engagement.lead_broker, *engagement.assistants.all()]
    people += selectors.party_users(engagement)
    return list({p.pk: p for p in people if p is not None}.values())


@transaction.atomic
def add_party_member(*, engagement: Engagement, user, by) -> EngagementParty:
    """An owner or admin of a side's organization adds one of its members to that side."""
    side = selectors.side_of(by, engagement)
    org_id = {
        Side.SUPPLY: engagement.supply_organization_id,
        Side.DEMAND: engagement.demand_organization_id,
    }.get(side)
    if (
        org_id is None
        or not Membership.objects.filter(
            user=by, organization_id=org_id, role__in=Membership.ADMIN_ROLES
        ).exists()
    ):
        raise NotAllowed(_("只有本方机构的负责人或管理员可以添加参与人。"))
    if not Membership.objects.filter(user=user, organization_id=org_id).exists():
        raise BrokerageError(_("只能添加本机构的成员。"))
    party, _created = EngagementParty.objects.get_or_create(
        engagement=engagement, user=user, defaults={"side": side, "added_by": by}
    )
    _record(engagement, action="party_added", by=by, note=selectors.party_name(user))
    return party


# --- Overdue ----------------------------------------------------------------------------------


@transaction.atomic
def flag_overdue_engagements(*, now=None) -> int:
    """Tells each overdue engagement's brokers and the staff, once per stage visit."""
    flagged = 0
    staff = list(active_staff())
    for engagement in selectors.overdue_engagements(now):
        if engagement.overdue_notified_at is not None:
            continue
        brokers = [engagement.lead_broker, *engagement.assistants.all()]
        notify_each(
            users=[*brokers, *staff],
            event="engagement_overdue",
            title=gettext_lazy("经纪项目超期：%(title)s（%(stage)s）"),
            params={"title": engagement.title, "stage": Stage(engagement.stage).label},
            url=engagement.get_absolute_url(),
            obj=engagement,
        )
        Engagement.objects.filter(pk=engagement.pk).update(overdue_notified_at=timezone.now())
        flagged += 1
    return flagged


def route_inquiry(*, inquiry: Inquiry) -> int:
    """Tells the certified brokers of the listing's industry about a new inquiry."""
    listing = inquiry.listing
    brokers = [p.user for p in selectors.brokers_for_industry(listing.industry_id)]
    from django.urls import reverse

    notify_each(
        users=brokers,
        event="inquiry_for_brokers",
        title=gettext_lazy("可承接的新咨询：%(title)s"),
        params={"title": listing.title},
        url=reverse("brokerage:inquiries"),
        obj=inquiry,
    )
    return len(brokers)


__all__ = [
    "Stage",
    "add_assistant",
    "add_party_member",
    "assign_inquiry",
    "claim_inquiry",
    "close_lost",
    "close_won",
    "consent_to_disclosure",
    "flag_overdue_engagements",
    "mark_agreed",
    "mark_contacted",
    "open_engagement_from_inquiry",
    "record_introduction",
    "route_inquiry",
    "start_negotiation",
]
