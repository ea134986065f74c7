"""{% evaluation_badge listing %} and {% evaluation_panel listing %} for achievement pages."""

from django import template

from accounts.rules import is_org_member, is_verified_org_member

from .. import selectors
from ..models import OPEN_STATUSES, EvaluationRequest

register = template.Library()


@register.inclusion_tag("evaluation/includes/badge.html")
def evaluation_badge(listing):
    """已评价 · 综合 82 — only when the owner published the evaluation."""
    return {"evaluation": selectors.published_evaluation(listing)}


@register.inclusion_tag("evaluation/includes/panel.html", takes_context=True)
def evaluation_panel(context, listing):
    user = context["request"].user
    owner = is_org_member(user, listing)
    latest = None
    if owner:
        latest = EvaluationRequest.objects.filter(achievement=listing).order_by("-pk").first()
    return {
        "listing": listing,
        "owner": owner,
        "latest": latest,
        "latest_open": latest is not None and latest.status in OPEN_STATUSES,
        "can_commission": not owner and listing.is_published and is_verified_org_member(user),
    }
