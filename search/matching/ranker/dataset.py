"""Feature rows of labelled (need, achievement) pairs, read from the configured database and
index (the bench loads a labelled set into an isolated one first)."""

from ... import registry
from ...feedback import dismissed_counterparts
from .. import engine, features


def rows_for(listing, *, size: int = engine.CANDIDATES, with_dismissed: bool = False) -> dict:
    """The candidates the matcher would re-rank for listing, with their features; the plain
    character BM25 order is kept too (the baseline). with_dismissed: counterparts the owner
    dismissed stay in (and are named), as implicit irrelevant labels for training."""
    p = engine.listing_profile(listing)
    kinds = registry.SIDE_KINDS[engine._counterpart_side(registry.of(listing).side)]
    hits, peers = engine.retrieve(listing, p, kinds, size, keep_dismissed=with_dismissed)
    candidates, positions = features.fuse(hits)
    x = features.matrix(
        listing, p.body, p.chars, candidates, positions, peers, formula=engine._score
    )

    def key(hit):
        return hit["_source"].get("external_id") or hit["_id"]

    dismissed = set(map(str, dismissed_counterparts(listing))) if with_dismissed else set()
    return {
        "ids": [key(hit) for hit in candidates],
        "dismissed": [key(hit) for hit in candidates if hit["_id"] in dismissed],
        "x": x.tolist(),
        "char": [key(hit) for hit in hits["char"]],
    }


def collect(needs) -> dict[str, dict]:
    """{need key: rows_for(need)} for every listing of needs."""
    return {(n.external_id or str(n.pk)): rows_for(n) for n in needs}


def feedback_rows() -> dict[str, dict]:
    """Rows of every need with dismissed counterparts in the configured database."""
    from ...models import MatchFeedback

    # The need model through feedback's own relation: search imports no domain app.
    Need = MatchFeedback._meta.get_field("need").related_model  # noqa: N806
    pks = MatchFeedback.objects.filter(verdict=MatchFeedback.Verdict.NOT_RELEVANT).values("need_id")
    needs = Need.objects.filter(pk__in=pks).select_related("industry").order_by("pk")
    return {f"feedback:{n.pk}": rows_for(n, with_dismissed=True) for n in needs}
