"""Visitors engaging with a listing: views, inquiries (意向), favourites."""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from notifications.services import notify

from ..models import Achievement, Favourite, Inquiry
from .common import detail_url, listing_recipients
from .errors import ListingActionRefused


def _link(listing) -> dict:
    return {"achievement": listing} if isinstance(listing, Achievement) else {"need": listing}


def record_view(*, listing) -> None:
    type(listing).objects.filter(pk=listing.pk).update(view_count=F("view_count") + 1)


@transaction.atomic
def express_interest(*, listing, by, message: str) -> Inquiry:
    if not listing.is_published:
        raise ListingActionRefused(_("该发布尚未公开，不能提交意向"))
    if not by.has_perm("marketplace.express_interest", listing):
        raise ListingActionRefused(_("请先验证邮箱；本机构的发布无需提交意向"))
    message = (message or "").strip()
    if not message:
        raise ListingActionRefused(_("请填写留言，说明您的合作意向"))
    inquiry = Inquiry.objects.create(user=by, message=message, **_link(listing))
    for user in listing_recipients(listing):
        notify(
            user=user,
            event="inquiry_received",
            title=_("收到意向咨询：%(title)s") % {"title": listing.title},
            body=_("%(who)s：%(message)s") % {"who": by, "message": message},
            url=detail_url(listing),
            obj=inquiry,
        )
    transaction.on_commit(partial(_route_to_brokers, inquiry), robust=True)
    return inquiry


def _route_to_brokers(inquiry) -> None:
    """Certified brokers of the listing's industry may claim the inquiry."""
    from brokerage.services.engagements import route_inquiry

    route_inquiry(inquiry=inquiry)


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
            title=_("意向咨询%(status)s：%(title)s")
            % {"status": inquiry.get_status_display(), "title": listing.title},
            body=_("%(org)s 已处理您的意向咨询。") % {"org": listing.organization},
            url=detail_url(listing),
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
