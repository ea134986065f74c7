"""Match feedback: reads the matcher needs (dismissed pairs)."""

from . import registry
from .models import MatchFeedback


def _theirs(listing) -> str | None:
    mine = registry.of(listing).feedback_field
    if mine is None:
        return None  # feedback is kept for (need, achievement) pairs only
    return "need" if mine == "achievement" else "achievement"


def dismissed_kind(listing) -> str:
    """The index kind of what dismissed_counterparts names ("" when feedback is not kept)."""
    theirs = _theirs(listing)
    return registry.named(theirs).index_kind if theirs else ""


def dismissed_counterparts(listing) -> list[int]:
    """Counterparts the listing's organization marked "not relevant": never suggested again."""
    theirs = _theirs(listing)
    if theirs is None:
        return []
    mine = registry.of(listing).feedback_field
    # One filter call: this runs before every match, and each queryset clone costs.
    rows = MatchFeedback.objects.filter(
        verdict=MatchFeedback.Verdict.NOT_RELEVANT,
        organization_id=listing.organization_id,
        **{f"{mine}_id": listing.pk},
    )
    return list(rows.order_by().values_list(f"{theirs}_id", flat=True))
