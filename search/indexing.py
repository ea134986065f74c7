"""Turning listings into documents, versioned indices behind aliases, and bulk writes."""

import logging
from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from django.utils import timezone
from elasticsearch import helpers
from elasticsearch.dsl import Index

from challenges.models import Challenge
from challenges.selectors import PUBLIC_STATUSES as CHALLENGE_PUBLIC_STATUSES
from marketplace.models import Achievement, Need, Status

from . import text
from .client import alias_name, get_client
from .documents import (
    INDEX_SETTINGS,
    KINDS,
)

log = logging.getLogger(__name__)

# Needs of kind "challenge" and the challenges app's 榜单 share the "challenges" index and their
# primary keys can collide: a 榜单's document id carries this prefix ("c12"), a need's is its pk.
CHALLENGE_ID_PREFIX = "c"


def kind_of(listing) -> str:
    if isinstance(listing, Achievement):
        return "achievements"
    if isinstance(listing, Challenge) or listing.kind == Need.Kind.CHALLENGE:
        return "challenges"
    return "needs"


def doc_id(listing) -> str:
    if isinstance(listing, Challenge):
        return f"{CHALLENGE_ID_PREFIX}{listing.pk}"
    return str(listing.pk)


def model_of(kind: str, raw_id) -> tuple[str, int]:
    """("achievement" | "need" | "challenge", pk) of a hit, from its index kind and _id."""
    raw_id = str(raw_id)
    if raw_id.startswith(CHALLENGE_ID_PREFIX):
        return "challenge", int(raw_id[len(CHALLENGE_ID_PREFIX) :])
    return ("achievement" if kind == "achievements" else "need"), int(raw_id)


def is_searchable(listing) -> bool:
    """Published listings; 榜单 in every publicly visible state (open, under review, awarded…)."""
    if isinstance(listing, Challenge):
        return listing.status in CHALLENGE_PUBLIC_STATUSES
    return listing.is_published


def belongs_in_index(listing) -> bool:
    """Searchable, except a need promoted to a 榜单 that is public: the 榜单 stands for it, so
    one problem is one search result and one match, not two. The listing is one loaded through
    with_document_relations (which annotates `superseded`)."""
    if isinstance(listing, Need):
        return listing.is_published and not listing.superseded
    return is_searchable(listing)


def _num(value):
    return float(value) if value is not None else None


def listing_text(listing) -> tuple[str, list[str], str]:
    """(title, keywords, body): the text a listing is indexed and matched by."""
    if isinstance(listing, Challenge):
        return challenge_text(listing)
    if isinstance(listing, Achievement):
        body = f"{listing.summary}\n{listing.description_text}"
    else:
        body = listing.description_text
    return listing.title, list(listing.keywords or []), body


def challenge_text(challenge: Challenge) -> tuple[str, list[str], str]:
    """A 榜单 has no keywords of its own: its technical indicators (漏检率, 产能…) name what it
    is about; the body is the task, the indicators' targets and the conditions for applicants."""
    indicators = list(challenge.indicators.all())
    targets = "；".join(str(i) for i in indicators)
    body = "\n".join(p for p in (challenge.problem_statement, targets, challenge.eligibility) if p)
    return challenge.title, [i.name for i in indicators], body


def _common(listing) -> dict:
    org = listing.organization
    return {
        "pk": listing.pk,
        "external_id": listing.external_id or "",
        "kind": kind_of(listing),
        "title": listing.title,
        "keywords": list(listing.keywords or []),
        "industry": listing.industry.code,
        "industry_name": listing.industry.name,
        "technical_field": listing.technical_field,
        "organization_id": org.pk,
        "organization_name": org.name,
        "organization_kind": org.kind,
        "region": org.region,
        "published_at": listing.published_at,
        "quality_score": listing.quality_score,
    }


def achievement_document(a: Achievement, analysed: dict | None = None) -> dict:
    return dict(
        **_common(a),
        summary=a.summary,
        patent_type=a.patent_type,
        maturity=a.maturity,
        transfer_modes=list(a.transfer_modes or []),
        asking_price_cny=_num(a.asking_price_cny),
        price_negotiable=a.asking_price_cny is None,
        **_evaluation(a),
        **(analysed or text.analyse(*listing_text(a))),
    )


def _evaluation(a: Achievement) -> dict:
    """The score comes annotated (with_document_relations); an achievement loaded otherwise
    asks for it."""
    from evaluation.models import EvaluationRequest
    from evaluation.selectors import published_overall

    if hasattr(a, "published_overall"):
        overall = EvaluationRequest.round_overall(a.published_overall)
    else:
        overall = published_overall(a)
    return {"evaluated": "yes" if overall is not None else None, "evaluation_overall": overall}


def need_document(n: Need, analysed: dict | None = None) -> dict:
    return dict(
        **_common(n),
        summary=n.description[:300],
        budget_min_cny=_num(n.budget_min_cny),
        budget_max_cny=_num(n.budget_max_cny),
        bounty_cny=_num(n.bounty_cny),
        cooperation_modes=list(n.cooperation_modes or []),
        deadline=n.deadline,
        **(analysed or text.analyse(*listing_text(n))),
    )


def challenge_document(c: Challenge, analysed: dict | None = None) -> dict:
    title, keywords, body = challenge_text(c)
    org = c.organization
    return dict(
        pk=c.pk,
        external_id="",
        kind="challenges",
        title=title,
        keywords=keywords,
        industry=c.industry.code,
        industry_name=c.industry.name,
        technical_field="",
        organization_id=org.pk,
        organization_name=org.name,
        organization_kind=org.kind,
        region=org.region,
        published_at=c.published_at,
        quality_score=0,
        summary=c.problem_statement[:300],
        budget_max_cny=_num(c.total_budget_cny),
        bounty_cny=_num(c.bounty_cny),
        cooperation_modes=[],
        deadline=c.deadline,
        mechanism=c.mechanism,
        mechanism_label=str(c.get_mechanism_display()),
        status=c.status,
        **(analysed or text.analyse(title, keywords, body)),
    )


def document_for(listing, analysed: dict | None = None) -> dict:
    if isinstance(listing, Challenge):
        return challenge_document(listing, analysed)
    if isinstance(listing, Achievement):
        return achievement_document(listing, analysed)
    return need_document(listing, analysed)


def index_action(listing, *, index: str | None = None, analysed: dict | None = None) -> dict:
    """analysed: the text fields, when a worker process has computed them already.

    Documents are plain dicts (the Document classes define the strict mappings, which reject
    any field they do not declare): building dsl objects for every listing of a rebuild cost
    more than segmenting its text."""
    return {
        "_index": index or alias_name(kind_of(listing)),
        "_id": doc_id(listing),
        "_source": document_for(listing, analysed),
    }


def delete_actions(model_kind: str, pk: int) -> list[dict]:
    """Deletes from every alias the listing could live in (a need may have changed kind)."""
    if model_kind == "challenge":
        _id = f"{CHALLENGE_ID_PREFIX}{pk}"
        return [{"_op_type": "delete", "_index": alias_name("challenges"), "_id": _id}]
    kinds = ["achievements"] if model_kind == "achievement" else ["needs", "challenges"]
    return [{"_op_type": "delete", "_index": alias_name(k), "_id": pk} for k in kinds]


# Index management -------------------------------------------------------------------------


def new_index_name(kind: str) -> str:
    return f"{alias_name(kind)}-{timezone.now():%Y%m%d%H%M%S%f}"


def create_index(kind: str, name: str | None = None) -> str:
    name = name or new_index_name(kind)
    index = Index(name)
    index.settings(**INDEX_SETTINGS)
    index.document(KINDS[kind])
    index.create(using=get_client())
    return name


def ensure_indices() -> None:
    """Create any missing alias with a fresh index (first start, or a test's clean cluster)."""
    client = get_client()
    for kind in KINDS:
        alias = alias_name(kind)
        if not client.indices.exists_alias(name=alias):
            if client.indices.exists(index=alias):
                continue  # a concrete index squats the name; leave it to rebuild_index
            name = create_index(kind)
            client.indices.put_alias(index=name, name=alias)


def indices_behind(alias: str) -> list[str]:
    client = get_client()
    if not client.indices.exists_alias(name=alias):
        return []
    return sorted(client.indices.get_alias(name=alias).keys())


def swap_alias(kind: str, new_index: str) -> list[str]:
    """Point the alias at new_index in one atomic request; returns the indices it left."""
    client = get_client()
    alias = alias_name(kind)
    old = indices_behind(alias)
    actions = [{"remove": {"index": o, "alias": alias}} for o in old]
    actions.append({"add": {"index": new_index, "alias": alias}})
    if client.indices.exists(index=alias) and not old:
        # A concrete index with the alias's name (never ours, but possible by accident).
        actions.insert(0, {"remove_index": {"index": alias}})
    client.indices.update_aliases(actions=actions)
    return old


def bulk(actions: Iterable[dict], *, refresh=False) -> tuple[int, list[dict]]:
    """Send actions in bulk; returns (successes, errors). A missing doc on delete is no error."""
    ok, errors = 0, []
    for success, item in helpers.streaming_bulk(
        get_client(),
        actions,
        chunk_size=500,
        raise_on_error=False,
        raise_on_exception=True,
        max_retries=0,
    ):
        op = next(iter(item.values()))
        if success or (op.get("status") == 404 and "delete" in item):
            ok += 1
        else:
            errors.append(item)
    if refresh:
        get_client().indices.refresh(index=",".join(alias_name(k) for k in KINDS))
    return ok, errors


def with_document_relations(model):
    """Every row a document is built from, with what the document reads (relations, the
    published evaluation score) loaded in the same queries: used by rebuilds and the outbox."""
    if model is Challenge:
        return Challenge.objects.select_related("industry", "organization").prefetch_related(
            "indicators"
        )
    rows = model.objects.select_related("industry", "organization")
    if model is Need:
        public = Challenge.objects.filter(
            source_need=OuterRef("pk"), status__in=CHALLENGE_PUBLIC_STATUSES
        )
        rows = rows.annotate(superseded=Exists(public))
    if model is Achievement:
        from evaluation.selectors import with_published_overall

        rows = with_published_overall(rows)
    return rows


def published_listings():
    """Everything that belongs in the indices, with the relations a document needs."""
    achievements = with_document_relations(Achievement).filter(status=Status.PUBLISHED)
    needs = with_document_relations(Need).filter(status=Status.PUBLISHED, superseded=False)
    for rows in (achievements, needs, searchable_challenges()):
        yield from rows.order_by("pk").iterator(chunk_size=1000)


def searchable_challenges():
    return with_document_relations(Challenge).filter(status__in=CHALLENGE_PUBLIC_STATUSES)


def searchable_count() -> int:
    return (
        Achievement.objects.filter(status=Status.PUBLISHED).count()
        + with_document_relations(Need).filter(status=Status.PUBLISHED, superseded=False).count()
        + searchable_challenges().count()
    )
