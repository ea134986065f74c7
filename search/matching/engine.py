"""Candidate retrieval (Elasticsearch) and re-ranking (Python) for matches."""

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .. import registry, text
from ..client import alias_name, get_client
from ..feedback import dismissed_counterparts, dismissed_kind
from ..indexing import doc_id, kind_of, listing_text, model_of
from . import explain, features, ranker
from . import profile as profiles

CANDIDATES = 30  # per retriever; their union is re-ranked in Python (bench/matching_quality)
PEERS = 20  # listings like the source, against which mutual fit is judged (see mutual.py)

# Measured on a labelled development set (bench/matching_quality); none of these refers to a
# particular listing or word. Single characters beat words there: trade language and technical
# language share characters far more often than jieba words.
REQUIREMENT_BOOST = 1.0  # sentences saying what is wanted, and its limits, count twice
MUTUAL_WEIGHT = 0.5  # mutual fit lifted Recall@10 from 0.92 to 0.97
# A published 五元 evaluation moves a match a little towards 1 (in proportion to its 综合 score):
# a tie-breaker, not measured on the dev set, which has no evaluations.
EVALUATION_WEIGHT = 0.1
INDUSTRY_BOOST = 0.25  # same industry helps a little; many good matches cross industries
# Sentences that state the wish ("希望…", "想找…") or a requirement ("不超过…", "至少…"): what a
# counterpart must satisfy, as opposed to the background of who the author is.
REQUIREMENT = re.compile(
    r"[^。！？；!?;\n]*(?:希望|想找|想要|想换|想把|想用|寻求|求|需要|要求|最好|能否|能不能|找一种|找个"
    r"|不能|不想|不超过|不低于|不少于|以上|以内|以下|至少|达到)[^。！？；!?;\n]*"
)


@dataclass
class Match:
    kind: str  # "achievements" | "needs" | "challenges"
    pk: int
    external_id: str
    title: str
    score: float
    why: list[str] = field(default_factory=list)
    source: dict = field(default_factory=dict, repr=False)
    features: dict = field(default_factory=dict, repr=False)
    # "achievement" | "need" | "challenge" (a challenges-app 榜单): what pk is the key of
    model: str = ""
    # "strong" (worth a notification), "weak" (shown as a match), "" (below the ranker's
    # threshold: listed, but not called a match)
    strength: str = ""

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "model": self.model,
            "id": self.pk,
            "external_id": self.external_id,
            "title": self.title,
            "score": round(self.score, 4),
            "strength": self.strength,
            "why": self.why,
        }


def listing_profile(listing) -> profiles.Profile:
    return profiles.build(*listing_text(listing))


def _weighted_terms(counts: Counter, field_name: str = "body_c") -> list[dict]:
    """One term clause per distinct token, boosted by how often it is said: scores the same
    as repeating the token in a match query, at a fraction of the work for Lucene."""
    return [{"term": {field_name: {"value": t, "boost": n}}} for t, n in sorted(counts.items())]


def _not_these(kind: str, ids) -> dict:
    """Documents of one index kind by id (ids are primary keys: each index has its own)."""
    return {
        "bool": {"filter": [{"ids": {"values": [str(i) for i in ids]}}, {"term": {"kind": kind}}]}
    }


def build_query(
    p: profiles.Profile, *, industry: str | None, exclude_ids=(), exclude_kind: str = ""
) -> dict:
    counts = Counter(p.chars)
    for t in text.chars(" ".join(REQUIREMENT.findall(p.body))):
        counts[t] += REQUIREMENT_BOOST
    should = _weighted_terms(counts)
    if industry:
        should.append({"term": {"industry": {"value": industry, "boost": INDUSTRY_BOOST}}})
    query = {"bool": {"should": should, "minimum_should_match": 1}}
    if exclude_ids:
        query["bool"]["must_not"] = [_not_these(exclude_kind, exclude_ids)]
    return query


SOURCE_FIELDS = [
    "pk",
    "external_id",
    "kind",
    "title",
    "summary",
    "keywords",
    "industry",
    "industry_name",
    "organization_id",
    "organization_name",
    "maturity",
    "transfer_modes",
    "asking_price_cny",
    "budget_min_cny",
    "budget_max_cny",
    "cooperation_modes",
    "technical_field",
    "evaluation_overall",
]


def _counterpart_side(side: str) -> str:
    return registry.WANT if side == registry.OFFER else registry.OFFER


def match_searches(
    listing, p: profiles.Profile, kinds: list[str], size: int, exclude_ids=()
) -> list[dict]:
    """The msearch body: candidates of the wanted kinds from each retriever (features.py), and
    the source's peers. exclude_ids: counterparts dismissed (dismissed_kind's documents)."""
    gone = dismissed_kind(listing) if exclude_ids else ""
    fwd = build_query(p, industry=listing.industry.code, exclude_ids=exclude_ids, exclude_kind=gone)
    char = _terms_query("body_c", Counter(p.chars), exclude_ids, gone)
    word = _terms_query("body_w", Counter(text.search_words(p.tokens)), exclude_ids, gone)
    peers = {"bool": {"should": _weighted_terms(Counter(p.chars)), "minimum_should_match": 1}}
    if listing.pk:
        peers["bool"]["must_not"] = [_not_these(kind_of(listing), [doc_id(listing)])]
    own = _indices(registry.SIDE_KINDS[registry.of(listing).side])
    wanted = _indices(kinds)
    searches = []
    for query in (fwd, char, word):
        searches += [
            {"index": wanted, "ignore_unavailable": True},
            {
                "query": query,
                "size": size,
                "_source": [*SOURCE_FIELDS, "body_c"],
                "track_total_hits": False,  # lets Lucene skip documents that cannot reach the top
            },
        ]
    searches += [
        {"index": own, "ignore_unavailable": True},
        {"query": peers, "size": PEERS, "_source": ["body_c"], "track_total_hits": False},
    ]
    return searches


def _terms_query(field_name: str, counts: Counter, exclude_ids=(), exclude_kind="") -> dict:
    should = _weighted_terms(counts, field_name) or [{"match_none": {}}]
    query = {"bool": {"should": should, "minimum_should_match": 1}}
    if exclude_ids:
        query["bool"]["must_not"] = [_not_these(exclude_kind, exclude_ids)]
    return query


def retrieve(
    listing,
    p: profiles.Profile,
    kinds: list[str],
    size: int,
    *,
    keep_dismissed=False,
    prepare=None,
) -> tuple[dict, list]:
    """Each retriever's hits ({"fwd": [...], "char": [...], "word": [...]}) and the peers, in
    one round trip.

    Counterparts the owner dismissed are read from the database while Elasticsearch searches;
    in the rare case that some come back, the search is repeated without them, so as many
    candidates as always are re-ranked. prepare: other work to do meanwhile."""
    searching = _SEARCHES.submit(_msearch, match_searches(listing, p, kinds, size))
    dismissed = set() if keep_dismissed else {str(pk) for pk in dismissed_counterparts(listing)}
    if prepare:
        prepare()
    responses = searching.result()
    gone = dismissed_kind(listing)
    found = {
        hit["_id"] for hits in responses[:3] for hit in hits if hit["_source"].get("kind") == gone
    }
    if dismissed & found:
        responses = _msearch(match_searches(listing, p, kinds, size, exclude_ids=dismissed))
    hits = {name: responses[i] for i, name in enumerate(features.RETRIEVERS)}
    return hits, responses[3]


# Match searches run here while the calling thread reads feedback from the database (a Django
# connection belongs to its thread; the Elasticsearch client is thread-safe).
_SEARCHES = ThreadPoolExecutor(max_workers=4, thread_name_prefix="match-search")

# Only what the matcher reads comes back (the hits' ids, scores and sources): less for
# Elasticsearch to write and for Python to parse. "status" keeps a search without hits in its
# place in the list (filter_path drops an emptied object from an array).
MSEARCH_OPTIONS = {
    "filter_path": [
        "responses.status",
        "responses.error",
        "responses.hits.hits._id",
        "responses.hits.hits._score",
        "responses.hits.hits._source",
    ]
}


def _msearch(searches: list[dict]) -> list[list[dict]]:
    """The hits of each search, in order."""
    responses = get_client().msearch(searches=searches, **MSEARCH_OPTIONS)["responses"]
    for response in responses:
        if "error" in response:
            raise RuntimeError(f"match search failed: {response['error']}")
    return [response.get("hits", {}).get("hits", []) for response in responses]


def _indices(kinds: list[str]) -> str:
    return ",".join(alias_name(k) for k in kinds)


def rerank(
    source_listing, p: profiles.Profile, hits: dict, peers: list[dict], limit: int | None = None
) -> list:
    """Candidates of all retrievers, scored by the learned ranker (a calibrated probability),
    or without a model by the hand-set formula over the matcher's own retriever; the best
    `limit` of them (all without a limit), best first."""
    # The labelled sets grade needs' achievements only: the reverse direction keeps the formula.
    model = ranker.current() if registry.of(source_listing).side == registry.WANT else None
    if model is None:  # the formula only knows the forward retriever's candidates
        hits = {"fwd": hits.get("fwd") or []}
    candidates, positions = features.fuse(hits)
    if not candidates:
        return []
    x = features.matrix(
        source_listing, p.body, p.chars, candidates, positions, peers, formula=_score
    )
    column = features.NAMES.index
    if model is None:
        scores = x[:, column("formula")]
    else:
        # The labelled sets hold no 五元 evaluations, so the ranker cannot learn their weight:
        # a published evaluation keeps its declared nudge (EVALUATION_WEIGHT) towards 1.
        evaluation = x[:, column("evaluation")]
        p_relevant = model.probability(x)
        scores = p_relevant + EVALUATION_WEIGHT * evaluation * (1 - p_relevant)
    industry = x[:, column("industry")]
    scores = [float(score) for score in scores]
    # Best first (a stable sort, ties keep retrieval order); only the kept ones become Matches.
    best = sorted(range(len(candidates)), key=lambda i: -scores[i])[:limit]
    matches = []
    for i in best:
        hit = candidates[i]
        src = hit["_source"]
        src.pop("body_c", None)
        model_name, pk = model_of(src.get("kind", ""), hit["_id"])
        matches.append(
            Match(
                kind=src.get("kind", ""),
                pk=pk,
                model=model_name,
                external_id=src.get("external_id", ""),
                title=src.get("title", ""),
                score=scores[i],
                strength=_strength(scores[i], model),
                source=src,
                features={
                    "retrieval": float(x[i, column("fwd_rel")]),
                    "mutual": float(x[i, column("mutual")]),
                    "industry": bool(industry[i]),
                },
            )
        )
    return matches


STRONG_FORMULA = 0.9  # without a model: the formula's score that search.services calls strong


def _strength(score: float, model) -> str:
    strong, weak = (
        (STRONG_FORMULA, 0.0) if model is None else (model.strong_threshold, model.match_threshold)
    )
    if score >= strong:
        return "strong"
    return "weak" if score >= weak else ""


def _score(relative: float, fit: float, evaluation_overall: int | None) -> float:
    score = (relative + MUTUAL_WEIGHT * fit) / (1 + MUTUAL_WEIGHT)
    if evaluation_overall:
        score += EVALUATION_WEIGHT * evaluation_overall / 100 * (1 - score)
    return score


def _run(listing, kinds, limit, candidates, with_why):
    p = listing_profile(listing)
    # The terms reasons may cite depend on the source alone: sorted while Elasticsearch searches.
    prepare = (lambda: p.citable_terms) if with_why else None
    hits, peers = retrieve(listing, p, kinds, size=max(candidates, limit), prepare=prepare)
    matches = rerank(listing, p, hits, peers, limit)
    if with_why:
        for m in matches:
            m.why = explain.reasons(listing, p, m)
    return matches


def matches_for(listing, *, limit: int | None = None, candidates=CANDIDATES, with_why=True):
    """Counterparts of any registered object: offers for a want (需求, 榜单), wants for an offer."""
    searchable = registry.of(listing)
    kinds = registry.SIDE_KINDS[_counterpart_side(searchable.side)]
    limit = searchable.match_limit if limit is None else limit
    return _run(listing, kinds, limit, candidates, with_why)


def match_need(need, *, limit: int = 10, candidates: int = CANDIDATES, with_why=True):
    return matches_for(need, limit=limit, candidates=candidates, with_why=with_why)


def match_achievement(achievement, *, limit=10, candidates=CANDIDATES, with_why=True):
    return matches_for(achievement, limit=limit, candidates=candidates, with_why=with_why)


def match_challenge(challenge, *, limit=5, candidates=CANDIDATES, with_why=True):
    """推荐成果 for a challenges-app 榜单: matched exactly like a need."""
    return matches_for(challenge, limit=limit, candidates=candidates, with_why=with_why)
