"""{% listing_matches listing %}: the top matches of a listing with reasons, for detail pages."""

import logging

from django import template
from elastic_transport import TransportError
from elasticsearch import ApiError

from marketplace.models import Achievement

from ..selectors import listing_url

register = template.Library()
log = logging.getLogger(__name__)


@register.inclusion_tag("search/includes/matches.html")
def listing_matches(listing, limit=5):
    from ..matching import matches_for

    matches, unavailable = [], False
    if listing is not None and listing.is_published:
        try:
            matches = matches_for(listing, limit=limit)
        except (TransportError, ApiError):
            log.warning("matches unavailable for %s", listing.pk)
            unavailable = True
    for m in matches:
        m.url = listing_url(m.kind, m.pk)
    return {
        "matches": matches,
        "unavailable": unavailable,
        "for_achievement": isinstance(listing, Achievement),
    }
