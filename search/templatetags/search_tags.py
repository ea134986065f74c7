"""Match panels: {% listing_matches listing %} on detail pages (推荐成果 / 匹配需求; a
challenges.Challenge gets 推荐成果 too) and
{% org_matches_panel %} for the dashboard; {% saved_searches_panel %} lists 我的订阅.

Each match card carries the feedback form when the viewer may judge the listing's matches.
"""

import logging

from django import template
from elastic_transport import TransportError
from elasticsearch import ApiError

from accounts.models import Membership

from .. import registry
from ..indexing import is_searchable
from ..models import MatchFeedback
from ..selectors import listing_url
from ..services import COUNTERPART_FIELD, FEEDBACK_PERMISSION

register = template.Library()
log = logging.getLogger(__name__)

ORG_LISTINGS = 6


def source_kind(listing) -> str:
    return registry.of(listing).name if listing is not None else ""


def card_id(listing, counterpart_id: int) -> str:
    """The HTML id of a match card; the feedback view answers htmx requests by it."""
    return f"match-{source_kind(listing)}-{listing.pk}-{counterpart_id}"


def _verdicts(user, listing) -> dict[int, str]:
    """The viewer's earlier verdicts on this listing's matches, by counterpart id."""
    if not getattr(user, "is_authenticated", False):
        return {}
    mine = registry.of(listing).feedback_field
    rows = MatchFeedback.objects.filter(user=user, **{mine: listing})
    return dict(rows.values_list(f"{COUNTERPART_FIELD[mine]}_id", "verdict"))


def match_context(listing, user, limit: int) -> dict:
    """Matches of one listing, decorated for the card template."""
    from ..matching import matches_for

    matches, unavailable = [], False
    if listing is not None and is_searchable(listing):
        try:
            matches = matches_for(listing, limit=limit)
        except (TransportError, ApiError):
            log.warning("matches unavailable for %s", listing.pk)
            unavailable = True
    # Feedback is kept for (need, achievement) pairs: not for a 榜单 nor for matches to one.
    can_feedback = bool(
        matches
        and registry.of(listing).feedback_field is not None
        and user is not None
        and user.has_perm(FEEDBACK_PERMISSION, listing)
    )
    verdicts = _verdicts(user, listing) if can_feedback else {}
    for m in matches:
        m.url = listing_url(m.kind, m.pk, model=m.model)
        m.feedback = can_feedback and m.model != "challenge"
        m.verdict = verdicts.get(m.pk, "") if m.feedback else ""
        m.card_id = card_id(listing, m.pk if m.feedback else f"{m.model}{m.pk}")
    return {
        "listing": listing,
        "source_kind": source_kind(listing),
        "matches": matches,
        "unavailable": unavailable,
        "for_achievement": listing is not None and registry.of(listing).side == registry.OFFER,
        "can_feedback": can_feedback,
        "reasons": MatchFeedback.Reason.choices,
    }


@register.inclusion_tag("search/includes/matches.html", takes_context=True)
def listing_matches(context, listing, limit=5):
    request = context.get("request")
    user = getattr(request, "user", None)
    return match_context(listing, user, limit) | {"request": request}


@register.inclusion_tag("search/includes/org_matches.html", takes_context=True)
def org_matches_panel(context, limit=3):
    """Top matches of the viewer's organizations' newest published listings (dashboard)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    groups = []
    if user is not None and user.is_authenticated:
        memberships = Membership.objects.filter(user=user).select_related("organization")
        orgs = [m.organization for m in memberships]
        # Wants (needs) before offers: the stable sort below keeps that order on equal times.
        searchables = sorted(registry.all(), key=lambda s: s.side != registry.WANT)
        listings = []
        for searchable in searchables:
            rows = searchable.for_organizations(orgs)
            if rows is not None:
                listings += rows[:ORG_LISTINGS]
        listings.sort(key=lambda x: x.published_at or x.updated_at, reverse=True)
        groups = [match_context(x, user, limit) for x in listings[:ORG_LISTINGS]]
    return {"groups": groups, "request": request}


@register.inclusion_tag("search/includes/saved_searches_panel.html", takes_context=True)
def saved_searches_panel(context, limit=5):
    request = context.get("request")
    user = getattr(request, "user", None)
    saved = []
    if user is not None and user.is_authenticated:
        saved = list(user.saved_searches.all()[:limit])
    return {"saved_searches": saved, "request": request}
