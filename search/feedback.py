"""Match feedback: reads the matcher needs (dismissed pairs)."""

from marketplace.models import Achievement, Need

from .models import MatchFeedback


def dismissed_counterparts(listing) -> list[int]:
    """Counterparts the listing's organization marked "not relevant": never suggested again."""
    rows = MatchFeedback.objects.filter(
        verdict=MatchFeedback.Verdict.NOT_RELEVANT, organization_id=listing.organization_id
    )
    if isinstance(listing, Achievement):
        return list(rows.filter(achievement=listing).values_list("need_id", flat=True))
    if not isinstance(listing, Need):
        return []  # feedback is kept for (need, achievement) pairs only
    return list(rows.filter(need=listing).values_list("achievement_id", flat=True))
