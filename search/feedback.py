"""Match feedback: reads the matcher needs (dismissed pairs)."""

from marketplace.models import Achievement, Need

from .models import MatchFeedback


def dismissed_counterparts(listing) -> list[int]:
    """Counterparts the listing's organization marked "not relevant": never suggested again."""
    if isinstance(listing, Achievement):
        mine, theirs = "achievement_id", "need_id"
    elif isinstance(listing, Need):
        mine, theirs = "need_id", "achievement_id"
    else:
        return []  # feedback is kept for (need, achievement) pairs only
    # One filter call: this runs before every match, and each queryset clone costs.
    rows = MatchFeedback.objects.filter(
        verdict=MatchFeedback.Verdict.NOT_RELEVANT,
        organization_id=listing.organization_id,
        **{mine: listing.pk},
    )
    return list(rows.order_by().values_list(theirs, flat=True))
