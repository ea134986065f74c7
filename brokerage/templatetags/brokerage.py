from django import template

from .. import stats
from ..models import Stage

register = template.Library()


@register.filter
def stage_label(code: str) -> str:
    try:
        return str(Stage(code).label)
    except ValueError:
        return code


@register.inclusion_tag("brokerage/includes/listing_funnel.html")
def listing_funnel(listing):
    """For the listing owner's pages: views -> inquiries -> engagements -> contracts."""
    return {"funnel": stats.listing_funnel(listing)}


@register.inclusion_tag("brokerage/includes/broker_training.html")
def broker_training(broker_profile):
    """For the public broker profile: certification status and training record."""
    return {"profile": broker_profile, **stats.training_summary(broker_profile.user)}
