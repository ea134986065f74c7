"""Shared reads of the search app: keyword search with facets, and suggestions.

    search_listings(query="", filters=None, kinds=None, sort="relevance", page=1, per_page=20)

Only published listings are in the indices, so every caller sees exactly what public pages show.
"""

import html
import re
from dataclasses import dataclass, field

from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, Region

from . import registry, text
from .client import alias_name, get_client
from .indexing import model_of

KIND_LABELS = {"achievements": _("科技成果"), "needs": _("技术需求"), "challenges": _("揭榜挂帅")}
FACETS = {
    # name: (field, label, value labels; None: the labels the owning app registered)
    "kind": ("kind", _("类别"), KIND_LABELS),
    "industry": ("industry", _("产业"), None),
    "maturity": ("maturity", _("成熟度"), None),
    "patent_type": ("patent_type", _("专利类型"), None),
    "transfer_mode": ("transfer_modes", _("转化方式"), None),
    "organization_kind": ("organization_kind", _("机构类型"), dict(Organization.Kind.choices)),
    "region": ("region", _("地区"), dict(Region.choices)),
    "evaluated": ("evaluated", _("成果评价"), {"yes": _("已评价")}),
}
SORTS = {
    "relevance": (_("相关度"), ["_score", {"published_at": "desc"}]),
    "newest": (_("最新发布"), [{"published_at": "desc"}, "_score"]),
    "price_asc": (_("报价从低到高"), [{"asking_price_cny": {"order": "asc", "missing": "_last"}}]),
    "price_desc": (
        _("报价从高到低"),
        [{"asking_price_cny": {"order": "desc", "missing": "_last"}}],
    ),
}
MAX_PER_PAGE = 50
# Elasticsearch refuses from + size beyond index.max_result_window (10,000 by default); a page
# past it comes back empty (with the total and facets) instead of failing.
RESULT_WINDOW = 10_000


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    query: str
    total: int
    page: int
    per_page: int
    hits: list[dict] = field(default_factory=list)
    facets: dict[str, dict] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    sort: str = "relevance"

    @property
    def pages(self) -> int:
        reachable = min(self.total, RESULT_WINDOW)
        return max(1, -(-reachable // self.per_page))


def query_clause(query: str) -> dict:
    """Keyword query: jieba words and character bigrams, titles and keywords weigh more."""
    words = text.words(query)
    grams = text.grams(query)
    if not words and not grams:
        return {"match_all": {}}
    should = []
    if grams:
        gram_text = text.joined(grams)
        should += [
            {"match": {"title_g": {"query": gram_text, "boost": 3, "operator": "and"}}},
            {"match": {"body_g": {"query": gram_text, "minimum_should_match": "75%"}}},
        ]
    if words:
        word_text = text.joined(words)
        should += [
            {"match": {"keywords_w": {"query": word_text, "boost": 2}}},
            {"match": {"body_w": {"query": word_text, "operator": "and", "boost": 1.5}}},
        ]
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _filters(filters: dict) -> list[dict]:
    clauses = []
    for name, values in (filters or {}).items():
        if name not in FACETS or not values:
            continue
        values = [values] if isinstance(values, str) else list(values)
        clauses.append({"terms": {FACETS[name][0]: values}})
    return clauses


def _indices(kinds) -> str:
    kinds = [k for k in (kinds or KIND_LABELS) if k in KIND_LABELS] or list(KIND_LABELS)
    return ",".join(alias_name(k) for k in kinds)


def search_listings(
    *,
    query: str = "",
    filters: dict | None = None,
    kinds=None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
) -> SearchResult:
    query = (query or "").strip()[:200]
    sort = sort if sort in SORTS else "relevance"
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    start = (page - 1) * per_page
    within = start + per_page <= RESULT_WINDOW
    body = {
        "query": query_clause(query),
        "sort": SORTS[sort][1],
        "from": start if within else 0,
        "size": per_page if within else 0,
        "track_total_hits": True,
        "aggs": facet_aggregations(filters),
        "_source": {"excludes": ["*_w", "*_g", "*_c", "suggest"]},
    }
    if filters:
        # Filters narrow the hits after aggregation, so every facet can count by all the other
        # filters: choosing one industry still shows how many results the others would give.
        body["post_filter"] = {"bool": {"filter": _filters(filters)}}
    response = get_client().search(index=_indices(kinds), ignore_unavailable=True, **body)
    result = SearchResult(
        query=query,
        total=response["hits"]["total"]["value"],
        page=page,
        per_page=per_page,
        sort=sort,
    )
    terms = highlight_terms(query)
    industries = registry.labels("industry")  # names in the reader's language
    result.hits = [_hit(h, terms, industries) for h in response["hits"]["hits"]]
    result.facets = _facets(response.get("aggregations", {}), filters)
    if result.total == 0 and query:
        result.suggestions = suggestions_for(query, kinds=kinds)
    return result


def facet_aggregations(filters: dict) -> dict:
    """One aggregation per facet, each under a filter of every selected facet but its own."""
    aggs = {}
    for name, (field_name, _label, _values) in FACETS.items():
        others = _filters({k: v for k, v in filters.items() if k != name})
        aggs[name] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": {"terms": {"field": field_name, "size": 30}}},
        }
    return aggs


def _facets(aggs: dict, filters: dict) -> dict[str, dict]:
    out = {}
    for name, (_field, label, labels) in FACETS.items():
        buckets = aggs.get(name, {}).get("values", {}).get("buckets", [])
        if labels is None:
            labels = registry.labels(name)
        selected = filters.get(name) or []
        selected = [selected] if isinstance(selected, str) else selected
        values = [
            FacetValue(
                value=b["key"],
                label=str((labels or {}).get(b["key"], b["key"])),
                count=b["doc_count"],
                selected=b["key"] in selected,
            )
            for b in buckets
            if b["key"]
        ]
        if values:
            out[name] = {"label": label, "values": values}
    return out


def listing_url(kind: str, pk: int, *, model: str = "") -> str:
    """Detail page of an indexed object: model is its searchable's name ("achievement", "need",
    "challenge"); without it, the one model the index kind holds."""
    try:
        searchable = registry.named(model) if model else registry.by_document(kind, pk)[0]
        return searchable.url(pk)
    except (LookupError, NoReverseMatch):
        return ""


def _hit(hit: dict, terms: list[str], industries: dict | None = None) -> dict:
    src = hit["_source"]
    summary = src.get("summary") or ""
    model, pk = model_of(src.get("kind"), hit["_id"])
    return {
        "id": pk,
        "model": model,
        "kind": src.get("kind"),
        "kind_label": str(KIND_LABELS.get(src.get("kind"), "")),
        "external_id": src.get("external_id") or None,
        "title": src.get("title", ""),
        "title_html": highlight(src.get("title", ""), terms),
        "snippet_html": highlight(snippet(summary, terms), terms),
        "summary": summary,
        "industry": src.get("industry"),
        "industry_name": (industries or {}).get(src.get("industry")) or src.get("industry_name"),
        "organization_name": src.get("organization_name"),
        "maturity": src.get("maturity"),
        "asking_price_cny": src.get("asking_price_cny"),
        "budget_max_cny": src.get("budget_max_cny"),
        "published_at": src.get("published_at"),
        "bounty_cny": src.get("bounty_cny"),
        "mechanism_label": src.get("mechanism_label"),
        "deadline": src.get("deadline"),
        "url": listing_url(src.get("kind"), pk, model=model),
        "score": hit.get("_score"),
    }


def highlight_terms(query: str) -> list[str]:
    """What to mark in results: the query's words, longest first (so '胶黏剂' beats '胶')."""
    terms = set(text.words(query)) | set(text.precise_words(query))
    if not terms:
        terms = {t for t in text.normalize(query).split() if t}
    return sorted(terms, key=len, reverse=True)


def highlight(value: str, terms: list[str]) -> str:
    """HTML-escaped text with the terms wrapped in <mark> (case-insensitive)."""
    if not terms or not value:
        return html.escape(value)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(value):
        out.append(html.escape(value[last : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        last = m.end()
    out.append(html.escape(value[last:]))
    return "".join(out)


def snippet(value: str, terms: list[str], width: int = 120) -> str:
    """About `width` characters of value around the first term found."""
    if len(value) <= width:
        return value
    lowered = value.lower()
    positions = [lowered.find(t.lower()) for t in terms if lowered.find(t.lower()) >= 0]
    start = max(0, min(positions) - width // 4) if positions else 0
    piece = value[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(value) else "")


def suggestions_for(query: str, *, kinds=None, size: int = 8) -> list[str]:
    """When nothing matches: key terms of listings that share the most characters with the
    query, so a user who typed trade words sees the technical words listings use."""
    chars = text.chars(query)
    if not chars:
        return []
    response = get_client().search(
        index=_indices(kinds),
        ignore_unavailable=True,
        size=0,
        query={"match": {"body_c": {"query": text.joined(chars), "minimum_should_match": "50%"}}},
        aggs={"terms": {"terms": {"field": "key_terms", "size": size}}},
    )
    buckets = response.get("aggregations", {}).get("terms", {}).get("buckets", [])
    return [b["key"] for b in buckets if b["key"] != query]


def autocomplete(prefix: str, *, size: int = 8) -> list[dict]:
    """Search-as-you-type for the header box: titles starting with, or containing, the text."""
    prefix = (prefix or "").strip()[:50]
    if not prefix:
        return []
    grams = text.grams(prefix)
    should = [{"prefix": {"suggest": {"value": prefix, "boost": 3}}}]
    if grams:
        should.append({"match": {"title_g": {"query": text.joined(grams), "operator": "and"}}})
    response = get_client().search(
        index=_indices(None),
        ignore_unavailable=True,
        size=size,
        query={"bool": {"should": should, "minimum_should_match": 1}},
        source=["title", "kind"],
    )
    out = []
    for h in response["hits"]["hits"]:
        kind = h["_source"]["kind"]
        model, pk = model_of(kind, h["_id"])
        out.append(
            {
                "title": h["_source"]["title"],
                "kind": kind,
                "kind_label": str(KIND_LABELS.get(kind, "")),
                "url": listing_url(kind, pk, model=model),
            }
        )
    return out


def recommended_achievements(challenge, *, limit: int = 5) -> list:
    """推荐成果 of a 揭榜挂帅榜单: published achievements that could solve it, with reasons."""
    from .matching import match_challenge

    return match_challenge(challenge, limit=limit)
