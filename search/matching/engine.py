"""Candidate retrieval (Elasticsearch) and re-ranking (Python) for matches."""

import re
from dataclasses import dataclass, field

from marketplace.models import Achievement, Need

from .. import text
from ..client import alias_name, get_client
from . import compat, explain
from . import profile as profiles

CANDIDATES = 50

# Measured on a labelled development set (bench/matching_quality); none of these refers to a
# particular listing or word. Single characters beat words there: trade language and technical
# language share characters far more often than jieba words.
WISH_BOOST = 0.5  # sentences saying what the author wants ("希望…", "想找…") count half again
INDUSTRY_BOOST = 0.5  # same industry helps, but many good matches cross industries
COMPAT_WEIGHT = 0.0  # measured: any weight > 0 lowered recall; compatibility feeds the "why"
WISH = re.compile(
    r"[^。！？；!?;\n]*(?:希望|想找|想要|求|要求|需要|寻求|最好|能否|能不能)[^。！？；!?;\n]*"
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

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "id": self.pk,
            "external_id": self.external_id,
            "title": self.title,
            "score": round(self.score, 4),
            "why": self.why,
        }


def listing_profile(listing) -> profiles.Profile:
    body = (
        listing.description
        if isinstance(listing, Need)
        else f"{listing.summary}\n{listing.description}"
    )
    return profiles.build(listing.title, list(listing.keywords or []), body)


def build_query(p: profiles.Profile, *, industry: str | None, exclude_ids=()) -> dict:
    should = [{"match": {"body_c": {"query": text.joined(text.chars(p.full_text))}}}]
    wish = " ".join(WISH.findall(p.body))
    if wish:
        should.append(
            {"match": {"body_c": {"query": text.joined(text.chars(wish)), "boost": WISH_BOOST}}}
        )
    if industry:
        should.append({"term": {"industry": {"value": industry, "boost": INDUSTRY_BOOST}}})
    query = {"bool": {"should": should, "minimum_should_match": 1}}
    if exclude_ids:
        query["bool"]["must_not"] = [{"ids": {"values": [str(i) for i in exclude_ids]}}]
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
    "title_w",
    "keywords_w",
    "body_w",
    "key_terms",
    "technical_field",
]


def retrieve(query: dict, kinds: list[str], size: int = CANDIDATES) -> list[dict]:
    index = ",".join(alias_name(k) for k in kinds)
    response = get_client().search(
        index=index, query=query, size=size, source=SOURCE_FIELDS, ignore_unavailable=True
    )
    return response["hits"]["hits"]


def rerank(source_listing, p: profiles.Profile, hits: list[dict]) -> list[Match]:
    """Score in [0, 1]: retrieval score relative to the best candidate, compatibility as a
    tie-breaker. Features are kept for the explanation."""
    if not hits:
        return []
    top = hits[0]["_score"] or 1.0
    matches = []
    for hit in hits:
        src = hit["_source"]
        signals = compat.signals(source_listing, src)
        relative = (hit["_score"] or 0.0) / top
        score = (1 - COMPAT_WEIGHT) * relative + COMPAT_WEIGHT * compat.score(signals)
        matches.append(
            Match(
                kind=src.get("kind", ""),
                pk=int(hit["_id"]),
                external_id=src.get("external_id", ""),
                title=src.get("title", ""),
                score=score,
                source=src,
                features={
                    "retrieval": relative,
                    "industry": src.get("industry") == source_listing.industry.code,
                    "signals": signals,
                },
            )
        )
    matches.sort(key=lambda m: -m.score)
    return matches


def _dismissed(listing) -> list[int]:
    from ..feedback import dismissed_counterparts

    return dismissed_counterparts(listing)


def _run(listing, kinds, limit, candidates, with_why):
    p = listing_profile(listing)
    query = build_query(p, industry=listing.industry.code, exclude_ids=_dismissed(listing))
    hits = retrieve(query, kinds, size=max(candidates, limit))
    matches = rerank(listing, p, hits)[:limit]
    if with_why:
        for m in matches:
            m.why = explain.reasons(p, m)
    return matches


def match_need(need: Need, *, limit: int = 10, candidates: int = CANDIDATES, with_why=True):
    return _run(need, ["achievements"], limit, candidates, with_why)


def match_achievement(achievement: Achievement, *, limit=10, candidates=CANDIDATES, with_why=True):
    return _run(achievement, ["needs", "challenges"], limit, candidates, with_why)


def matches_for(listing, **kwargs):
    if isinstance(listing, Achievement):
        return match_achievement(listing, **kwargs)
    return match_need(listing, **kwargs)
