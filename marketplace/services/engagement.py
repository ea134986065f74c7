"""Visitors engaging with a listing: views, inquiries (意向), favourites."""

import hashlib
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.contacts import mask_contacts, party_name
from core import hooks
from notifications.services import notify

from ..models import Achievement, Favourite, Inquiry, InquiryReply
from .common import listing_recipients
from .errors import ListingActionRefused

# Hook run (core.hooks) with inquiry=<Inquiry> after an inquiry is committed.
INQUIRY_MADE = "marketplace.inquiry_made"


def _link(listing) -> dict:
    return {"achievement": listing} if isinstance(listing, Achievement) else {"need": listing}


# A visitor's views of one listing count once in this window: reloads do not inflate the figure.
VIEW_WINDOW_SECONDS = 30 * 60


def record_view(*, listing, visitor: str) -> bool:
    """Count a view of a published listing by `visitor` (their address), once per window.

    Browsers report views (a beacon from the detail page, see portal.js), so a page served by
    the proxy's or the app's cache counts too, and crawlers that run no script do not."""
    from django.core.cache import cache

    digest = hashlib.sha256(visitor.encode()).hexdigest()[:16]  # no addresses kept in the cache
    key = f"listing-viewed:{listing._meta.label}:{listing.pk}:{digest}"
    if not listing.is_published or not cache.add(key, 1, timeout=VIEW_WINDOW_SECONDS):
        return False
    type(listing).objects.filter(pk=listing.pk).update(view_count=F("view_count") + 1)
    return True


def inquiry_organizations(*, user, listing) -> list:
    """The organizations `user` may make an inquiry for: theirs, except the listing's own."""
    from accounts.models import Membership

    memberships = Membership.objects.filter(user=user).select_related("organization")
    if listing is not None:
        memberships = memberships.exclude(organization_id=listing.organization_id)
    return [m.organization for m in memberships.order_by("organization__name")]


def _inquiring_organization(*, listing, by, organization):
    """The organization the inquiry names: the chosen one, or the only one the user has."""
    choices = inquiry_organizations(user=by, listing=listing)
    if organization is not None:
        if organization not in choices:
            raise ListingActionRefused(_("您不是所选机构的成员"))
        return organization
    if len(choices) > 1:
        raise ListingActionRefused(_("您属于多个机构，请选择代表哪个机构提交意向"))
    return choices[0] if choices else None


@transaction.atomic
def express_interest(*, listing, by, message: str, organization=None) -> Inquiry:
    """An inquiry made for one organization (chosen, or the user's only one): that
    organization's owners and admins become the party of an engagement opened from it."""
    if not listing.is_published:
        raise ListingActionRefused(_("该发布尚未公开，不能提交意向"))
    if not by.has_perm("marketplace.express_interest", listing):
        raise ListingActionRefused(_("请先验证邮箱；本机构的发布无需提交意向"))
    message = (message or "").strip()
    if not message:
        raise ListingActionRefused(_("请填写留言，说明您的合作意向"))
    organization = _inquiring_organization(listing=listing, by=by, organization=organization)
    inquiry = Inquiry.objects.create(
        user=by, organization=organization, message=message, **_link(listing)
    )
    # The notification travels by e-mail too: no contact details before both sides consent.
    who = organization.name if organization else party_name(by)
    for user in listing_recipients(listing):
        notify(
            user=user,
            event="inquiry_received",
            title=gettext_lazy("收到意向咨询：%(title)s"),
            body=gettext_lazy("%(who)s：%(message)s"),
            params={"title": listing.title, "who": who, "message": mask_contacts(message)},
            url=thread_url(inquiry),
            obj=inquiry,
        )
    # Apps above ours act on it once it is committed (brokerage tells the industry's brokers).
    transaction.on_commit(partial(hooks.run, INQUIRY_MADE, inquiry=inquiry), robust=True)
    return inquiry


@transaction.atomic
def set_inquiry_status(*, inquiry, by, status: str) -> Inquiry:
    """The listing's owner marks an inquiry contacted or closed; the inquirer is told in-site."""
    listing = inquiry.listing
    if not by.has_perm("marketplace.change_listing", listing):
        raise PermissionDenied(_("无权处理该意向"))
    if status not in Inquiry.Status.values:
        raise ListingActionRefused(_("无效的意向状态：%(s)s") % {"s": status})
    if inquiry.status == status:
        return inquiry
    inquiry.status = Inquiry.Status(status)
    inquiry.save(update_fields=["status"])
    if status != Inquiry.Status.NEW:
        notify(
            user=inquiry.user,
            event="inquiry_answered",
            title=gettext_lazy("意向咨询%(status)s：%(title)s"),
            body=gettext_lazy("%(org)s 已处理您的意向咨询。"),
            params={
                "status": Inquiry.Status(status).label,
                "title": listing.title,
                "org": listing.organization,
            },
            url=thread_url(inquiry),
            obj=inquiry,
        )
    return inquiry


@transaction.atomic
def toggle_favourite(*, listing, by) -> bool:
    """Returns True when the listing is now a favourite."""
    deleted, _count = Favourite.objects.filter(user=by, **_link(listing)).delete()
    if deleted:
        return False
    if not by.has_perm("marketplace.view_listing", listing):
        raise ListingActionRefused(_("该发布尚未公开"))
    Favourite.objects.create(user=by, **_link(listing))
    return True


MAX_REPLY_CHARS = 2000


def thread_url(inquiry) -> str:
    return reverse("marketplace:inquiry", args=[inquiry.pk])


@transaction.atomic
def reply_to_inquiry(*, inquiry, by, body: str) -> InquiryReply:
    """The listing's owner answers an inquiry, or the inquirer writes back; the other side is
    told in-site. The owner's first answer is what 已联系 describes, so it sets that status."""
    from ..rules import can_reply_inquiry, manages_inquired_listing

    if not can_reply_inquiry(by, inquiry):
        raise ListingActionRefused(_("无权回复该意向"))
    body = (body or "").strip()
    if not body:
        raise ListingActionRefused(_("回复不能为空"))
    if len(body) > MAX_REPLY_CHARS:
        raise ListingActionRefused(_("回复太长（最多 %(n)s 字）") % {"n": MAX_REPLY_CHARS})
    from_owner = manages_inquired_listing(by, inquiry)
    reply = InquiryReply.objects.create(
        inquiry=inquiry, author=by, from_owner=from_owner, body=body
    )
    listing = inquiry.listing
    if from_owner:
        if inquiry.status == Inquiry.Status.NEW:
            inquiry.status = Inquiry.Status.CONTACTED
            inquiry.save(update_fields=["status"])
        recipients = [inquiry.user]
        title = gettext_lazy("%(org)s 回复了您的意向：%(title)s")
        who = str(listing.organization)
    else:
        recipients = listing_recipients(listing)
        title = gettext_lazy("意向咨询有新回复：%(title)s")
        who = str(inquiry.organization or "") or _party_name(by)
    for user in recipients:
        # Notifications travel by e-mail too: contact details stay masked there.
        notify(
            user=user,
            event="inquiry_reply",
            title=title,
            body=gettext_lazy("%(who)s：%(message)s"),
            params={
                "org": listing.organization,
                "title": listing.title,
                "who": who,
                "message": mask_contacts(body),
            },
            url=thread_url(inquiry),
            obj=inquiry,
        )
    return reply


def _party_name(user) -> str:
    return party_name(user)
