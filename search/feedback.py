"""Match feedback: reads the matcher needs (dismissed pairs)."""

from . import registry
from .models import MatchFeedback


def dismissed_counterparts(listing) -> list[int]:
    """Counterparts the listing's organization marked "not relevant": never suggested again."""
    mine = registry.of(listing).feedback_field
    if mine is None:
        return []  # feedback is kept for (need, achievement) pairs only
    theirs = "need" if mine == "achievement" else "achievement"
    # One filter call: this runs before every match, and each queryset clone costs.
    rows = MatchFeedback.objects.filter(
        verdict=MatchFeedback.Verdict.NOT_RELEVANT,
        organization_id=listing.organization_id,
        **{f"{mine}_id": listing.pk},
    )
    return list(rows.order_by().values_list(f"{theirs}_id", flat=True))
