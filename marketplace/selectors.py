"""Shared reads of the marketplace."""

from django.db.models import Q, QuerySet

from core.activity import entries_for
from core.models import ActivityEntry

from .models import (
    Achievement,
    AnnexAccessRequest,
    Favourite,
    Inquiry,
    Need,
    Status,
)


def published_achievements() -> QuerySet[Achievement]:
    return (
        Achievement.objects.filter(status=Status.PUBLISHED)
        .select_related("industry", "organization")
        .order_by("-published_at", "-id")
    )


def published_needs() -> QuerySet[Need]:
    return (
        Need.objects.filter(status=Status.PUBLISHED)
        .select_related("industry", "organization")
        .order_by("-published_at", "-id")
    )


def user_memberships(user):
    from accounts.models import Membership

    return Membership.objects.filter(user=user).select_related("organization")


def user_organizations(user) -> list:
    return [m.organization for m in user_memberships(user)]


def org_achievements(orgs) -> QuerySet[Achievement]:
    return (
        Achievement.objects.filter(organization__in=orgs)
        .select_related("industry", "organization")
        .order_by("-updated_at")
    )


def org_needs(orgs) -> QuerySet[Need]:
    return (
        Need.objects.filter(organization__in=orgs)
        .select_related("industry", "organization")
        .order_by("-updated_at")
    )


def inquiries_for_owner(user) -> QuerySet[Inquiry]:
    """我收到的意向: inquiries on listings the user may manage (see rules.can_edit): every
    listing of an organization they administer, and their own listings elsewhere."""
    from accounts.models import Membership

    memberships = Membership.objects.filter(user=user)
    admin_orgs = memberships.filter(role__in=Membership.ADMIN_ROLES).values("organization_id")
    member_orgs = memberships.values("organization_id")
    mine = Q(achievement__organization__in=admin_orgs) | Q(need__organization__in=admin_orgs)
    mine |= Q(achievement__created_by=user, achievement__organization__in=member_orgs)
    mine |= Q(need__created_by=user, need__organization__in=member_orgs)
    return (
        Inquiry.objects.filter(mine)
        .select_related("user", "organization", "achievement__organization", "need__organization")
        .order_by("-created_at", "-id")
    )


def inquiries_sent(user) -> QuerySet[Inquiry]:
    return Inquiry.objects.filter(user=user).select_related("achievement", "need")


def favourites(user) -> QuerySet[Favourite]:
    """The user's favourites they may still see: published, or of their own organizations."""
    favourites = Favourite.objects.filter(user=user).select_related("achievement", "need")
    if user.is_staff:
        return favourites
    orgs = user_organizations(user)
    return favourites.filter(
        Q(achievement__status=Status.PUBLISHED)
        | Q(achievement__organization__in=orgs)
        | Q(need__status=Status.PUBLISHED)
        | Q(need__organization__in=orgs)
    )


def pending_annex_requests(orgs) -> QuerySet[AnnexAccessRequest]:
    return AnnexAccessRequest.objects.filter(
        achievement__organization__in=orgs, status=AnnexAccessRequest.Status.PENDING
    ).select_related("achievement", "user")


def listing_events(listing) -> QuerySet[ActivityEntry]:
    """The listing's activity trail, newest first."""
    return entries_for(listing)


def is_favourite(user, listing) -> bool:
    if not user.is_authenticated:
        return False
    link = {"achievement": listing} if isinstance(listing, Achievement) else {"need": listing}
    return Favourite.objects.filter(user=user, **link).exists()


def sent_inquiry(user, listing) -> Inquiry | None:
    """The user's latest inquiry on this listing (the detail page then links to its thread
    instead of offering an empty form)."""
    if not user.is_authenticated:
        return None
    link = {"achievement": listing} if isinstance(listing, Achievement) else {"need": listing}
    return Inquiry.objects.filter(user=user, **link).order_by("-created_at", "-id").first()


def organization_page_listings(organization) -> dict:
    """What an organization's public page lists of ours (accounts.selectors.ORGANIZATION_PAGE)."""
    published = {"organization": organization, "status": Status.PUBLISHED}
    return {
        "achievements": Achievement.objects.filter(**published)[:6],
        "needs": Need.objects.filter(**published)[:6],
    }


# --- Work queue (core.work) ---------------------------------------------------------------------


def work_for(user) -> list:
    """What waits for the user in the marketplace: inquiries to answer, annex requests to decide,
    listings returned by moderation; for staff, the moderation queue. A user in no organization
    has none of the first three; a listing model's lines are one aggregate."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from accounts.selectors import work_roles
    from core.work import counted

    roles = work_roles(user)
    member_orgs, admin_orgs = roles.member_orgs, roles.admin_orgs
    if not (member_orgs or roles.staff):
        return []
    counts = {}
    returned = Q(organization__in=admin_orgs) | Q(created_by=user, organization__in=member_orgs)
    for model in (Achievement, Need):
        wanted = {}
        if member_orgs:
            wanted["rejected"] = Count("pk", filter=returned & Q(status=Status.REJECTED))
        if roles.staff:
            wanted["pending"] = Count("pk", filter=Q(status=Status.PENDING))
        counts[model] = model.objects.aggregate(**wanted)
    items = _owner_work(user, member_orgs, counts) if member_orgs else []
    if roles.staff:
        for model, label in ((Achievement, _("待审核的科技成果")), (Need, _("待审核的技术需求"))):
            url = reverse(f"wagtailsnippets_marketplace_{model._meta.model_name}:list")
            pending = counts[model]["pending"]
            items += counted(label, url + "?status=pending", pending, urgent=True)
    return items


def _owner_work(user, member_orgs, counts: dict) -> list:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from core.work import counted, tally

    dashboard = reverse("marketplace:dashboard")
    n = tally(
        inquiries=inquiries_for_owner(user).filter(status=Inquiry.Status.NEW),
        annexes=AnnexAccessRequest.objects.filter(
            achievement__organization__in=member_orgs, status=AnnexAccessRequest.Status.PENDING
        ),
    )
    inquiries, annexes = n["inquiries"], n["annexes"]
    rejected = sum(counts[model]["rejected"] for model in (Achievement, Need))
    return [
        *counted(
            _("待回复的意向咨询"),
            reverse("marketplace:inquiries") + "?status=new",
            inquiries,
            urgent=True,
        ),
        *counted(_("待处理的保密附件申请"), dashboard + "#dash-annex", annexes, urgent=True),
        *counted(_("被驳回待修改的发布"), dashboard + "#dash-achievements", rejected),
    ]
