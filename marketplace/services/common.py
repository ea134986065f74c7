"""Helpers shared by the marketplace services: audit events, recipients, links."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.models import Membership
from search.outbox import record_change

from ..models import Achievement, ListingEvent

__all__ = ["detail_url", "listing_recipients", "log_event", "record_change"]


def log_event(listing, *, action: str, by, from_status: str = "", note: str = "") -> ListingEvent:
    return ListingEvent.objects.create(
        content_type=ContentType.objects.get_for_model(listing),
        object_id=listing.pk,
        action=action,
        from_status=from_status,
        to_status=listing.status,
        by=by if by is not None and by.is_authenticated else None,
        note=note,
    )


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
