"""Feature rows of labelled (need, achievement) pairs, read from the configured database and
index (the bench loads a labelled set into an isolated one first)."""

from ... import registry
from ...feedback import implicit_labels
from .. import engine, features


def rows_for(listing, *, size: int = engine.CANDIDATES, implicit: dict | None = None) -> dict:
    """The candidates the matcher would re-rank for listing, with their features; the plain
    character BM25 order is kept too (the baseline). implicit: {counterpart pk: grade} of what
    people did with this listing's matches (search.feedback.implicit_labels); dismissed
    counterparts then stay in, and the labels of those among the candidates are returned."""
    p = engine.listing_profile(listing)
    kinds = registry.SIDE_KINDS[engine._counterpart_side(registry.of(listing).side)]
    hits, peers = engine.retrieve(listing, p, kinds, size, keep_dismissed=implicit is not None)
    candidates, positions = features.fuse(hits)
    x = features.matrix(
        listing, p.body, p.chars, candidates, positions, peers, formula=engine._score
    )

    def key(hit):
        return hit["_source"].get("external_id") or hit["_id"]

    by_id = {str(pk): grade for pk, grade in (implicit or {}).items()}
    return {
        "ids": [key(hit) for hit in candidates],
        "implicit": {key(hit): by_id[hit["_id"]] for hit in candidates if hit["_id"] in by_id},
        "x": x.tolist(),
        "char": [key(hit) for hit in hits["char"]],
    }


def collect(needs) -> dict[str, dict]:
    """{need key: rows_for(need)} for every listing of needs."""
    return {(n.external_id or str(n.pk)): rows_for(n) for n in needs}


def implicit_rows() -> dict[str, dict]:
    """Rows of every need with implicit labels in the configured database: dismissed pairs
    (irrelevant), pairs marked 相关 and pairs that became engagements or deals (relevant). A
    labelled counterpart the matcher no longer retrieves has no features and is left out."""
    from ...models import MatchFeedback

    labels = implicit_labels()
    # The need model through feedback's own relation: search imports no domain app.
    Need = MatchFeedback._meta.get_field("need").related_model  # noqa: N806
    needs = Need.objects.filter(pk__in=list(labels)).select_related("industry").order_by("pk")
    return {f"implicit:{n.pk}": rows_for(n, implicit=labels[n.pk]) for n in needs}
