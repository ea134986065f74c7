"""Helpers shared by the marketplace services: the activity log, recipients, links."""

from django.urls import reverse

from accounts.models import Membership
from core.activity import log_action
from search.outbox import record_change

from ..models import Achievement

__all__ = ["detail_url", "listing_recipients", "log_event", "record_change"]


def log_event(listing, *, action: str, by, from_status: str = "", note: str = ""):
    """A listing's entry in the activity log ("listing.<action>"), with its status then."""
    data = {"field": "status", "from": from_status, "to": listing.status, "note": note}
    return log_action(listing, f"listing.{action}", by=by, data=data)


def listing_recipients(listing) -> list:
    """Who hears about a listing: its creator if still a member, else the org's admins."""
    admins = [
        m.user
        for m in Membership.objects.filter(
            organization_id=listing.organization_id,
            role__in=Membership.ADMIN_ROLES,
        ).select_related("user")
    ]
    creator = listing.created_by
    if creator is not None and (
        creator in admins
        or Membership.objects.filter(user=creator, organization_id=listing.organization_id).exists()
    ):
        return [creator] + [u for u in admins if u.pk != creator.pk]
    return admins


def detail_url(listing) -> str:
    name = "achievement_detail" if isinstance(listing, Achievement) else "need_detail"
    return reverse(f"marketplace:{name}", args=[listing.pk])
