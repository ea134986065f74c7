"""Shared reads: who belongs to an engagement, pipelines, overdue work, price bands, funnels."""

import statistics
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from accounts.contacts import party_name  # noqa: F401  (re-exported: brokerage names parties)
from accounts.models import BrokerProfile, Membership

from .models import (
    OPEN_STAGES,
    PIPELINE,
    STAGE_TARGET_DAYS,
    Engagement,
    EngagementParty,
    Message,
    Side,
    Stage,
    TechContract,
)

# A price band is only shown when it hides each single deal among at least this many.
PRICE_BAND_MIN_DEALS = 5


# --- Membership and roles ---------------------------------------------------------------------


def _admin_org_ids(user) -> set[int]:
    return set(
        Membership.objects.filter(user=user, role__in=Membership.ADMIN_ROLES).values_list(
            "organization_id", flat=True
        )
    )


def is_broker_on(user, engagement: Engagement) -> bool:
    if not user.is_authenticated:
        return False
    if engagement.lead_broker_id == user.pk:
        return True
    return engagement.assistants.filter(pk=user.pk).exists()


def side_of(user, engagement: Engagement) -> str | None:
    """Which party the user speaks for (supply or demand), or None.

    A side is its contact person, the owners and admins of its organization, and the members
    they added (EngagementParty); other members of that organization are not parties. The
    contact person and added members speak for the side only while they still belong to its
    organization: leaving it ends their access at once.
    """
    if not user.is_authenticated:
        return None
    roles = dict(Membership.objects.filter(user=user).values_list("organization_id", "role"))
    added = set(
        EngagementParty.objects.filter(engagement=engagement, user=user).values_list(
            "side", flat=True
        )
    )
    sides = (
        (Side.SUPPLY, engagement.supply_contact_id, engagement.supply_organization_id),
        (Side.DEMAND, engagement.demand_contact_id, engagement.demand_organization_id),
    )
    for side, contact_id, org_id in sides:
        if roles.get(org_id) in Membership.ADMIN_ROLES:
            return side
        belongs = org_id is None or org_id in roles
        if belongs and (contact_id == user.pk or side in added):
            return side
    return None


def party_users(engagement: Engagement) -> list:
    """Everyone who speaks for a side: contacts, organization owners/admins, added members."""
    from accounts.models import User

    org_ids = [engagement.supply_organization_id, engagement.demand_organization_id]
    candidates = (
        User.objects.filter(
            Q(pk__in=[engagement.supply_contact_id, engagement.demand_contact_id])
            | Q(
                memberships__organization_id__in=[i for i in org_ids if i],
                memberships__role__in=Membership.ADMIN_ROLES,
            )
            | Q(pk__in=EngagementParty.objects.filter(engagement=engagement).values("user_id"))
        )
        .filter(is_active=True)
        .distinct()
    )
    # A contact or added member who left the side's organization no longer speaks for it.
    return [user for user in candidates if side_of(user, engagement)]


def role_in(user, engagement: Engagement) -> str | None:
    """'broker', 'supply', 'demand', 'staff' or None — in that order of precedence."""
    if not user.is_authenticated or not user.is_active:
        return None
    if is_broker_on(user, engagement):
        return "broker"
    side = side_of(user, engagement)
    if side:
        return str(side)
    if user.is_staff:
        return "staff"
    return None


def is_member(user, engagement: Engagement) -> bool:
    """Room members: the brokers and both parties (staff oversee the page, not the room)."""
    return role_in(user, engagement) in ("broker", Side.SUPPLY, Side.DEMAND)


def can_view(user, engagement: Engagement) -> bool:
    return role_in(user, engagement) is not None


def can_manage(user, engagement: Engagement) -> bool:
    """Stage changes, notes, tasks, documents: the engagement's brokers and platform staff."""
    return role_in(user, engagement) in ("broker", "staff") or (
        user.is_authenticated and user.is_staff
    )


def engagements_for(user, *, admin_orgs=None) -> QuerySet[Engagement]:
    """Engagements the user takes part in; `admin_orgs`, the organizations they administer,
    when the caller has them at hand."""
    if not user.is_authenticated:
        return Engagement.objects.none()
    orgs = _admin_org_ids(user) if admin_orgs is None else admin_orgs
    return (
        Engagement.objects.filter(
            Q(lead_broker=user)
            | Q(assistants=user)
            | Q(supply_contact=user)
            | Q(demand_contact=user)
            | Q(supply_organization__in=orgs)
            | Q(demand_organization__in=orgs)
            | Q(parties__user=user)
        )
        .distinct()
        .select_related("industry", "achievement", "need", "lead_broker")
    )


def brokered_by(user) -> QuerySet[Engagement]:
    return (
        Engagement.objects.filter(Q(lead_broker=user) | Q(assistants=user))
        .distinct()
        .select_related("industry", "achievement", "need", "supply_organization")
    )


def party_candidates(user, engagement: Engagement) -> list:
    """Members an owner/admin of a side's organization may still add to that side."""
    side = side_of(user, engagement)
    org_id = {
        Side.SUPPLY: engagement.supply_organization_id,
        Side.DEMAND: engagement.demand_organization_id,
    }.get(side)
    if org_id is None or org_id not in _admin_org_ids(user):
        return []
    already = {p.pk for p in party_users(engagement)}
    members = Membership.objects.filter(organization_id=org_id).select_related("user")
    return [m.user for m in members if m.user_id not in already]


# --- Contacts (the consent rule; the predicate is rules.can_see_contacts) -------------------


@dataclass
class Contact:
    """Whose contact details these are and the details themselves."""

    organization: object
    name: str
    phone: str
    email: str

    def __bool__(self) -> bool:
        return bool(self.name or self.phone or self.email)


def contact_owner(obj) -> tuple[object, object]:
    """(organization, person) whose details `obj` carries: a listing's or an organization's
    contact, or an inquirer (the person and the organization the inquiry was made for)."""
    from accounts.models import Organization
    from marketplace.models import Inquiry

    if isinstance(obj, Organization):
        return obj, None
    if isinstance(obj, Inquiry):
        return obj.organization, obj.user
    return getattr(obj, "organization", None), None


def contacts_of(obj) -> Contact:
    """The details as stored, unchecked: callers go through visible_contacts."""
    organization, person = contact_owner(obj)
    if person is not None:
        return Contact(organization, person.name, person.phone, person.email)
    return Contact(organization, obj.contact_name, obj.contact_phone, obj.contact_email)


def engagements_about(obj) -> QuerySet[Engagement]:
    """Engagements whose parties may come to see obj's contacts once both consented."""
    from accounts.models import Organization
    from marketplace.models import Achievement, Inquiry, Need

    if isinstance(obj, Organization):
        return Engagement.objects.filter(Q(supply_organization=obj) | Q(demand_organization=obj))
    if isinstance(obj, Achievement):
        return Engagement.objects.filter(achievement=obj)
    if isinstance(obj, Need):
        return Engagement.objects.filter(need=obj)
    if isinstance(obj, Inquiry):
        return Engagement.objects.filter(inquiries=obj)
    return Engagement.objects.none()


def visible_contacts(user, obj) -> Contact | None:
    """obj's contact person, phone and e-mail when the consent rule lets `user` see them,
    else None (the page then says 通过平台联系). The one selector every page, API and export
    uses."""
    from .rules import can_see_contacts

    if obj is None or not can_see_contacts(user, obj):
        return None
    return contacts_of(obj)


# --- Brokers ----------------------------------------------------------------------------------


def certified_broker(user) -> BrokerProfile | None:
    profile = BrokerProfile.objects.filter(user=user).first() if user.is_authenticated else None
    return profile if profile and profile.is_certified else None


def broker_covers_industry(user, industry_id: int) -> bool:
    profile = certified_broker(user)
    return bool(profile and profile.specialties.filter(pk=industry_id).exists())


def brokers_for_industry(industry_id: int) -> QuerySet[BrokerProfile]:
    """Inquiries are routed only to certified brokers of the listing's industry."""
    return BrokerProfile.objects.filter(
        certification_status=BrokerProfile.Certification.CERTIFIED,
        specialties=industry_id,
        user__is_active=True,
    ).select_related("user")


def claimable_inquiries(user):
    from marketplace.models import Inquiry

    profile = certified_broker(user)
    if profile is None:
        return Inquiry.objects.none()
    industries = list(profile.specialties.values_list("pk", flat=True))
    return (
        Inquiry.objects.filter(status=Inquiry.Status.NEW, engagements__isnull=True)
        .filter(Q(achievement__industry__in=industries) | Q(need__industry__in=industries))
        .select_related("achievement", "need", "user")
    )


# --- Pipeline, overdue work, commissions -------------------------------------------------------


def pipeline_board(user) -> list[tuple[str, str, list[Engagement]]]:
    engagements = list(brokered_by(user))
    board = []
    for stage in [*PIPELINE, Stage.CLOSED_LOST]:
        cards = [e for e in engagements if e.stage == stage]
        board.append((stage.value, stage.label, cards))
    return board


def overdue_engagements(now=None) -> list[Engagement]:
    """Open engagements that have stayed in their stage longer than its target duration."""
    now = now or timezone.now()
    overdue = Q()
    for stage, days in STAGE_TARGET_DAYS.items():
        overdue |= Q(stage=stage, stage_entered_at__lt=now - timedelta(days=days))
    return list(
        Engagement.objects.filter(stage__in=OPEN_STAGES)
        .filter(overdue)
        .select_related("lead_broker")
        .order_by("stage_entered_at")
    )


def commission_for(engagement: Engagement, contract: TechContract | None) -> Decimal | None:
    if engagement.commission_fixed_cny is not None:
        return engagement.commission_fixed_cny
    if engagement.commission_rate is None or contract is None:
        return None
    return (contract.tech_amount_cny * engagement.commission_rate).quantize(Decimal("0.01"))


@dataclass
class CommissionLine:
    engagement: Engagement
    contract: TechContract | None
    amount: Decimal | None


def commissions_of(user) -> tuple[list[CommissionLine], Decimal]:
    lines = []
    for engagement in Engagement.objects.filter(lead_broker=user).select_related("contract"):
        contract = getattr(engagement, "contract", None)
        if contract is None and engagement.commission_fixed_cny is None:
            continue
        lines.append(CommissionLine(engagement, contract, commission_for(engagement, contract)))
    total = sum((line.amount or Decimal("0") for line in lines), Decimal("0"))
    return lines, total


# --- Room --------------------------------------------------------------------------------------


def messages_after(engagement_id: int, after_id: int = 0, limit: int = 200) -> list[Message]:
    """The room's messages after message `after_id`, in seq order (ids grow with seq within a
    room: both are given under the engagement's row lock)."""
    return list(
        Message.objects.filter(engagement_id=engagement_id, id__gt=after_id)
        .select_related("sender", "file", "offer")
        .order_by("seq")[:limit]
    )


def broker_offer_sides(engagement: Engagement) -> set[str]:
    return set(engagement.broker_offer_consents.values_list("side", flat=True))


def broker_may_table_offers(engagement: Engagement) -> bool:
    """Brokers put offers on the table in a side's name only while both sides allow it."""
    return broker_offer_sides(engagement) == set(Side.values)


@dataclass
class PriceBand:
    """Quartiles of won contract amounts, rounded to PRICE_BAND_ROUNDING: never min or max,
    which would be two real contracts' amounts."""

    p25: Decimal
    p50: Decimal
    p75: Decimal
    deals: int


PRICE_BAND_ROUNDING = Decimal("10000")


def _rounded(amount) -> Decimal:
    steps = (Decimal(amount) / PRICE_BAND_ROUNDING).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return steps * PRICE_BAND_ROUNDING


def price_band(*, industry_id: int, transfer_mode: str) -> PriceBand | None:
    """Quartiles of the contract amounts of won deals like this one, rounded; None below the
    anonymity floor."""
    if not transfer_mode:
        return None
    amounts = list(
        TechContract.objects.filter(
            engagement__stage=Stage.CLOSED_WON,
            engagement__industry_id=industry_id,
            engagement__transfer_mode=transfer_mode,
        ).values_list("amount_cny", flat=True)
    )
    if len(amounts) < PRICE_BAND_MIN_DEALS:
        return None
    p25, p50, p75 = statistics.quantiles(amounts, n=4, method="inclusive")
    return PriceBand(_rounded(p25), _rounded(p50), _rounded(p75), len(amounts))


def contract_totals() -> dict:
    """Signed technology contracts: {"count": n, "total": sum of amount_cny (Decimal or None)}."""
    return TechContract.objects.aggregate(count=Count("pk"), total=Sum("amount_cny"))


# --- Work queue (core.work) ---------------------------------------------------------------------


def work_for(user) -> list:
    """What waits for the user in technology brokerage: for a party, its engagements (and the
    negotiation room when there is one); for a broker, inquiries to claim and engagements in
    progress or overdue; for staff, contracts awaiting 认定登记 and inquiries nobody took."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from accounts.selectors import work_roles
    from core.work import Smallest, WorkItem, counted, tally
    from marketplace.models import Inquiry

    roles = work_roles(user)
    brokered = brokered_by(user).values("pk")
    parties = (
        engagements_for(user, admin_orgs=roles.admin_orgs)
        .filter(stage__in=OPEN_STAGES)
        .exclude(pk__in=brokered)
    )
    now = timezone.now()
    overdue = Q()
    for stage, days in STAGE_TARGET_DAYS.items():
        overdue |= Q(stage=stage, stage_entered_at__lt=now - timedelta(days=days))
    running = Engagement.objects.filter(pk__in=brokered, stage__in=OPEN_STAGES)
    queries = {
        "parties": parties,
        "first_party": Smallest(parties),
        "led": user.led_engagements.all(),
        "open": running,
        "overdue": running.filter(overdue),
    }
    if roles.staff:
        queries["unregistered"] = awaiting_registration()
        queries["unassigned"] = Inquiry.objects.filter(
            status=Inquiry.Status.NEW, engagements__isnull=True
        )
    n = tally(**queries)

    items = counted(_("我参与的经纪项目"), reverse("brokerage:mine"), n["parties"])
    if n["parties"] == 1:
        room = reverse("brokerage:room", args=[n["first_party"]])
        items.append(WorkItem(label=_("进入洽谈室"), url=room))
    if roles.certified_broker:
        claimable = claimable_inquiries(user).count()
        inquiries = reverse("brokerage:inquiries")
        items += counted(_("可承接的意向咨询"), inquiries, claimable, urgent=True)
    if roles.certified_broker or n["led"]:
        dashboard = reverse("brokerage:dashboard")
        items += counted(_("超期的经纪项目"), dashboard, n["overdue"], urgent=True)
        items += counted(_("进行中的经纪项目"), dashboard, n["open"])
    if roles.staff:
        items += counted(
            _("待认定登记的技术合同"),
            reverse("brokerage:mine") + "?awaiting=registration",
            n["unregistered"],
            urgent=True,
        )
        items += counted(_("待分派的意向咨询"), reverse("brokerage:inquiries"), n["unassigned"])
    return items


def awaiting_registration() -> QuerySet[Engagement]:
    """Engagements whose technology contract staff have still to register (认定登记)."""
    return (
        Engagement.objects.filter(stage=Stage.AGREED, contract__isnull=False)
        .filter(Q(contract__registration_number__isnull=True) | Q(contract__registration_number=""))
        .select_related("industry", "achievement", "need", "lead_broker")
        .order_by("contract__signed_on", "pk")
    )


# --- What the matcher learns from ---------------------------------------------------------------

SIGNED_STAGES = [Stage.AGREED, Stage.CONTRACT_REGISTERED, Stage.CLOSED_WON]


def match_outcomes() -> list[tuple[int, int, int]]:
    """(need pk, achievement pk, grade) of pairs brokered here, for the matcher's ranker
    (registered under search.feedback.MATCH_OUTCOMES): 2 once signed (签约 or later), 1 while an
    engagement is open. A lost engagement says nothing about relevance and is left out.

    An engagement that names no need but came from inquiries counts for every need the
    inquiring organization had published when it asked about the achievement."""
    from marketplace.models import Need

    live = Engagement.objects.exclude(stage=Stage.CLOSED_LOST).filter(achievement__isnull=False)
    out = []
    for need_id, achievement_id, stage in live.filter(need__isnull=False).values_list(
        "need_id", "achievement_id", "stage"
    ):
        out.append((need_id, achievement_id, 2 if stage in SIGNED_STAGES else 1))
    asked = live.filter(
        need__isnull=True,
        inquiries__organization__isnull=False,
        inquiries__achievement_id=F("achievement_id"),
    ).values_list("achievement_id", "stage", "inquiries__organization_id", "inquiries__created_at")
    for achievement_id, stage, organization_id, asked_at in asked:
        needs = Need.objects.filter(organization_id=organization_id, published_at__lte=asked_at)
        grade = 2 if stage in SIGNED_STAGES else 1
        out += [(pk, achievement_id, grade) for pk in needs.values_list("pk", flat=True)]
    return out
