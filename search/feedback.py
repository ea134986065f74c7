"""Match feedback: reads the matcher needs (dismissed pairs), and the implicit labels the
ranker learns from (search/matching/ranker/dataset.py)."""

from core import hooks

from . import registry
from .models import MatchFeedback

# Apps above search tell the ranker which (need, achievement) pairs worked out, without search
# importing them: a function registered under this name in AppConfig.ready() returns
# (need pk, achievement pk, grade) triples, grade 2 = the pair was signed (solves the need),
# 1 = the pair was taken up seriously (clearly relevant). See brokerage.selectors.match_outcomes.
MATCH_OUTCOMES = "search.match_outcomes"


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


def implicit_labels() -> dict[int, dict[int, int]]:
    """{need pk: {achievement pk: grade}} from what people did, not from a labelled set:
    outcomes (a signed deal 2, an engagement 1) first, then match feedback (相关 1, 不相关 0).
    A deal outweighs an earlier dismissal; a dismissal outweighs a colleague's "相关" (the
    organization no longer sees the pair)."""
    labels: dict[int, dict[int, int]] = {}
    verdicts = MatchFeedback.objects.order_by().values_list("need_id", "achievement_id", "verdict")
    for need, achievement, verdict in verdicts:
        grade = 0 if verdict == MatchFeedback.Verdict.NOT_RELEVANT else 1
        pair = labels.setdefault(need, {})
        pair[achievement] = min(pair.get(achievement, grade), grade)
    for outcomes in hooks.run(MATCH_OUTCOMES):
        for need, achievement, grade in outcomes:
            pair = labels.setdefault(need, {})
            pair[achievement] = max(pair.get(achievement, 0), grade)
    return labels
